// One datasheet checked into one subject of the run: its record lines in order, ready for the
// record and the reports.
import { isXpoError, listProblems, XpoError } from "../model/errors.js";
import type { Severity } from "../model/limit.js";
import { type Counts, isWarning, OUTCOMES, type Outcome } from "../model/outcome.js";
import type { SubjectIdentity } from "../model/subject-identity.js";
import type { Profile } from "../profile/load-profile.js";
import type { InputErrorLine, RecordLine, VerdictLine } from "../run/record.js";
import { createSubjectModel, type SubjectModel } from "../run/subject.js";
import { checkDatasheetFile } from "./check-file.js";

export interface CheckedSubject {
  subject: SubjectModel;
  /** Input problems (the datasheet could not be checked); also in subject.inputErrors. */
  problems: XpoError[];
}

/** Outcomes the terminal summary lists one by one. */
export function isNotable(outcome: Outcome): boolean {
  return outcome === "fail" || outcome === "marginal" || outcome === "error";
}

/** A failing, marginal or error verdict with its datasheet, for the terminal summary;
 * `warning` when it is a failure below the gate. */
export type NotableVerdict = VerdictLine & { file: string; warning: boolean };

/** Running totals of a run's subjects. */
export interface Tally {
  counts: Counts;
  /** Failures below the gate (also in counts.fail). */
  warnings: number;
  notable: NotableVerdict[];
}

/** The gate as the tally needs it: each limit's severity and the --fail-on level. */
export interface GateLookup {
  severityOf: (limitId: string) => Severity | undefined;
  failOn: Severity;
}

// Add a subject's outcome counts, its warnings and its notable verdicts (named by file).
export function tallySubject(subject: SubjectModel, tally: Tally, gate: GateLookup): void {
  for (const outcome of OUTCOMES) tally.counts[outcome] += subject.counts[outcome];
  for (const verdict of subject.verdicts) {
    if (!isNotable(verdict.outcome)) continue;
    const warning = isWarning(verdict.outcome, gate.severityOf(verdict.limitId), gate.failOn);
    if (warning) tally.warnings++;
    tally.notable.push({ ...verdict, file: subject.subject.name, warning });
  }
}

export function toInputErrorLine(subjectId: string, error: XpoError): InputErrorLine {
  const line: InputErrorLine = {
    type: "input-error",
    subjectId,
    code: error.code,
    message: error.message,
    remedy: error.remedy,
  };
  const { file, line: lineNumber, column } = error.location;
  if (file !== undefined) line.file = file;
  if (lineNumber !== undefined) line.line = lineNumber;
  if (column !== undefined) line.column = column;
  return line;
}

// Read (unless `bytes` holds the file, read already), parse and check one datasheet; never throws for a bad file (its problems are returned).
export function checkSubject(
  file: string,
  profile: Profile,
  subjectId: string,
  cmis?: string,
  bytes?: Buffer,
): CheckedSubject {
  const startedAt = new Date().toISOString();
  try {
    const { identity, verdicts } = checkDatasheetFile(file, profile, cmis, bytes);
    const subject = openSubject(subjectId, file, identity, startedAt);
    for (const verdict of verdicts) {
      subject.counts[verdict.outcome]++;
      const line: VerdictLine = { type: "verdict", subjectId, ...verdict };
      subject.verdicts.push(line);
    }
    subject.endedAt = new Date().toISOString();
    return { subject, problems: [] };
  } catch (error) {
    const problems = isXpoError(error)
      ? listProblems(error)
      : [new XpoError("XPO_FILE_UNREADABLE", String((error as Error).message ?? error), { file })];
    return unchecked(subjectId, file, problems, startedAt);
  }
}

// A subject for input that could not be checked at all (a missing path, an empty folder).
export function unchecked(
  subjectId: string,
  name: string,
  problems: XpoError[],
  startedAt = new Date().toISOString(),
): CheckedSubject {
  const subject = openSubject(subjectId, name, {}, startedAt);
  for (const problem of problems) subject.inputErrors.push(toInputErrorLine(subjectId, problem));
  subject.endedAt = new Date().toISOString();
  return { subject, problems };
}

function openSubject(
  subjectId: string,
  file: string,
  identity: SubjectIdentity,
  startedAt: string,
): SubjectModel {
  return createSubjectModel({
    type: "subject",
    subjectId,
    kind: "datasheet",
    name: file,
    file,
    identity,
    startedAt,
  });
}

// The subject's record lines in record order: subject, verdicts, input errors, subject-end.
export function subjectRecordLines(s: SubjectModel): RecordLine[] {
  const lines: RecordLine[] = [s.subject, ...s.verdicts, ...s.inputErrors];
  lines.push({ type: "subject-end", subjectId: s.subject.subjectId, endedAt: s.endedAt ?? "" });
  return lines;
}
