// The report.html reporter: gathers the page data subject by subject (column-wise, see
// html-data.ts) and writes the page at the end, in parts (see renderReportPageParts), to a fresh
// partial file renamed over report.html (never written through a link at that path).
import { join } from "node:path";
import { writeFileFresh } from "../util/fresh-file.js";
import { getFailOn } from "./gate.js";
import { renderReportPageParts } from "./html.js";
import { ReportDataBuilder } from "./html-data.js";
import {
  type CreateReporter,
  type FinishedRunView,
  type Reporter,
  type RunView,
  type SubjectView,
  writeOnDisk,
} from "./reporter.js";

class HtmlReporter implements Reporter {
  readonly name = "html";
  readonly label = "report";
  readonly file: string;
  #data: ReportDataBuilder | undefined;

  constructor(outDir: string) {
    this.file = join(outDir, "report.html");
  }

  onStart(run: RunView): void {
    this.#data = new ReportDataBuilder(run.limits, getFailOn(run));
  }

  onSubject(subject: SubjectView): void {
    this.#builder().addSubject(subject);
  }

  finish(run: FinishedRunView): void {
    const builder = this.#builder();
    const data = builder.finish(run.events);
    const page = { start: run.start, end: run.end, warnings: run.warnings, totals: builder.totals };
    const parts = renderReportPageParts({ ...page, data });
    writeOnDisk(this.file, () => writeFileFresh(this.file, parts));
  }

  #builder(): ReportDataBuilder {
    if (this.#data === undefined) throw new Error("the html reporter was not started");
    return this.#data;
  }
}

// Registry entry: report.html in outDir.
export const createHtmlReporter: CreateReporter = (outDir) => new HtmlReporter(outDir);
