// `xpo validate` as a library: check many datasheets against one profile, append the run
// record as it goes (one flush per datasheet), and return what the terminal summary needs.
// One bad file never stops the others.
import { hostname } from "node:os";
import { join } from "node:path";
import type { Verdict } from "../check/evaluate.js";
import type { XpoError } from "../errors.js";
import { getHarnessInfo } from "../run/harness-info.js";
import {
  type Counts,
  createCounts,
  OUTCOMES,
  RECORD_FORMAT,
  type RunEndLine,
  type RunStartLine,
} from "../run/record.js";
import { RecordWriter } from "../run/record-writer.js";
import type { SubjectModel } from "../run/subject.js";
import { listLimits, type Profile } from "../schema/profile.js";
import {
  type CheckedSubject,
  checkSubject,
  isNotable,
  subjectRecordLines,
  unchecked,
} from "./check-subject.js";
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

  const add = ({ subject, problems }: CheckedSubject) => {
    for (const line of subjectRecordLines(subject)) writer.append(line);
    writer.flush();
    for (const verdict of subject.verdicts) {
      if (isNotable(verdict.outcome)) notable.push({ ...verdict, file: subject.subject.name });
    }
    for (const outcome of OUTCOMES) counts[outcome] += subject.counts[outcome];
    inputErrors.push(...problems);
    options.onSubject?.(subject);
  };

  for (const error of errors)
    add(unchecked(`s${++subjectIndex}`, error.location.file ?? "(input)", [error]));
  files.forEach((file, index) => {
    add(checkSubject(file, profile, `s${++subjectIndex}`));
    options.onProgress?.(index + 1, files.length, file);
  });

  return { files: files.length, counts, inputErrors, notable };
}
