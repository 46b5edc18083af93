// The run record gathered in memory for rendering: subjects in record order, each with its
// verdicts, input errors, readings and events. Built by `loadRecord` (streaming) or
// `buildRunModel` (from lines already in memory, e.g. in tests).
import { XpoError } from "../model/errors.js";
import type { LimitInfo } from "../model/limit.js";
import { type Counts, createCounts, OUTCOMES } from "../model/outcome.js";
import {
  type EventLine,
  RECORD_FORMAT,
  type RecordLine,
  type RunEndLine,
  type RunStartLine,
  type SubjectLine,
  type VerdictLine,
} from "../run/record.js";

import { createSubjectModel, type SubjectModel } from "../run/subject.js";

export interface RunModel {
  /** Where the record was read from (for messages), or a label. */
  source: string;
  start: RunStartLine;
  limits: Map<string, LimitInfo>;
  subjects: SubjectModel[];
  /** Events not tied to a subject. */
  events: EventLine[];
  /** Missing when the run did not finish: the report is marked incomplete. */
  end?: RunEndLine;
  counts: Counts;
  inputErrors: number;
  /** Things a reader should know (truncated last line, unknown limit ids, ...). */
  warnings: string[];
}

const LINE_TYPES = new Set([
  "run-start",
  "subject",
  "verdict",
  "input-error",
  "readings",
  "event",
  "subject-end",
  "run-end",
]);
const OUTCOME_SET = new Set<string>(OUTCOMES);

/** Accumulates record lines one at a time; `finish()` returns the model. */
export class RunModelBuilder {
  readonly #source: string;
  #start: RunStartLine | undefined;
  #limits = new Map<string, LimitInfo>();
  #subjects = new Map<string, SubjectModel>();
  #events: EventLine[] = [];
  #end: RunEndLine | undefined;
  #counts = createCounts();
  #inputErrors = 0;
  #warnings: string[] = [];
  #unknownLimits = new Set<string>();
  #unknownTypes = new Set<string>();
  #lineNo = 0;

  constructor(source: string) {
    this.#source = source;
  }

