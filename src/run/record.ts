// The run record: the append-only JSONL file every run writes (`run.jsonl`). Reports are pure
// functions of it, so it carries everything a report shows. One JSON object per line, with a
// `type` field. Lines are written and flushed as the run goes; a record without `run-end`
// comes from a run that did not finish (a crash, SIGKILL) and renders as incomplete.

import type { LimitInfo, Severity } from "../model/limit.js";
import type { Counts } from "../model/outcome.js";
import type { ProfileInfo, ProfileSource } from "../model/profile-info.js";
import type { SubjectIdentity } from "../model/subject-identity.js";
import type { Verdict } from "../model/verdict.js";

export const RECORD_FORMAT = "xpo-run-record/1";

export interface HarnessInfo {
  version: string;
  commit: string;
}

export interface RunStartLine {
  type: "run-start";
  format: typeof RECORD_FORMAT;
  runId: string;
  kind: "validate" | "live" | "demo";
  startedAt: string;
  hostname: string;
  harness: HarnessInfo;
  profile: ProfileInfo;
  limits: LimitInfo[];
  /** The public sources the limits cite (the profile's sources.json), for the reports. */
  sources?: ProfileSource[];
  /** The CI job that wrote the record (XPO_RUNNER, or the CI's job name and id; see runner.ts). */
  runner?: string;
  /** `xpo validate --shard i/n`: the share of the inputs this run checked (1-based). */
  shard?: { index: number; count: number };
  /** Live runs: the station file and its instruments. */
  station?: {
    name: string;
    file?: string;
    instruments: { role: string; resource: string; identity?: string }[];
  };
  /** The command line that produced the run. */
  argv?: string[];
  /** The gate (`--fail-on`): failed limits of this severity or above set exit 1; the others are
   * warnings. Missing in records written before the gate: read as "mandatory". */
  failOn?: Severity;
  /** Live runs: the DUT, its datasheet, the planned steps and the bench time scale. */
  live?: LiveRunInfo;
}

/** What a live run plans to do; `xpo run --resume` reads it back. */
export interface LiveRunInfo {
  dut: string;
  datasheet?: string;
  stationFile: string;
  steps: { id: string; title: string; limitIds: string[] }[];
  /** Virtual seconds per real second (simulated benches); readings' t is in bench time. */
  timeScale: number;
}

export interface SubjectLine {
  type: "subject";
  subjectId: string;
  kind: "datasheet" | "dut";
  /** Datasheet path as given (relative to the working directory), or the DUT id. */
  name: string;
  file?: string;
  identity: SubjectIdentity;
  startedAt: string;
}

export interface VerdictLine extends Verdict {
  type: "verdict";
  subjectId: string;
  /** Live runs: measurement conditions (supply voltage, coolant flow, ...). */
  conditions?: Record<string, number | string>;
  time?: string;
}

export interface InputErrorLine {
  type: "input-error";
  subjectId: string;
  code: string;
  message: string;
  remedy: string;
  file?: string;
  line?: number;
  column?: number;
}

/** A batch of time-series readings of one channel (live runs); t in ms since run start. */
export interface ReadingsLine {
  type: "readings";
  subjectId: string;
  channel: string;
  unit: string;
  instrument?: string;
  t: number[];
  v: number[];
  /** Limits to draw on a plot of this channel. */
  limitIds?: string[];
}

/** Something that happened: a safety trip, an output switched off, a step completed. */
export interface EventLine {
  type: "event";
  subjectId?: string;
  time: string;
  level: "info" | "warning" | "error";
  kind: string;
  message: string;
  step?: string;
  /** Values that go with the event (e.g. a step's results a resumed run needs). */
  data?: Record<string, number | string | boolean>;
}

export interface SubjectEndLine {
  type: "subject-end";
  subjectId: string;
  endedAt: string;
}

export interface RunEndLine {
  type: "run-end";
  endedAt: string;
  counts: Counts;
  inputErrors: number;
  /** Failed limits below the gate (counted in counts.fail too): warnings, not failing the run. */
  warnings?: number;
  exitCode: number;
}

export type RecordLine =
  | RunStartLine
  | SubjectLine
  | VerdictLine
  | InputErrorLine
  | ReadingsLine
  | EventLine
  | SubjectEndLine
  | RunEndLine;
