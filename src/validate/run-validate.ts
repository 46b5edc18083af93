// `xpo validate` as a library: check many datasheets against one profile, append the run
// record as it goes (one flush per datasheet), and return what the terminal summary needs.
// One bad file never stops the others.
import { hostname } from "node:os";
import { join } from "node:path";
import type { Verdict } from "../check/evaluate.js";
import { isXpoError, XpoError } from "../errors.js";
import { getHarnessInfo } from "../run/harness-info.js";
import { type Counts, createCounts, type InputErrorLine, RECORD_FORMAT } from "../run/record.js";
import { RecordWriter } from "../run/record-writer.js";
import { listLimits, type Profile } from "../schema/profile.js";
import { checkDatasheetFile, DatasheetProblems } from "./check-file.js";
import { expandInputs } from "./expand-inputs.js";

export interface ValidateOptions {
  inputs: string[];
  profile: Profile;
  outDir: string;
  argv?: string[];
  onProgress?: (done: number, total: number, file: string) => void;
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
  writer.append({
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
  });

  const { counts, inputErrors, notable, files } = appendDatasheetSubjects(writer, options);

  const exitCode = exitCodeFor(counts, inputErrors.length);
  writer.append({
    type: "run-end",
    endedAt: new Date().toISOString(),
    counts,
    inputErrors: inputErrors.length,
    exitCode,
  });
  writer.close();
  return { recordPath, files, counts, inputErrors, notable, exitCode };
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
  options: Pick<ValidateOptions, "inputs" | "profile" | "onProgress">,
): DatasheetSubjects {
  const { profile } = options;
  const counts = createCounts();
  const inputErrors: XpoError[] = [];
  const notable: NotableVerdict[] = [];
  const { files, errors } = expandInputs(options.inputs);
  let subjectIndex = 0;
  const now = () => new Date().toISOString();

  for (const error of errors) {
    const subjectId = `s${++subjectIndex}`;
    const name = error.location.file ?? "(input)";
    writer.append({
      type: "subject",
      subjectId,
      kind: "datasheet",
      name,
      file: name,
      identity: {},
      startedAt: now(),
    });
    writer.append(toInputErrorLine(subjectId, error));
    writer.append({ type: "subject-end", subjectId, endedAt: now() });
    inputErrors.push(error);
  }
  writer.flush();

  files.forEach((file, index) => {
    const subjectId = `s${++subjectIndex}`;
    const startedAtFile = now();
    try {
      const { identity, verdicts } = checkDatasheetFile(file, profile);
      writer.append({
        type: "subject",
        subjectId,
        kind: "datasheet",
        name: file,
        file,
        identity,
        startedAt: startedAtFile,
      });
      for (const verdict of verdicts) {
        counts[verdict.outcome]++;
        writer.append({ type: "verdict", subjectId, ...verdict });
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
      writer.append({
        type: "subject",
        subjectId,
        kind: "datasheet",
        name: file,
        file,
        identity: {},
        startedAt: startedAtFile,
      });
      for (const problem of problems) writer.append(toInputErrorLine(subjectId, problem));
      inputErrors.push(...problems);
    }
    writer.append({ type: "subject-end", subjectId, endedAt: now() });
    writer.flush();
    options.onProgress?.(index + 1, files.length, file);
  });

  return { files: files.length, counts, inputErrors, notable };
}
