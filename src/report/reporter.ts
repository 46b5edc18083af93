// What a report format is: a name, the file it writes, and hooks over a read-only view of the
// run. `ReportStream` (write-reports.ts) calls every registered reporter (reporters.ts) in turn:
// onStart once, onSubject for each subject in record order, then finish (or abort).
import type { LimitInfo } from "../model/limit.js";
import type { Counts } from "../model/outcome.js";
import type {
  EventLine,
  InputErrorLine,
  RunEndLine,
  RunStartLine,
  SubjectLine,
  VerdictLine,
} from "../run/record.js";
import type { ChannelSeries } from "../run/subject.js";
import { outputError } from "../util/make-directory.js";
import type { Baseline } from "./finding.js";
import type { MergeInfo } from "./merge-model.js";

/** The run as every reporter sees it before the first subject. */
export interface RunView {
  readonly start: RunStartLine;
  readonly limits: ReadonlyMap<string, LimitInfo>;
  /** The record has no run-end (known up front when rendering a record; false while a run is
   * writing its own reports). */
  readonly incomplete: boolean;
  /** `--baseline old/run.jsonl`: findings of an earlier run to mark new, unchanged or fixed. */
  readonly baseline?: Baseline | undefined;
  /** Present when the run is a merge of several records (`xpo report a/ b/ ...`): each
   * record's identity, profile mismatches, unfinished shards, duplicate subjects. */
  readonly merge?: MergeInfo | undefined;
}

/** One subject (a datasheet or a module under test) with everything recorded for it. */
export interface SubjectView {
  readonly subject: Readonly<SubjectLine>;
  readonly verdicts: readonly VerdictLine[];
  readonly inputErrors: readonly InputErrorLine[];
  readonly events: readonly EventLine[];
  readonly channels: ReadonlyMap<string, Readonly<ChannelSeries>>;
  /** Missing when the subject did not finish. */
  readonly endedAt?: string | undefined;
  readonly counts: Readonly<Counts>;
}

/** The run once every subject is in: how it ended. */
export interface FinishedRunView extends RunView {
  readonly end: RunEndLine | undefined;
  /** Events not tied to a subject. */
  readonly events: readonly EventLine[];
  /** Notes on the record (truncated last line, incomplete run, ...), for the reports to show. */
  readonly warnings: readonly string[];
}

/** One report format, made fresh for each run by its registry entry. */
export interface Reporter {
  /** Short name ("junit", "html"). */
  readonly name: string;
  /** What the terminal prints before the path (default: the name). */
  readonly label?: string;
  /** The file it writes, inside the --out folder. */
  readonly file: string;
  onStart?(run: RunView): void;
  onSubject(subject: SubjectView): void;
  /** Load what finish needs and the run did not (the HTML reporter: the page's script), once
   * every subject is in; `ReportStream.prepare()` awaits it just before finish. */
  prepare?(): Promise<void>;
  // Write the file. `warn` adds a line to the terminal's warnings (e.g. a file too large for CI).
  finish(run: FinishedRunView, warn: (message: string) => void): void;
  /** The run's reports were given up: remove anything half-written. */
  abort?(): void;
}

/** A registry entry: makes a reporter for one run writing into `outDir`. */
export type CreateReporter = (outDir: string) => Reporter;

// Run a file-system step; its errors become XPO_OUTPUT_UNWRITABLE naming `path`.
export function writeOnDisk<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw outputError(path, error);
  }
}