  // Add one parsed line; `lineNo` is 1-based, for messages.
  add(value: unknown, lineNo: number): void {
    this.#lineNo = lineNo;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.#fail("a line is not a JSON object");
    }
    const line = value as RecordLine;
    const type = (line as { type?: unknown }).type;
    if (typeof type !== "string") this.#fail('a line has no "type"');
    if (!LINE_TYPES.has(type)) {
      if (!this.#unknownTypes.has(type)) {
        this.#unknownTypes.add(type);
        this.#warnings.push(`${this.#where()}: ignored lines of unknown type "${type}"`);
      }
      return;
    }
    if (this.#start === undefined && line.type !== "run-start") {
      this.#fail(`the first line must be "run-start", found "${type}"`);
    }
    switch (line.type) {
      case "run-start":
        this.#addStart(line);
        return;
      case "subject":
        this.#addSubject(line);
        return;
      case "verdict":
        this.#addVerdict(line);
        return;
      case "input-error":
        this.#inputErrors += 1;
        this.#requireSubject(line.subjectId).inputErrors.push(line);
        return;
      case "readings":
        this.#addReadings(line);
        return;
      case "event":
        if (line.subjectId === undefined) this.#events.push(line);
        else this.#requireSubject(line.subjectId).events.push(line);
        return;
      case "subject-end":
        this.#requireSubject(line.subjectId).endedAt = line.endedAt;
        return;
      case "run-end":
        this.#end = line;
        return;
    }
  }

  // Note something the reader should see in the report and on the terminal.
  warn(message: string): void {
    this.#warnings.push(message);
  }

  // Return the model; throws when the record had no run-start at all.
  finish(): RunModel {
    if (this.#start === undefined) {
      throw new XpoError("XPO_RECORD_INVALID", "the record is empty (no run-start line)", {
        file: this.#source,
      });
    }
    if (this.#unknownLimits.size > 0) {
      const ids = [...this.#unknownLimits].slice(0, 5).join(", ");
      this.#warnings.push(
        `${this.#unknownLimits.size} limit id(s) in verdicts are not in run-start.limits: ${ids}`,
      );
    }
    if (this.#end === undefined) {
      this.#warnings.push("the record has no run-end line: the run did not finish (INCOMPLETE)");
    } else {
      const recorded = this.#end.counts;
      const differs = OUTCOMES.some((o) => (recorded?.[o] ?? 0) !== this.#counts[o]);
      if (differs) {
        this.#warnings.push(
          `run-end counts ${JSON.stringify(recorded)} differ from the verdict lines ${JSON.stringify(this.#counts)}; the report shows the verdict lines`,
        );
      }
    }
    const model: RunModel = {
      source: this.#source,
      start: this.#start,
      limits: this.#limits,
      subjects: [...this.#subjects.values()],
      events: this.#events,
      counts: this.#counts,
      inputErrors: this.#inputErrors,
      warnings: this.#warnings,
    };
    if (this.#end !== undefined) model.end = this.#end;
    return model;
  }

  #addStart(line: RunStartLine): void {
    if (this.#start !== undefined) this.#fail("a second run-start line");
    if (line.format !== RECORD_FORMAT) {
      this.#fail(`format is ${JSON.stringify(line.format)}, expected "${RECORD_FORMAT}"`);
    }
    if (!Array.isArray(line.limits)) this.#fail("run-start has no limits array");
    if (typeof line.profile !== "object" || line.profile === null) {
      this.#fail("run-start has no profile");
    }
    for (const limit of line.limits) this.#limits.set(limit.id, limit);
    this.#start = line;
  }

  #addSubject(line: SubjectLine): void {
    if (typeof line.subjectId !== "string") this.#fail("a subject line has no subjectId");
    const existing = this.#subjects.get(line.subjectId);
    if (existing) existing.subject = line;
    else this.#subjects.set(line.subjectId, createSubjectModel(line));
  }

  #addVerdict(line: VerdictLine): void {
    if (typeof line.limitId !== "string") this.#fail("a verdict line has no limitId");
    if (!OUTCOME_SET.has(line.outcome)) {
      this.#fail(`a verdict has outcome ${JSON.stringify(line.outcome)}`);
    }
    if (!this.#limits.has(line.limitId)) this.#unknownLimits.add(line.limitId);
    const subject = this.#requireSubject(line.subjectId);
    subject.verdicts.push(line);
    subject.counts[line.outcome] += 1;
    this.#counts[line.outcome] += 1;
  }

  #addReadings(line: ReadingsLineLike): void {
    if (!Array.isArray(line.t) || !Array.isArray(line.v) || line.t.length !== line.v.length) {
      this.#fail("a readings line needs arrays t and v of equal length");
    }
    const subject = this.#requireSubject(line.subjectId);
    let series = subject.channels.get(line.channel);
    if (!series) {
      series = { channel: line.channel, unit: line.unit, limitIds: [], t: [], v: [], count: 0 };
      if (line.instrument !== undefined) series.instrument = line.instrument;
      subject.channels.set(line.channel, series);
    }
    for (const id of line.limitIds ?? [])
      if (!series.limitIds.includes(id)) series.limitIds.push(id);
    series.t.push(line.t);
    series.v.push(line.v);
    series.count += line.t.length;
  }

  // Subjects are announced by a subject line; tolerate lines that come without one.
  #requireSubject(subjectId: unknown): SubjectModel {
    if (typeof subjectId !== "string") this.#fail("a line has no subjectId");
    let subject = this.#subjects.get(subjectId);
    if (!subject) {
      this.#warnings.push(`${this.#where()}: subject "${subjectId}" has no subject line`);
      subject = createSubjectModel({
        type: "subject",
        subjectId,
        kind: "datasheet",
        name: subjectId,
        identity: {},
        startedAt: this.#start?.startedAt ?? "",
      });
      this.#subjects.set(subjectId, subject);
    }
    return subject;
  }

  #where(): string {
    return `${this.#source}:${this.#lineNo}`;
  }

  #fail(message: string): never {
    throw new XpoError("XPO_RECORD_INVALID", message, { file: this.#source, line: this.#lineNo });
  }
}

type ReadingsLineLike = Extract<RecordLine, { type: "readings" }>;

// Build a model from record lines in memory (tests, and callers that hold the lines).
export function buildRunModel(lines: readonly RecordLine[], source = "run.jsonl"): RunModel {
  const builder = new RunModelBuilder(source);
  lines.forEach((line, index) => {
    builder.add(line, index + 1);
  });
  return builder.finish();
}
