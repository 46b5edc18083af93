// The live run's record around its steps: run-start and the DUT subject (or the `resumed`
// event), and at the end an error verdict for each limit a trip left unreached, subject-end
// and run-end.
import { hostname } from "node:os";
import { resolve } from "node:path";
import type { Instruments } from "../instruments/open-instruments.js";
import { listOpen } from "../instruments/open-instruments.js";
import { XpoError } from "../model/errors.js";
import type { LimitInfo } from "../model/limit.js";
import { type Counts, exitCodeFor } from "../model/outcome.js";
import { IDENTITY_KEYS, type SubjectIdentity } from "../model/subject-identity.js";
import type { CompiledLimit, Profile } from "../profile/load-profile.js";
import { getHarnessInfo } from "../run/harness-info.js";
import { RECORD_FORMAT, type RunEndLine, type RunStartLine } from "../run/record.js";
import { runnerField } from "../run/runner.js";
import { displayPath, type Station } from "../station/load-station.js";
import { type DutDatasheet, LIVE_DECISION_RULE } from "./live-limits.js";
import type { LiveRecorder } from "./recorder.js";
import type { PreviousRun } from "./resume.js";
import type { SafetyTrip } from "./safety.js";
import type { Step, Timing } from "./step.js";

/** What the start of a record names: the run's plan, bench and DUT. */
export interface RecordStart {
  dut: string;
  kind: "live" | "demo";
  argv?: string[] | undefined;
  station: Station;
  profile: Profile;
  extras: CompiledLimit[];
  datasheet?: DutDatasheet | undefined;
  timing: Timing;
  steps: readonly Step[];
  instruments: Instruments;
}

// The run-start line of a new live record.
function createRunStart(start: RecordStart, startedAt: string): RunStartLine {
  const { station, profile, datasheet } = start;
  const identities = Object.fromEntries(
    listOpen(start.instruments).map((d) => [d.role, d.identity]),
  );
  return {
    type: "run-start",
    format: RECORD_FORMAT,
    runId: `${start.kind}-${start.dut}-${startedAt}`,
    kind: start.kind,
    startedAt,
    hostname: hostname(),
    ...runnerField(),
    harness: getHarnessInfo(),
    profile: {
      ...profile.info,
      decisionRule: `${profile.info.decisionRule} ${LIVE_DECISION_RULE}`,
    },
    limits: [...profile.limits, ...start.extras].map((l) => l.info) as LimitInfo[],
    station: {
      name: station.config.name,
      file: displayPath(station.file),
      instruments: Object.entries(station.config.instruments).map(([role, i]) => ({
        role,
        resource: i.resource,
        ...(identities[role] ? { identity: identities[role] } : {}),
      })),
    },
    live: {
      dut: start.dut,
      ...(datasheet ? { datasheet: displayPath(datasheet.file) } : {}),
      stationFile: resolve(station.file),
      steps: start.steps.map((s) => ({ id: s.id, title: s.title, limitIds: [...s.limitIds] })),
      timeScale: start.timing.timeScale,
    },
    ...(start.argv ? { argv: start.argv } : {}),
  };
}

// The DUT's identity for its subject line: the datasheet's, with the serial number run.
function getDutIdentity(datasheet: DutDatasheet | undefined, dut: string): SubjectIdentity {
  const id = datasheet?.identity ?? {};
  const identity: SubjectIdentity = {};
  for (const key of IDENTITY_KEYS) {
    const value = id[key];
    if (key !== "serialNumber" && typeof value === "string") identity[key] = value;
  }
  identity.serialNumber = dut; // last, as records have always had it
  return identity;
}

// Begin the record: run-start and the DUT subject, or (resuming) check the DUT and say so.
export function startRecord(
  recorder: LiveRecorder,
  start: RecordStart,
  previous: PreviousRun | undefined,
): void {
  if (previous === undefined) {
    const startedAt = new Date().toISOString();
    recorder.append(createRunStart(start, startedAt));
    recorder.append({
      type: "subject",
      subjectId: recorder.subjectId,
      kind: "dut",
      name: start.dut,
      ...(start.datasheet ? { file: displayPath(start.datasheet.file) } : {}),
      identity: getDutIdentity(start.datasheet, start.dut),
      startedAt,
    });
    return;
  }
  if (previous.start.live?.dut !== start.dut)
    throw new XpoError(
      "XPO_USAGE",
      `the record is of DUT ${previous.start.live?.dut}, not ${start.dut}`,
      { file: recorder.writer.path },
    );
  recorder.event(
    "info",
    "resumed",
    `resumed; completed steps kept: ${[...previous.completed].join(", ") || "none"}`,
  );
}

// Limits of steps a final trip stopped before they completed: an error verdict each.
export function recordUnreached(
  recorder: LiveRecorder,
  steps: readonly Step[],
  finished: ReadonlySet<string>,
  limits: ReadonlyMap<string, CompiledLimit>,
  trip: SafetyTrip,
): void {
  for (const step of steps) {
    if (finished.has(step.id)) continue;
    for (const id of step.limitIds) {
      const limit = limits.get(id);
      if (limit)
        recorder.verdict({
          limitId: id,
          subject: `step ${step.id}`,
          unit: limit.info.unit,
          observed: null,
          margin: null,
          outcome: "error",
          reason: `not measured: the run stopped after a safety trip (${trip.kind}: ${trip.message})`,
        });
    }
  }
}

// The run-end line for counts over the whole record: exit 2 after a trip, else by the counts
// and the gate (`warnings`: failed limits below it, also in counts.fail).
export function createRunEnd(
  counts: Counts,
  inputErrors: number,
  tripped: boolean,
  warnings = 0,
): RunEndLine {
  return {
    type: "run-end",
    endedAt: new Date().toISOString(),
    counts,
    inputErrors,
    ...(warnings > 0 ? { warnings } : {}),
    exitCode: tripped ? 2 : exitCodeFor(counts, inputErrors, warnings),
  };
}
