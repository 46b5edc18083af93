// Write a run's reports through the registry (reporters.ts). `ReportStream` takes subjects one at
// a time: `xpo validate` feeds each datasheet as soon as it is checked, so the record is never
// read back. `writeReports` renders a record on disk (`xpo report`, `xpo run`) through the same
// stream, so both give the same files.
import type { EventLine, RunEndLine } from "../run/record.js";
import { makeDirectory } from "../util/make-directory.js";
import type { Baseline } from "./finding.js";
import { loadRecord } from "./load-record.js";
import type { CreateReporter, Reporter, RunView, SubjectView } from "./reporter.js";
import { createReporters, REPORTERS } from "./reporters.js";
import type { RunModel } from "./run-model.js";

/** One file a reporter wrote. */
export interface WrittenFile {
  name: string;
  /** What the terminal prints before the path. */
  label: string;
  path: string;
}

export interface WrittenReports {
  /** Every reporter's file, in registry order. */
  files: WrittenFile[];
  /** The built-in files' paths (kept for callers that name them). */
  junitPath: string;
  htmlPath: string;
  /** For the terminal: record notes (truncated last line, incomplete run) and size warnings. */
  warnings: string[];
}

/** How the run ended, for `finish()`. */
export interface ReportEnding {
  end?: RunEndLine | undefined;
  /** Events not tied to a subject. */
  events?: readonly EventLine[];
  warnings?: readonly string[];
}

/** Feeds a run to every registered reporter: onStart now, onSubject per subject, then finish. */
export class ReportStream {
  readonly #run: RunView;
  readonly #reporters: Reporter[];

  constructor(outDir: string, run: RunView, entries: readonly CreateReporter[] = REPORTERS) {
    makeDirectory(outDir);
    this.#run = run;
    this.#reporters = createReporters(outDir, entries);
    try {
      for (const reporter of this.#reporters) reporter.onStart?.(run);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  addSubject(subject: SubjectView): void {
    for (const reporter of this.#reporters) reporter.onSubject(subject);
  }

  // Load what the reporters need only to write (the page's script): call, and await, before finish.
  async prepare(): Promise<void> {
    for (const reporter of this.#reporters) await reporter.prepare?.();
  }

  // Write every report, in registry order; return the files and the warnings for the terminal.
  finish(ending: ReportEnding = {}): WrittenReports {
    const view = {
      ...this.#run,
      end: ending.end,
      events: ending.events ?? [],
      warnings: ending.warnings ?? [],
    };
    const warnings = [...view.warnings];
    for (const reporter of this.#reporters) {
      reporter.finish(view, (message) => warnings.push(message));
    }
    const files = this.#reporters.map((r) => ({
      name: r.name,
      label: r.label ?? r.name,
      path: r.file,
    }));
    const pathOf = (name: string) => files.find((f) => f.name === name)?.path ?? "";
    return { files, junitPath: pathOf("junit"), htmlPath: pathOf("html"), warnings };
  }

  // Give up (the run could not finish its reports): reporters remove what they half-wrote.
  abort(): void {
    for (const reporter of this.#reporters) reporter.abort?.();
  }
}

// Read the record at recordPath and write every report into outDir.
export async function writeReports(
  recordPath: string,
  outDir: string,
  entries: readonly CreateReporter[] = REPORTERS,
  baseline?: Baseline,
): Promise<WrittenReports> {
  const run = await loadRecord(recordPath);
  return writeReportsForRun(run, outDir, entries, baseline);
}

// Write every report for a run already in memory.
async function writeReportsForRun(
  run: RunModel,
  outDir: string,
  entries: readonly CreateReporter[],
  baseline: Baseline | undefined,
): Promise<WrittenReports> {
  const stream = new ReportStream(
    outDir,
    { start: run.start, limits: run.limits, incomplete: run.end === undefined, baseline },
    entries,
  );
  try {
    for (const subject of run.subjects) stream.addSubject(subject);
    await stream.prepare();
    return stream.finish({ end: run.end, events: run.events, warnings: run.warnings });
  } catch (error) {
    stream.abort();
    throw error;
  }
}
