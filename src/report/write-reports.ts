// Write junit.xml and report.html. `ReportStream` takes subjects one at a time: `xpo validate`
// feeds each datasheet as soon as it is checked, so the record is never read back and memory
// holds one subject's XML plus the page data (the report itself). `writeReports` renders a
// record on disk (`xpo report`, `xpo run`) through the same stream.
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { LimitInfo } from "../model/limit.js";
import type { EventLine, RunEndLine, RunStartLine } from "../run/record.js";
import type { SubjectModel } from "../run/subject.js";
import { makeDirectory, outputError } from "../util/make-directory.js";
import { renderReportPageParts } from "./html.js";
import { ReportDataBuilder } from "./html-data.js";
import { GITLAB_JUNIT_LIMIT_BYTES, JunitWriter } from "./junit.js";
import { loadRecord } from "./load-record.js";
import type { RunModel } from "./run-model.js";

export interface WrittenReports {
  junitPath: string;
  htmlPath: string;
  /** For the terminal: record notes (truncated last line, incomplete run) and size warnings. */
  warnings: string[];
}

/** What both reports need before the first subject. */
export interface ReportRun {
  start: RunStartLine;
  limits: ReadonlyMap<string, LimitInfo>;
  /** The record has no run-end (known up front when rendering a record; false while a run
   * is writing its own reports). */
  incomplete: boolean;
}

/** How the run ended, for `finish()`. */
export interface ReportEnding {
  end?: RunEndLine | undefined;
  /** Events not tied to a subject. */
  events?: readonly EventLine[];
  warnings?: readonly string[];
}

/**
 * Writes both reports subject by subject. junit.xml grows in a hidden partial file in the same
 * folder (space reserved at the top for the root tag, whose totals are known last) and is renamed
 * into place by `finish()`, so a stopped run never leaves a truncated junit.xml that looks whole.
 */
export class ReportStream {
  readonly junitPath: string;
  readonly htmlPath: string;
  readonly #run: ReportRun;
  readonly #junit: JunitWriter;
  readonly #data: ReportDataBuilder;
  readonly #partialPath: string;
  #fd: number | undefined;
  #bytes: number;

  constructor(outDir: string, run: ReportRun) {
    makeDirectory(outDir);
    this.junitPath = join(outDir, "junit.xml");
    this.htmlPath = join(outDir, "report.html");
    this.#run = run;
    this.#junit = new JunitWriter(run);
    this.#data = new ReportDataBuilder(run.limits);
    this.#partialPath = join(dirname(this.junitPath), `.${basename(this.junitPath)}.partial`);
    this.#fd = onDisk(this.junitPath, () => openSync(this.#partialPath, "w"));
    this.#bytes = 0;
    this.#write([Buffer.alloc(this.#junit.headerBytes, " ")]);
  }

  addSubject(subject: SubjectModel): void {
    this.#junit.addSubject(subject);
    this.#data.addSubject(subject);
    this.#write(this.#junit.takeBody());
  }

  // Close junit.xml, write report.html, and return the paths and warnings for the terminal.
  finish(ending: ReportEnding = {}): WrittenReports {
    const events = ending.events ?? [];
    const { header, rest } = this.#junit.finish(events, ending.end);
    this.#write(rest);
    const fd = this.#openFd();
    onDisk(this.junitPath, () => {
      writeSync(fd, header, 0, header.length, 0);
      closeSync(fd);
      this.#fd = undefined;
      renameSync(this.#partialPath, this.junitPath);
    });
    const data = this.#data.finish(events);
    const warnings = [...(ending.warnings ?? [])];
    const parts = renderReportPageParts({
      start: this.#run.start,
      end: ending.end,
      warnings,
      totals: this.#data.totals,
      data,
    });
    onDisk(this.htmlPath, () => {
      const html = openSync(this.htmlPath, "w");
      try {
        // writeFileSync on a descriptor writes each part whole, continuing where the last ended.
        for (const part of parts) writeFileSync(html, part);
      } finally {
        closeSync(html);
      }
    });
    const tooLarge = getJunitSizeWarning(this.#bytes, this.#data.totals.subjects);
    if (tooLarge) warnings.push(tooLarge);
    return { junitPath: this.junitPath, htmlPath: this.htmlPath, warnings };
  }

  // Give up (the run could not finish its reports): remove the partial junit.xml.
  abort(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    rmSync(this.#partialPath, { force: true });
  }

  #write(buffers: readonly Uint8Array[]): void {
    const fd = this.#openFd();
    onDisk(this.junitPath, () => {
      for (const buffer of buffers) {
        let done = 0;
        while (done < buffer.length)
          done += writeSync(fd, buffer, done, buffer.length - done, this.#bytes + done);
        this.#bytes += buffer.length;
      }
    });
  }

  #openFd(): number {
    if (this.#fd === undefined) throw new Error("ReportStream used after finish() or abort()");
    return this.#fd;
  }
}

// Run a file-system step; its errors become XPO_OUTPUT_UNWRITABLE naming `path`.
function onDisk<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw outputError(path, error);
  }
}

// Read the record at recordPath and write junit.xml and report.html into outDir.
export async function writeReports(recordPath: string, outDir: string): Promise<WrittenReports> {
  const run = await loadRecord(recordPath);
  return writeReportsForRun(run, outDir);
}

// Write both reports for a run already in memory.
export async function writeReportsForRun(run: RunModel, outDir: string): Promise<WrittenReports> {
  const stream = new ReportStream(outDir, {
    start: run.start,
    limits: run.limits,
    incomplete: run.end === undefined,
  });
  try {
    for (const subject of run.subjects) stream.addSubject(subject);
    return stream.finish({ end: run.end, events: run.events, warnings: run.warnings });
  } catch (error) {
    stream.abort();
    throw error;
  }
}

// The GitLab size warning, or undefined. The full file is still written: never a truncated one.
export function getJunitSizeWarning(bytes: number, subjects: number): string | undefined {
  if (bytes <= GITLAB_JUNIT_LIMIT_BYTES) return undefined;
  const mb = (bytes / 1e6).toFixed(1);
  const parts = Math.ceil(bytes / (GITLAB_JUNIT_LIMIT_BYTES * 0.8));
  return [
    `junit.xml is ${mb} MB (${subjects} subjects): GitLab refuses JUnit reports over 30 MB and would show no test results (Jenkins and GitHub accept it). The full file was written.`,
    `To stay under the limit, split the run into about ${parts} parts, e.g. one per folder: npx xpo validate datasheets/<vendor>/ --out reports/<vendor>/ (each writes its own junit.xml; list them all under artifacts:reports:junit), or shard vitest suites with vitest run --shard=1/${parts}.`,
  ].join("\n  ");
}
