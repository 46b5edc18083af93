// report.html of 10,000 datasheets in headless Chromium (issue 15): the failing, marginal and
// error rows inline and worst first, every other row packed; the page is ready with its first
// page of rows and unpacks the rest after, and every filter covers every row (one used before the
// rest is unpacked waits for it). The open time goes to test-artifacts/ (the bench row
// "report.html in Chromium" is the measure; no timing is asserted here).
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getArtifactDir } from "../../test/support/paths.js";
import {
  ARGS,
  CHROMIUM,
  dir,
  open,
  setFilter,
  shownRows,
  shownTotal,
  tally,
} from "../../test/support/report-browser.js";
import { createSyntheticValidateRecord } from "../../test/support/synthetic-validate-record.js";
import { describeWithTool, gateTool } from "../../test/support/tools.js";
import { renderHtml } from "./html.js";
import { type ReportData, SUBJECT } from "./html-columns.js";
import { buildRunModel } from "./run-model.js";

let browser: Browser;

describeWithTool(gateTool(CHROMIUM, "chromium"), "report.html of 10,000 datasheets", () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("10,000 datasheets: problems inline worst first, the rest packed; filters cover every row", async () => {
    const lines = createSyntheticValidateRecord({ datasheets: 10_000, seed: 11 });
    const html = renderHtml(buildRunModel(lines));
    const path = join(dir, "ten-thousand.html");
    writeFileSync(path, html);
    const json =
      /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}";
    const data = JSON.parse(json) as ReportData;
    const counts = tally(lines);
    const verdicts = lines.filter((l) => l.type === "verdict").length;
    const problems = (counts.fail ?? 0) + (counts.marginal ?? 0) + (counts.error ?? 0);
    // Inline: only the failing, marginal and error rows; everything else in packed blocks.
    expect(data.rows).toBe(verdicts);
    expect(data.v.s).toHaveLength(problems);
    expect(new Set(data.v.o.map((o) => data.outcomes[o]))).toEqual(
      new Set(["fail", "marginal", "error"].filter((o) => (counts[o] ?? 0) > 0)),
    );
    expect(data.packed.length).toBeGreaterThan(1);

    const { page, errors, ms } = await open(browser, path);
    expect(errors).toEqual([]);
    expect(await shownTotal(page)).toBe(verdicts);
    // Worst first: every fail before any error, every error before any marginal, then the rest.
    const first = (await shownRows(page)).map((r) => r.outcome);
    expect(first[0]).toBe("fail");
    const rank = ["fail", "error", "marginal", "pass", "not-applicable"];
    const ranks = first.map((o) => Math.min(rank.indexOf(o), 3));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Filters cover every row: wait until the page says all of them are unpacked.
    await page.waitForSelector("html[data-complete=true]", { timeout: 30_000 });
    for (const outcome of ["pass", "not-applicable", "fail", "marginal"]) {
      await setFilter(page, "#f-outcome", outcome);
      expect(await shownTotal(page), outcome).toBe(counts[outcome]);
      const shown = new Set((await shownRows(page)).map((r) => r.outcome));
      expect(shown, outcome).toEqual(new Set([outcome]));
    }
    await setFilter(page, "#f-outcome", "all");
    await page.fill("#f-text", "SYN-MGT-003");
    const mgt = lines.filter((l) => l.type === "verdict" && l.limitId === "SYN-MGT-003").length;
    await page.waitForFunction(
      (n) => document.querySelector("#shown")?.textContent?.includes(`of ${n} rows`),
      mgt,
    );
    await page.close();

    // A link to one subject is followed before the rest of the rows are unpacked: the rows come
    // once they are: every one of that subject's, the last subject's rows being in the last block.
    const last = data.subjects.length - 1;
    const linked = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await linked.goto(`${pathToFileURL(path).href}#s=${last}`);
    await linked.waitForSelector("html[data-complete=true]", { timeout: 30_000 });
    const subjectLines = lines.filter((l) => l.type === "subject");
    const lastId = subjectLines[subjectLines.length - 1]?.subjectId;
    expect(subjectLines).toHaveLength(data.subjects.length);
    const ofLast = lines.filter((l) => l.type === "verdict" && l.subjectId === lastId).length;
    expect(ofLast).toBeGreaterThan(0);
    expect(await shownTotal(linked)).toBe(ofLast);
    expect(await linked.textContent("#f-subject-name")).toBe(data.subjects[last]?.[SUBJECT.name]);
    await linked.close();
    writeFileSync(
      join(getArtifactDir(), "report-10000-datasheets.txt"),
      `report.html ${statSync(path).size} bytes; open ${Math.round(ms)} ms\n`,
    );
  });
});
