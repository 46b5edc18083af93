// `xpo validate` as a library: check many datasheets against one profile, append the run
// record as it goes (one flush per datasheet), and return what the terminal summary needs.
// One bad file never stops the others.
import { hostname } from "node:os";
import { join } from "node:path";
import type { Verdict } from "../check/evaluate.js";
import { isXpoError, XpoError } from "../errors.js";
import { getHarnessInfo } from "../run/harness-info.js";
import {
  type Counts,
  createCounts,
  type InputErrorLine,
  RECORD_FORMAT,
  type RunEndLine,
  type RunStartLine,
  type SubjectIdentity,
  type SubjectLine,
  type VerdictLine,
} from "../run/record.js";
import { RecordWriter } from "../run/record-writer.js";
import { createSubjectModel, type SubjectModel } from "../run/subject.js";
import { listLimits, type Profile } from "../schema/profile.js";
import { checkDatasheetFile, DatasheetProblems } from "./check-file.js";
import { expandInputs } from "./expand-inputs.js";

export interface ValidateOptions {
  inputs: string[];
  profile: Profile;
  outDir: string;
  argv?: string[];
  onProgress?: (done: number, total: number, file: string) => void;
  /** Called with the run-start line once it is written. */
  onStart?: (start: RunStartLine) => void;
  /** Called with each subject, all its lines written, so reports can be built as the run goes. */
  onSubject?: (subject: SubjectModel) => void;
}

export interface NotableVerdict extends Verdict {
  file: string;
}

export interface ValidateResult {
  recordPath: string;
  files: number;
  counts: Counts;
  inputErrors: XpoError[];
  /** Failing, marginal and error verdicts, for the terminal summary. */
  notable: NotableVerdict[];
  exitCode: number;
  end: RunEndLine;
}

function toInputErrorLine(subjectId: string, error: XpoError): InputErrorLine {
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

// Exit code of a run: 2 when anything could not be checked, else 1 on a failed limit, else 0.
export function exitCodeFor(counts: Counts, inputErrors: number): number {
  if (inputErrors > 0 || counts.error > 0) return 2;
  return counts.fail > 0 ? 1 : 0;
}

// Validate datasheets and write DIR/run.jsonl.
export function runValidate(options: ValidateOptions): ValidateResult {
  const { profile } = options;
  const recordPath = join(options.outDir, "run.jsonl");
  const writer = new RecordWriter(recordPath);
  const startedAt = new Date();
  const start: RunStartLine = {
    type: "run-start",
    format: RECORD_FORMAT,
    runId: `validate-${startedAt.toISOString()}`,
    kind: "validate",
    startedAt: startedAt.toISOString(),
    hostname: hostname(),
    harness: getHarnessInfo(),
    profile: profile.info,
    limits: listLimits(profile),
    ...(options.argv ? { argv: options.argv } : {}),
  };
  writer.append(start);
  options.onStart?.(start);

  const { counts, inputErrors, notable, files } = appendDatasheetSubjects(writer, options);

  const exitCode = exitCodeFor(counts, inputErrors.length);
  const end: RunEndLine = {
    type: "run-end",
    endedAt: new Date().toISOString(),
    counts,
    inputErrors: inputErrors.length,
    exitCode,
  };
  writer.append(end);
  writer.close();
  return { recordPath, files, counts, inputErrors, notable, exitCode, end };
}

export interface DatasheetSubjects {
  files: number;
  counts: Counts;
  inputErrors: XpoError[];
  notable: NotableVerdict[];
}

// Check datasheets and append one subject each to an open record (flushed per datasheet);
// used by runValidate and by `xpo demo`, which adds them to a live run's record.
export function appendDatasheetSubjects(
  writer: RecordWriter,
  options: Pick<ValidateOptions, "inputs" | "profile" | "onProgress" | "onSubject">,
): DatasheetSubjects {
  const { profile } = options;
  const counts = createCounts();
  const inputErrors: XpoError[] = [];
  const notable: NotableVerdict[] = [];
  const { files, errors } = expandInputs(options.inputs);
  let subjectIndex = 0;
  const now = () => new Date().toISOString();

  const { onSubject } = options;
  // Each subject's lines are appended, flushed, and handed to onSubject as one model.
  const openSubject = (file: string, identity: SubjectIdentity, startedAt: string) => {
    const line: SubjectLine = {
      type: "subject",
      subjectId: `s${++subjectIndex}`,
      kind: "datasheet",
      name: file,
      file,
      identity,
      startedAt,
    };
    writer.append(line);
    return createSubjectModel(line);
  };
  const addInputErrors = (subject: SubjectModel, problems: readonly XpoError[]) => {
    for (const problem of problems) {
      const line = toInputErrorLine(subject.subject.subjectId, problem);
      writer.append(line);
      subject.inputErrors.push(line);
    }
    inputErrors.push(...problems);
  };
  const closeSubject = (subject: SubjectModel) => {
    const endedAt = now();
    writer.append({ type: "subject-end", subjectId: subject.subject.subjectId, endedAt });
    subject.endedAt = endedAt;
    writer.flush();
    onSubject?.(subject);
  };

  for (const error of errors) {
    const name = error.location.file ?? "(input)";
    const subject = openSubject(name, {}, now());
    addInputErrors(subject, [error]);
    closeSubject(subject);
  }

  files.forEach((file, index) => {
    const startedAtFile = now();
    let subject: SubjectModel;
    try {
      const { identity, verdicts } = checkDatasheetFile(file, profile);
      subject = openSubject(file, identity, startedAtFile);
      const { subjectId } = subject.subject;
      for (const verdict of verdicts) {
        counts[verdict.outcome]++;
        subject.counts[verdict.outcome]++;
        const line: VerdictLine = { type: "verdict", subjectId, ...verdict };
        writer.append(line);
        subject.verdicts.push(line);
        if (
          verdict.outcome === "fail" ||
          verdict.outcome === "marginal" ||
          verdict.outcome === "error"
        )
          notable.push({ ...verdict, file });
      }
    } catch (error) {
      const problems =
        error instanceof DatasheetProblems
          ? error.problems
          : [
              isXpoError(error)
                ? error
                : new XpoError("XPO_FILE_UNREADABLE", String((error as Error).message ?? error), {
                    file,
                  }),
            ];
      subject = openSubject(file, {}, startedAtFile);
      addInputErrors(subject, problems);
    }
    closeSubject(subject);
    options.onProgress?.(index + 1, files.length, file);
  });

  return { files: files.length, counts, inputErrors, notable };
}
