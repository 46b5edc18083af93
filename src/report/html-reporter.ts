// The report.html reporter: gathers the page data subject by subject (column-wise, see
// html-data.ts) and writes the page at the end, in parts (see renderReportPageParts), to a fresh
// partial file renamed over report.html (never written through a link at that path).
import { join } from "node:path";
import { writeFileFresh } from "../util/fresh-file.js";
import { BaselineComparison } from "./baseline.js";
import { collectFindings } from "./findings.js";
import { getFailOn } from "./gate.js";
import type { renderReportPageParts } from "./html.js";
import { ReportDataBuilder } from "./html-data.js";
import {
  type CreateReporter,
  type FinishedRunView,
  type Reporter,
  type RunView,
  type SubjectView,
  writeOnDisk,
} from "./reporter.js";

type RenderPage = typeof renderReportPageParts;
// The page renderer and the page's script (html.ts imports the generated client bundle): loaded
// by prepare(), when the reports are written, so a run that writes no page never loads them.
let renderPage: RenderPage | undefined;

class HtmlReporter implements Reporter {
  readonly name = "html";
  readonly label = "report";
  readonly file: string;
  #data: ReportDataBuilder | undefined;
  #run: RunView | undefined;
  #comparison: BaselineComparison | undefined;

  constructor(outDir: string) {
    this.file = join(outDir, "report.html");
  }

  onStart(run: RunView): void {
    this.#data = new ReportDataBuilder(run.limits, getFailOn(run));
    this.#run = run;
    if (run.baseline) this.#comparison = new BaselineComparison(run.baseline);
  }

  onSubject(subject: SubjectView): void {
    this.#builder().addSubject(subject);
    if (this.#comparison && this.#run)
      for (const f of collectFindings(this.#run, subject)) this.#comparison.add(f);
  }

  async prepare(): Promise<void> {
    renderPage ??= (await import("./html.js")).renderReportPageParts;
  }

  finish(run: FinishedRunView): void {
    if (renderPage === undefined) throw new Error("the html reporter finished before prepare()");
    const builder = this.#builder();
    const data = builder.finish(run.events);
    if (this.#comparison) builder.totals.baseline = describeBaseline(this.#comparison);
    const page = {
      start: run.start,
      end: run.end,
      warnings: run.warnings,
      totals: builder.totals,
      merge: run.merge,
    };
    const parts = renderPage({ ...page, data });
    writeOnDisk(this.file, () => writeFileFresh(this.file, parts));
  }

  #builder(): ReportDataBuilder {
    if (this.#data === undefined) throw new Error("the html reporter was not started");
    return this.#data;
  }
}

// "old/run.jsonl: 1 new, 3 unchanged, 1 fixed (fixed: XPO-PWR-006 ... in a.yaml)".
function describeBaseline(comparison: BaselineComparison): string {
  const fixed = comparison.fixed().slice(0, 20);
  const list = fixed.map((f) => `${f.title} in ${f.file ?? "?"}`).join("; ");
  return `${comparison.describe()}${list ? ` (fixed: ${list})` : ""}`;
}

// Registry entry: report.html in outDir.
export const createHtmlReporter: CreateReporter = (outDir) => new HtmlReporter(outDir);
