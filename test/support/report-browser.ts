// Opening report.html in headless Chromium for the browser tests (playwright-core): the launch
// flags, a page opened until its script is ready (console errors, dialogs and network requests
// collected), and readers of the rows table and its filters.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { renderHtml } from "../../src/report/html.js";
import { buildRunModel } from "../../src/report/run-model.js";
import type { RecordLine } from "../../src/run/record.js";

export const CHROMIUM = "/usr/bin/chromium";
export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const dir = mkdtempSync(join(tmpdir(), "xpo-html-"));

export interface Opened {
  page: Page;
  errors: string[];
  dialogs: string[];
  requests: string[];
  ms: number;
}

export function writeHtml(name: string, lines: RecordLine[]): string {
  const path = join(dir, `${name}.html`);
  writeFileSync(path, renderHtml(buildRunModel(lines)));
  return path;
}

// Open a report and wait until its script has built the page.
export async function open(browser: Browser, path: string, width = 1360): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const opened: Opened = { page, errors: [], dialogs: [], requests: [], ms: 0 };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") opened.errors.push(m.text());
  });
  page.on("pageerror", (e) => opened.errors.push(String(e)));
  page.on("dialog", (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("request", (r) => {
    if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) opened.requests.push(r.url());
  });
  const started = performance.now();
  await page.goto(pathToFileURL(path).href);
  await page.waitForSelector("html[data-ready=true]", { timeout: 10_000 });
  opened.ms = performance.now() - started;
  return opened;
}

export function tally(lines: RecordLine[]) {
  const counts: Record<string, number> = {
    pass: 0,
    fail: 0,
    marginal: 0,
    "not-applicable": 0,
    error: 0,
    "input-error": 0,
  };
  for (const line of lines) {
    if (line.type === "verdict") counts[line.outcome] = (counts[line.outcome] ?? 0) + 1;
    if (line.type === "input-error") counts["input-error"] = (counts["input-error"] ?? 0) + 1;
  }
  return counts;
}

export async function shownRows(page: Page): Promise<{ outcome: string; text: string }[]> {
  return page.$$eval("#rows-body tr", (rows) =>
    rows.map((r) => ({ outcome: r.getAttribute("data-outcome") ?? "", text: r.textContent ?? "" })),
  );
}

export async function shownTotal(page: Page): Promise<number> {
  const text = (await page.textContent("#shown")) ?? "";
  const match = /of ([\d,]+) rows/.exec(text);
  return match ? Number(match[1]?.replace(/,/g, "")) : 0;
}

export async function setFilter(page: Page, id: string, value: string): Promise<void> {
  await page.selectOption(id, value);
}
