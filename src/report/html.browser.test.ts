// report.html opened in headless Chromium (playwright-core): no console errors, counts match the
// record, filters change what is visible, hostile strings run nothing, 1M readings plot fast.
// One browser for the whole file. Screenshots go to test-artifacts/ (git-ignored).
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
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
  writeHtml,
} from "../../test/support/report-browser.js";
import {
  CASE_SPIKE_FRACTION,
  createSyntheticLiveRecord,
} from "../../test/support/synthetic-live-record.js";
import { HOSTILE_VENDOR } from "../../test/support/synthetic-record.js";
import { createSyntheticValidateRecord } from "../../test/support/synthetic-validate-record.js";
import { describeWithTool, gateTool } from "../../test/support/tools.js";
import { repoRoot } from "../util/repo-root.js";
import { renderHtml } from "./html.js";
import type { ReportData } from "./html-columns.js";
import { loadRecord } from "./load-record.js";
import { buildRunModel } from "./run-model.js";

let browser: Browser;

describeWithTool(gateTool(CHROMIUM, "chromium"), "report.html in headless Chromium", () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("one datasheet: no console errors, no network, counts match the record", async () => {
    const lines = createSyntheticValidateRecord({ datasheets: 1, showcase: true });
    const { page, errors, requests } = await open(browser, writeHtml("one", lines));
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const counts = tally(lines);
    for (const [outcome, n] of Object.entries(counts)) {
      expect(await page.textContent(`#count-${outcome}`)).toBe(String(n));
    }
    expect(await page.textContent("#verdict")).toContain("FAIL");
    const rows = await shownRows(page);
    expect(rows).toHaveLength(lines.filter((l) => l.type === "verdict").length);
    expect(await page.$("#matrix")).toBeNull();
    await page.screenshot({
      path: join(getArtifactDir(), "report-1-datasheet.png"),
      fullPage: true,
    });
    await page.close();
  });

  it("1,000 datasheets: counts, matrix, and every filter changes what is visible", async () => {
    const lines = createSyntheticValidateRecord({ datasheets: 1000, seed: 11 });
    const path = writeHtml("thousand", lines);
    const { page, errors } = await open(browser, path);
    expect(errors).toEqual([]);
    const counts = tally(lines);
    for (const [outcome, n] of Object.entries(counts)) {
      expect(await page.textContent(`#count-${outcome}`)).toBe(String(n));
    }
    const verdicts = lines.filter((l) => l.type === "verdict").length;
    expect(await shownTotal(page)).toBe(verdicts);
    expect(await page.$$eval("#rows-body tr", (r) => r.length)).toBe(100);
    expect(await page.$$eval("#matrix-body tr", (r) => r.length)).toBe(50);

    // Failing and marginal only.
    await setFilter(page, "#f-outcome", "problems");
    expect(await shownTotal(page)).toBe(
      (counts.fail ?? 0) + (counts.marginal ?? 0) + (counts.error ?? 0),
    );
    for (const row of await shownRows(page))
      expect(["fail", "marginal", "error"]).toContain(row.outcome);
    await setFilter(page, "#f-outcome", "fail");
    expect(await shownTotal(page)).toBe(counts.fail);
    expect(new Set((await shownRows(page)).map((r) => r.outcome))).toEqual(new Set(["fail"]));

    // By area.
    await setFilter(page, "#f-outcome", "all");
    await setFilter(page, "#f-area", "cooling");
    const cooling = lines.filter(
      (l) => l.type === "verdict" && l.limitId.startsWith("SYN-COO-"),
    ).length;
    expect(await shownTotal(page)).toBe(cooling);
    for (const row of await shownRows(page)) expect(row.text).toContain("SYN-COO-");

    // Text search.
    await setFilter(page, "#f-area", "all");
    await page.fill("#f-text", "SYN-MGT-003");
    await page.waitForFunction(
      () =>
        /of [\d,]+ rows/.test(document.querySelector("#shown")?.textContent ?? "") &&
        !document.querySelector("#rows-body tr:not(:has(code))") &&
        Array.from(document.querySelectorAll("#rows-body code")).every(
          (c) => c.textContent === "SYN-MGT-003",
        ),
    );
    const mgt = lines.filter((l) => l.type === "verdict" && l.limitId === "SYN-MGT-003").length;
    expect(await shownTotal(page)).toBe(mgt);
    await page.fill("#f-text", "");
    await page.waitForFunction(
      (n) => document.querySelector("#shown")?.textContent?.includes(`of ${n} rows`),
      verdicts,
    );

    // The matrix links to one datasheet's rows in one area.
    await setFilter(page, "#f-outcome", "fail");
    const link = page.locator("#matrix-body td.cell a.o-fail").first();
    const href = (await link.getAttribute("href")) ?? "";
    await link.click();
    await page.waitForFunction(() => !document.querySelector("#f-subject")?.hasAttribute("hidden"));
    const [, index, area] = /#s=(\d+)&a=(\w+)/.exec(href) ?? [];
    const subjectName = (
      lines.filter((l) => l.type === "subject")[Number(index)] as { name: string }
    ).name;
    expect(await page.textContent("#f-subject-name")).toBe(subjectName);
    expect(await page.inputValue("#f-area")).toBe(area);
    const rows = await shownRows(page);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.text).toContain(subjectName);
      expect(row.outcome).toBe("fail");
    }
    await page.click("#f-subject-clear");
    expect(await page.isHidden("#f-subject")).toBe(true);
    await setFilter(page, "#f-outcome", "all");
    await setFilter(page, "#f-area", "all");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(getArtifactDir(), "report-1000-datasheets.png") });
    await page.close();
  });

  it("hostile vendor strings show as text and run nothing", async () => {
    const lines = createSyntheticValidateRecord({ datasheets: 1, hostile: true, showcase: true });
    const html = renderHtml(buildRunModel(lines));
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    const { page, errors, dialogs } = await open(browser, writeHtml("xss", lines));
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
    ).toBeUndefined();
    expect(await page.$$eval("img", (imgs) => imgs.length)).toBe(0);
    expect(await page.$$eval("script", (s) => s.length)).toBe(2);
    expect(await page.textContent(".meta")).toContain(HOSTILE_VENDOR);
    await page.close();

    // Same strings in a 3-datasheet run: the matrix and rows build them with textContent too.
    const many = createSyntheticValidateRecord({ datasheets: 3, hostile: true, showcase: true });
    for (const line of many) if (line.type === "subject") line.name = `${HOSTILE_VENDOR}.yaml`;
    const second = await open(browser, writeHtml("xss-many", many));
    expect(second.errors).toEqual([]);
    expect(second.dialogs).toEqual([]);
    expect(
      await second.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
    ).toBeUndefined();
    expect(await second.page.textContent("#matrix-body")).toContain(HOSTILE_VENDOR);
    await second.page.close();
  });

  it("an incomplete record renders, marked INCOMPLETE", async () => {
    const lines = createSyntheticValidateRecord({
      datasheets: 3,
      incomplete: true,
      showcase: true,
    });
    const { page, errors } = await open(browser, writeHtml("incomplete", lines));
    expect(errors).toEqual([]);
    expect(await page.textContent("#verdict")).toContain("INCOMPLETE");
    expect(await page.isVisible("#incomplete")).toBe(true);
    await page.close();
  });

  it("1,000,000 readings: under 5 MB, plots with limit lines, peaks kept, opens fast", async () => {
    const lines = createSyntheticLiveRecord({ readings: 1_000_000 });
    const started = performance.now();
    const html = renderHtml(buildRunModel(lines));
    const renderMs = performance.now() - started;
    const path = join(dir, "live.html");
    writeFileSync(path, html);
    const bytes = statSync(path).size;
    expect(bytes).toBeLessThan(5_000_000);

    // The downsampled case temperature still shows the one reading above its limit.
    const json =
      /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}";
    const data = JSON.parse(json) as ReportData;
    const readings = lines.filter((l) => l.type === "readings" && l.channel === "case temperature");
    let rawMax = Number.NEGATIVE_INFINITY;
    for (const l of readings)
      if (l.type === "readings") for (const x of l.v) rawMax = Math.max(rawMax, x);
    const plot = data.plots.find((p) => p.channel === "case temperature");
    expect(plot && Math.max(...plot.v)).toBe(rawMax);
    expect(plot?.lines[0]?.[1]).toBeLessThan(rawMax);
    expect(CASE_SPIKE_FRACTION).toBeGreaterThan(0);

    const { page, errors, ms } = await open(browser, path);
    expect(errors).toEqual([]);
    expect(await page.$$eval("#plots-box .plot", (p) => p.length)).toBe(7);
    expect(await page.$$eval("#plots-box canvas", (c) => c.length)).toBe(7);
    const legend = await page.textContent("#plots-box");
    expect(legend).toContain("SYN-COO-005 max");
    expect(ms).toBeLessThan(3000);
    await page.screenshot({ path: join(getArtifactDir(), "report-live-1M.png"), fullPage: true });
    writeFileSync(
      join(getArtifactDir(), "report-live-1M.txt"),
      `report.html ${bytes} bytes; render ${Math.round(renderMs)} ms; open ${Math.round(ms)} ms\n`,
    );
    await page.close();
  });

  it("a browser that cannot unpack the passing rows still shows every problem row and says so", async () => {
    const lines = createSyntheticValidateRecord({ datasheets: 50, seed: 3 });
    const path = writeHtml("no-decompression", lines);
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.addInitScript(() => {
      Reflect.deleteProperty(window, "DecompressionStream");
    });
    await page.goto(pathToFileURL(path).href);
    await page.waitForSelector("html[data-ready=true][data-complete=true]", { timeout: 10_000 });
    expect(errors).toEqual([]);
    expect(await page.textContent("#shown")).toContain("could not unpack the passing rows");
    const counts = tally(lines);
    const problems = (counts.fail ?? 0) + (counts.marginal ?? 0) + (counts.error ?? 0);
    expect(problems).toBeGreaterThan(0);
    const shown = (await shownRows(page)).map((r) => r.outcome);
    expect(shown).toHaveLength(Math.min(problems, 100));
    for (const outcome of shown) expect(["fail", "marginal", "error"]).toContain(outcome);
    await page.close();
  });

  // Regenerate the README screenshot (see docs/reports.md):
  //   npx xpo validate fixtures/datasheets/pass fixtures/datasheets/marginal \
  //     fixtures/datasheets/fail/XPO-PWR-001.yaml fixtures/datasheets/fail/XPO-COOL-001.yaml --out /tmp/shot
  //   XPO_DOCS_SCREENSHOT=/tmp/shot/run.jsonl npx vitest run src/report/html.browser -t docs
  // XPO_DOCS_SCREENSHOT=1 uses a synthetic record instead.
  const docsRecord = process.env.XPO_DOCS_SCREENSHOT;
  it.runIf(docsRecord !== undefined && docsRecord !== "")("docs/img/report.png", async () => {
    const path = join(dir, "docs.html");
    if (docsRecord === "1") {
      writeHtml("docs", createSyntheticValidateRecord({ datasheets: 6, showcase: true, seed: 2 }));
    } else {
      writeFileSync(path, renderHtml(await loadRecord(docsRecord as string)));
    }
    const { page } = await open(browser, path, 1360);
    await setFilter(page, "#f-outcome", "problems");
    mkdirSync(join(repoRoot, "docs", "img"), { recursive: true });
    // Top of the page (header, summary, matrix, first failing rows), kept under 300 KB.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({
      path: join(repoRoot, "docs", "img", "report.png"),
      clip: { x: 0, y: 0, width: 1360, height: Math.min(height, 1640) },
      fullPage: true,
    });
    expect(readFileSync(join(repoRoot, "docs", "img", "report.png")).length).toBeLessThan(300_000);
    await page.close();
  });
});
