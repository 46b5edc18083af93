// `xpo validate` as a library: check many datasheets against one profile, append the run
// record as it goes (one flush per datasheet), and return what the terminal summary needs.
// One bad file never stops the others.
import { readFileSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { listCmisLimits } from "../cmis/limits.js";
import { MAX_DATASHEET_BYTES } from "../datasheet/read-datasheet.js";
import type { XpoError } from "../model/errors.js";
import type { LimitInfo, Severity } from "../model/limit.js";
import { type Counts, createCounts, DEFAULT_FAIL_ON, exitCodeFor } from "../model/outcome.js";
import { listLimits, type Profile } from "../profile/load-profile.js";
import { loadSources } from "../profile/sources.js";
import { prefetchHarnessInfo } from "../run/harness-info.js";
import { RECORD_FORMAT, type RunEndLine, type RunStartLine } from "../run/record.js";
import { RecordWriter } from "../run/record-writer.js";
import { runnerField } from "../run/runner.js";
import type { SubjectModel } from "../run/subject.js";
import {
  type CheckedSubject,
  checkSubject,
  type NotableVerdict,
  subjectRecordLines,
  type Tally,
  tallySubject,
  unchecked,
} from "./check-subject.js";
import { type ExpandedInputs, expandInputs } from "./expand-inputs.js";
import { type Shard, takeShard } from "./shard.js";

export interface ValidateOptions {
  inputs: string[];
  profile: Profile;
  outDir: string;
  argv?: string[];
  /** The gate: failed limits of this severity or above fail the run (default "mandatory"). */
  failOn?: Severity;
  /** Check only this share of the expanded inputs (`--shard i/n`, see shard.ts). */
  shard?: Shard;
  onProgress?: (done: number, total: number, file: string) => void;
  /** A CMIS memory dump of the module, checked against each datasheet (`--cmis`). */
  cmis?: string;
  /** Called with the run-start line once it is written. */
  onStart?: (start: RunStartLine) => void;
  /** Called with each subject, all its lines written, so reports can be built as the run goes. */
  onSubject?: (subject: SubjectModel) => void;
}

export type { NotableVerdict };

export interface ValidateResult {
  recordPath: string;
  files: number;
  counts: Counts;
  /** Failed limits below the gate (also in counts.fail). */
  warnings: number;
  failOn: Severity;
  inputErrors: XpoError[];
  /** Failing, marginal and error verdicts, for the terminal summary. */
  notable: NotableVerdict[];
  exitCode: number;
  end: RunEndLine;
}

// Validate datasheets and write DIR/run.jsonl, one datasheet after another.
export async function runValidate(options: ValidateOptions): Promise<ValidateResult> {
  const { profile } = options;
  const failOn = options.failOn ?? DEFAULT_FAIL_ON;
  const recordPath = join(options.outDir, "run.jsonl");
  const writer = new RecordWriter(recordPath);
  const startedAt = new Date();
  const sources = loadSources(profile);
  const all = expandInputs(options.inputs);
  const expanded = options.shard ? takeShard(all, options.shard) : all;
  const preRead = new Map<string, Buffer>();
  const start: RunStartLine = {
    type: "run-start",
    format: RECORD_FORMAT,
    runId: `validate-${startedAt.toISOString()}`,
    kind: "validate",
    startedAt: startedAt.toISOString(),
    hostname: hostname(),
    ...runnerField(),
    harness: await prefetchHarnessInfo(),
    profile: profile.info,
    limits: judgesCmis(options.cmis, expanded.files, preRead)
      ? [...listLimits(profile), ...listCmisLimits(profile)]
      : listLimits(profile),
    ...(sources.length > 0 ? { sources } : {}),
    ...(options.shard ? { shard: { ...options.shard } } : {}),
    ...(options.argv ? { argv: options.argv } : {}),
    failOn,
  };
  writer.append(start);
  options.onStart?.(start);

  const catalogue = start.limits;
  const checked = appendChecked(writer, expanded, { ...options, failOn, catalogue, preRead });
  const { counts, warnings, inputErrors, notable, files } = checked;

  const exitCode = exitCodeFor(counts, inputErrors.length, warnings);
  const end: RunEndLine = {
    type: "run-end",
    endedAt: new Date().toISOString(),
    counts,
    inputErrors: inputErrors.length,
    warnings,
    exitCode,
  };
  writer.append(end);
  writer.close();
  return { recordPath, files, counts, warnings, failOn, inputErrors, notable, exitCode, end };
}

/** Bytes of pre-read datasheets kept for their check (a 1,000-file run fits; 10,000 keep the first). */
const PRE_READ_BUDGET = 2 * 1024 * 1024;

// Whether the run judges CMIS limits: --cmis, or a datasheet that names its dump (a cheap text
// search, so the catalogue in run-start lists the CMIS limits before any file is parsed). The
// bytes read are kept in `preRead`, within a budget, so the check does not read the file again.
function judgesCmis(
  cmis: string | undefined,
  files: readonly string[],
  preRead: Map<string, Buffer>,
): boolean {
  if (cmis !== undefined) return true;
  let kept = 0;
  return files.some((file) => {
    try {
      // Regular, datasheet-sized files only: a FIFO would block, a huge file is refused later.
      const stats = statSync(file);
      if (!stats.isFile() || stats.size > MAX_DATASHEET_BYTES) return false;
      const bytes = readFileSync(file);
      if (bytes.length <= MAX_DATASHEET_BYTES && kept + bytes.length <= PRE_READ_BUDGET) {
        preRead.set(file, bytes);
        kept += bytes.length;
      }
      return bytes.includes("cmisImage");
    } catch {
      return false;
    }
  });
}

export interface DatasheetSubjects {
  files: number;
  counts: Counts;
  warnings: number;
  inputErrors: XpoError[];
  notable: NotableVerdict[];
}

// Check datasheets and append one subject each to an open record (flushed per datasheet);
// used by runValidate and by `xpo demo`, which adds them to a live run's record.
export function appendDatasheetSubjects(
  writer: RecordWriter,
  options: Pick<ValidateOptions, "inputs" | "profile" | "onProgress" | "onSubject" | "failOn">,
): DatasheetSubjects {
  return appendChecked(writer, expandInputs(options.inputs), options);
}

type SubjectOptions = Pick<
  ValidateOptions,
  "profile" | "onProgress" | "onSubject" | "failOn" | "cmis"
> & { catalogue?: readonly LimitInfo[]; preRead?: Map<string, Buffer> };

// Subjects for the inputs that could not be expanded (missing paths, empty folders) come first.
function appendChecked(
  writer: RecordWriter,
  { files, errors }: ExpandedInputs,
  options: SubjectOptions,
): DatasheetSubjects {
  const { profile } = options;
  const tally: Tally = { counts: createCounts(), warnings: 0, notable: [] };
  // The run's catalogue (with the CMIS limits when it judges them), as the reports read it.
  const catalogue = options.catalogue ?? listLimits(profile);
  const severities = new Map(catalogue.map((l) => [l.id, l.severity]));
  const gate = {
    severityOf: (id: string) => severities.get(id),
    failOn: options.failOn ?? DEFAULT_FAIL_ON,
  };
  const inputErrors: XpoError[] = [];
  let subjectIndex = 0;

  const add = ({ subject, problems }: CheckedSubject) => {
    for (const line of subjectRecordLines(subject)) writer.append(line);
    writer.flush();
    tallySubject(subject, tally, gate);
    inputErrors.push(...problems);
    options.onSubject?.(subject);
  };

  for (const error of errors)
    add(unchecked(`s${++subjectIndex}`, error.location.file ?? "(input)", [error]));
  const { preRead } = options;
  files.forEach((file, index) => {
    const bytes = preRead?.get(file);
    preRead?.delete(file);
    add(checkSubject(file, profile, `s${++subjectIndex}`, options.cmis, bytes));
    options.onProgress?.(index + 1, files.length, file);
  });

  return { files: files.length, ...tally, inputErrors };
}
