// report.html layout (issue 12, item 8), screenshot-tested at 1280 and 1920 px in headless
// Chromium: the limits table fits the window (no sideways scroll for any column), failures come
// first, the summary is above the fold, bit error ratio margins read in decades, and a simulated
// bench's plots say their time is simulated. Item 7: sources on hover and listed. Screenshots go
// to test-artifacts/.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getArtifactDir } from "../../test/support/paths.js";
import { ARGS, CHROMIUM, open, shownRows } from "../../test/support/report-browser.js";
import { createSyntheticLiveRecord } from "../../test/support/synthetic-live-record.js";
import { describeWithTool, gateTool } from "../../test/support/tools.js";
import { loadProfile } from "../profile/load-profile.js";
import type { RecordLine } from "../run/record.js";
import { repoRoot } from "../util/repo-root.js";
import { runValidateWithReports } from "../validate/validate-with-reports.js";
import { renderHtml } from "./html.js";
import { buildRunModel } from "./run-model.js";

const HEIGHT = 900;
let browser: Browser;
let report: string;

describeWithTool(gateTool(CHROMIUM, "chromium"), "report.html layout", () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    // Every fixture datasheet (pass, marginal, one failing file per limit) with the real profile.
    const out = mkdtempSync(join(tmpdir(), "xpo-layout-"));
    await runValidateWithReports({
      inputs: [join(repoRoot, "fixtures", "datasheets")],
      profile: loadProfile(),
      outDir: out,
    });
    report = join(out, "report.html");
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const width of [1280, 1920])
    it(`${width} px: every column fits, failures first, summary above the fold`, async () => {
      const { page, errors } = await open(browser, report, width);
      await page.setViewportSize({ width, height: HEIGHT });
      expect(errors).toEqual([]);
      const layout = await page.evaluate(() => {
        const scroll = document.querySelector("#limits .scroll") as HTMLElement;
        const headers = Array.from(document.querySelectorAll("table.rows th"));
        const bottom = (selector: string) =>
          (document.querySelector(selector) as HTMLElement).getBoundingClientRect().bottom;
        return {
          scrollWidth: scroll.scrollWidth,
          clientWidth: scroll.clientWidth,
          pageWidth: document.documentElement.scrollWidth,
          lastHeaderRight: headers.at(-1)?.getBoundingClientRect().right ?? Infinity,
          verdictBottom: bottom("#verdict"),
          summaryBottom: bottom(".cards"),
        };
      });
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.pageWidth).toBeLessThanOrEqual(width);
      expect(layout.lastHeaderRight).toBeLessThanOrEqual(width);
      expect(layout.summaryBottom).toBeLessThanOrEqual(HEIGHT);
      expect(layout.verdictBottom).toBeLessThanOrEqual(HEIGHT);
      // Worst first: the fixtures fail, so the first row is a failure.
      const rows = await shownRows(page);
      expect(rows[0]?.outcome).toBe("fail");
      await page.screenshot({ path: join(getArtifactDir(), `report-layout-${width}.png`) });

      // Pre-FEC BER (XPO-OPT-004, a ratio): margins in decades, the linear margin on hover.
      await page.fill("#f-text", "pre-fec bit error ratio");
      await page.waitForFunction(() => {
        const codes = Array.from(document.querySelectorAll("#rows-body code"));
        return codes.length > 0 && codes.every((c) => c.textContent === "XPO-OPT-004");
      });
      const margins = await page.$$eval("#rows-body tr", (trs) =>
        trs.map((tr) => {
          const cell = tr.querySelector("td.num.obs + td.bound + td") as HTMLElement;
          return { text: cell.textContent ?? "", title: cell.title };
        }),
      );
      expect(margins.filter((m) => m.text !== "").length).toBeGreaterThan(0);
      for (const margin of margins.filter((m) => m.text !== "")) {
        expect(margin.text).toMatch(/^[+-](\d+(\.\d+)?|∞) decades$/);
        expect(margin.title).toMatch(/^margin [+-]?[\d.e-]+ \(linear\)$/);
      }
      await page.close();
    });

  it("a failed limit below the gate shows a warning pill, a gated failure a fail pill", async () => {
    const { page, errors } = await open(browser, report, 1920);
    expect(errors).toEqual([]);
    await page.selectOption("#f-outcome", "fail");
    const pills = await page.$$eval("#rows-body tr", (rows) =>
      rows.map((r) => ({
        pill: r.querySelector(".pill")?.textContent ?? "",
        warning: (r.textContent ?? "").includes("WARNING, not failing"),
      })),
    );
    expect(pills.some((p) => p.warning)).toBe(true);
    expect(pills.some((p) => !p.warning)).toBe(true);
    for (const p of pills) expect(p.pill).toBe(p.warning ? "WARNING" : "FAIL");
    await page.close();
  });

  it("names each cited source on hover and lists the profile's sources (issue 12, item 7)", async () => {
    const sources = JSON.parse(
      readFileSync(join(repoRoot, "schemas/xpo/public-2026-11/sources.json"), "utf8"),
    ) as { sources: { id: string; publisher: string }[] };
    const { page, errors } = await open(browser, report, 1280);
    expect(errors).toEqual([]);
    const listed = await page.$$eval("#sources tbody tr", (trs) =>
      trs.map((tr) => [tr.querySelector("code")?.textContent, tr.children[1]?.textContent]),
    );
    expect(listed).toEqual(sources.sources.map((s) => [s.id, s.publisher]));
    await page.fill("#f-text", "XPO-PWR-001");
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll("#rows-body code")).some(
        (c) => c.textContent === "XPO-PWR-001",
      ),
    );
    const hover = await page.$$eval("#rows-body tr", (trs) => {
      const row = trs.find((tr) => tr.querySelector("code")?.textContent === "XPO-PWR-001");
      return (row?.querySelector("td.src") as HTMLElement | null)?.title ?? "";
    });
    const cited = sources.sources.find((s) => s.id === "S3");
    expect(hover).toContain(`S3: ${cited?.publisher}`);
    await page.close();
  });

  it("a simulated bench's plots say their time is simulated bench time", async () => {
    const lines = createSyntheticLiveRecord({ readings: 20_000 }).map((line): RecordLine => {
      if (line.type !== "run-start") return line;
      const live = { dut: "SIM-1", stationFile: "sim.yaml", steps: [], timeScale: 600 };
      return { ...line, live };
    });
    const path = join(mkdtempSync(join(tmpdir(), "xpo-layout-")), "sim.html");
    writeFileSync(path, renderHtml(buildRunModel(lines)));
    const { page, errors } = await open(browser, path, 1280);
    expect(errors).toEqual([]);
    const notes = await page.$$eval("#plots-box .note", (n) => n.map((e) => e.textContent));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note).toContain("simulated bench seconds (600× real time)");
    await page.close();
  });
});
