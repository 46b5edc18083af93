// Render a run as JUnit XML (valid against both Jenkins schemas: xUnit junit-10.xsd and dtkit
// junit-4.xsd): one <testsuite> per subject, one <testcase> per limit (per lane for per-lane
// limits). fail -> <failure> when it gates, else a passing testcase marked "WARNING"; error -> <error>, not-applicable -> <skipped>,
// marginal -> passes, marked "MARGINAL" in <system-out> (the name stays stable so CI test
// history follows a limit across runs). Input errors and an unfinished run become <error>s, so a
// broken or crashed run can never look green.

import type { EventLine, RunEndLine } from "../run/record.js";
import { getDurationMs } from "./format.js";
import { countWarnings } from "./gate.js";
import {
  formatSeconds,
  type SuiteCounts,
  writeRunSuite,
  writeSubjectSuite,
} from "./junit-suites.js";
import { writeMergeSuite } from "./merge-junit.js";
import type { RunView, SubjectView } from "./reporter.js";
import type { RunModel } from "./run-model.js";
import { PreparedAttributes, XML_DECLARATION, XmlWriter } from "./xml-writer.js";

/** GitLab refuses JUnit reports above 30 MB. */
export const GITLAB_JUNIT_LIMIT_BYTES = 30 * 1000 * 1000;

// Widest values the root's counts and time can take: the root start tag is written last, into
// space reserved at the top of the file, so the reservation must fit any run.
const WIDEST_COUNT = 10 ** 15 - 1;
const WIDEST_TIME = "9".repeat(20);

/**
 * Writes a run's JUnit document one subject at a time: `addSubject()` for each subject as it
 * finishes, `takeBody()` for the XML written so far (stream it to a file), then `finish()`.
 * The root `<testsuites>` carries totals, known only at the end, so its start tag is rendered by
 * `finish()` padded to `headerBytes`: a file writer reserves that many bytes first and writes the
 * header there last. Memory stays bounded by one subject, whatever the number of subjects.
 */
export class JunitWriter {
  readonly #run: RunView;
  readonly #xml = new XmlWriter({ declaration: false, openElements: ["testsuites"] });
  readonly #totals: JunitTotals = { tests: 0, failures: 0, errors: 0 };
  readonly #names = new Map<string, string>();
  readonly headerBytes: number;

  constructor(run: RunView) {
    this.#run = run;
    this.headerBytes = Buffer.byteLength(
      this.#header(
        { tests: WIDEST_COUNT, failures: WIDEST_COUNT, errors: WIDEST_COUNT },
        WIDEST_TIME,
      ),
    );
  }

  addSubject(subject: SubjectView): void {
    const counts = countSuite(subject, this.#run);
    this.#totals.tests += counts.tests;
    this.#totals.failures += counts.failures;
    this.#totals.errors += counts.errors;
    writeSubjectSuite(this.#xml, this.#run, subject, counts, this.#names);
  }

  // XML written since the last call, in 64 KB buffers.
  takeBody(): Buffer[] {
    return this.#xml.takeBuffers();
  }

  // Close the document: returns the rest of the body and the header (exactly headerBytes long).
  finish(events: readonly EventLine[], end: RunEndLine | undefined): JunitEnding {
    const runErrors = events.filter((e) => e.level === "error");
    const { incomplete } = this.#run;
    if (incomplete || runErrors.length > 0) {
      const extra = runErrors.length + (incomplete ? 1 : 0);
      this.#totals.tests += extra;
      this.#totals.errors += extra;
      writeRunSuite(this.#xml, this.#run, runErrors, incomplete);
    }
    const { merge } = this.#run;
    if (merge) {
      const added = writeMergeSuite(this.#xml, merge, this.#run.start.startedAt);
      this.#totals.tests += added.tests;
      this.#totals.errors += added.errors;
    }
    const rest = this.#xml.endChunks();
    const time = formatSeconds(getDurationMs(this.#run.start.startedAt, end?.endedAt));
    const text = this.#header(this.#totals, time);
    const pad = this.headerBytes - Buffer.byteLength(text);
    // Whitespace after the root start tag is allowed in element content.
    const header = Buffer.from(`${text.slice(0, -1)}${" ".repeat(pad)}\n`, "utf8");
    return { header, rest };
  }

  // The XML declaration and the root start tag, ending in a newline.
  #header(totals: JunitTotals, time?: string): string {
    const { profile, kind } = this.#run.start;
    const attributes = new PreparedAttributes({
      name: `xpo ${kind} ${profile.id} ${profile.revision}`,
      tests: totals.tests,
      failures: totals.failures,
      errors: totals.errors,
      time,
    });
    return `${XML_DECLARATION}<testsuites${attributes.text}>\n`;
  }
}

export interface JunitTotals {
  tests: number;
  failures: number;
  errors: number;
}

export interface JunitEnding {
  header: Buffer;
  rest: Buffer[];
}

// Render the JUnit XML document for a run held in memory.
export function renderJunit(run: RunModel): string {
  const writer = new JunitWriter({
    start: run.start,
    limits: run.limits,
    incomplete: run.end === undefined,
  });
  for (const subject of run.subjects) writer.addSubject(subject);
  const body = writer.takeBody();
  const { header, rest } = writer.finish(run.events, run.end);
  return Buffer.concat([header, ...body, ...rest]).toString("utf8");
}

// Counts of one subject's <testsuite>: input errors, error events and an unfinished subject are
// error testcases of their own.
// A failed limit below the gate is a passing testcase (marked WARNING), as the exit code has it.
export function countSuite(
  s: SubjectView,
  run: Pick<RunView, "start" | "limits" | "incomplete">,
): SuiteCounts {
  const unfinished = run.incomplete && s.endedAt === undefined ? 1 : 0;
  const eventErrors = s.events.filter((e) => e.level === "error").length;
  const extraErrors = s.inputErrors.length + eventErrors + unfinished;
  return {
    tests: s.verdicts.length + extraErrors,
    failures: s.counts.fail - countWarnings(s.verdicts, run),
    errors: s.counts.error + extraErrors,
    skipped: s.counts["not-applicable"],
  };
}
