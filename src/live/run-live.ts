// Run the live procedure on one DUT: load the station, check the profile has every limit the
// steps judge, open and identify every instrument (all problems reported before anything is
// switched on), write the run record as it goes (flushed per line), keep the safety
// controller watching, and end with the output off.

import { join } from "node:path";
import { type Instruments, listOpen, openInstruments } from "../instruments/open-instruments.js";
import { type Counts, createCounts } from "../model/outcome.js";
import { type CompiledLimit, loadProfile, type Profile } from "../profile/load-profile.js";
import { RecordWriter } from "../run/record-writer.js";
import { loadStation, type Station } from "../station/load-station.js";
import { claimInstruments } from "./claim-instruments.js";
import { getCmisLimits } from "./cmis-limits.js";
import { refuseResumableRecord } from "./keep-open-record.js";
import {
  type DutDatasheet,
  getLiveExtraLimits,
  getTestConditions,
  readDutDatasheet,
  type TestConditions,
} from "./live-limits.js";
import { createRunEnd, recordUnreached, startRecord } from "./live-record.js";
import { checkSafetyAgainstInstruments, checkSafetyAgainstProfile } from "./preflight-safety.js";
import { checkProcedureOrder } from "./procedure-order.js";
import type { RecorderListener } from "./recorder.js";
import { LiveRecorder } from "./recorder.js";
import { type PreviousRun, readPreviousRun } from "./resume.js";
import { type RunTiming, runTiming } from "./run-timing.js";
import { classifyError, SafetyController, type SafetyTrip } from "./safety.js";
import { requireStepLimits, type Step, type StepContext, type Timing } from "./step.js";
import { liveSteps } from "./steps/index.js";
import { untilAborted } from "./until-aborted.js";

export interface LiveOptions {
  stationFile: string;
  dut: string;
  outDir: string;
  /** Continue this record (path to its run.jsonl). */
  resume?: string;
  profile?: string;
  kind?: "live" | "demo";
  argv?: string[];
  /** Abort to interrupt the run (Ctrl-C, SIGTERM, crash): the output goes off, the record stays open. */
  signal?: AbortSignal;
  listener?: RecorderListener;
  /** Called after each step starts or completes (progress, tests). */
  onStep?: (step: Step, phase: "start" | "done" | "skip") => void;
  /** The procedure (default the built-in liveSteps): e.g. with a step of your own (examples/). */
  steps?: readonly Step[];
  /** A completed run ends its DUT subject but leaves run-end to the caller, who appends more
   * subjects to the record and then ends it with createRunEnd (xpo demo). */
  moreSubjects?: boolean;
}

export interface LiveResult {
  recordPath: string;
  counts: Counts;
  /** Failed limits below the gate (also in counts.fail). */
  warnings: number;
  exitCode: number;
  trip?: SafetyTrip;
  /** Whether the supply output was confirmed off at the end. */
  outputOff: boolean;
  /** Whether the record has its run-end (false when interrupted, or left to the caller). */
  ended: boolean;
  /** Required dwell and each instrument's busy time (the run's floor, docs/performance.md). */
  timing: RunTiming;
}

/** Everything a run needs before an instrument is opened. */
interface LiveSetup {
  station: Station;
  profile: Profile;
  datasheet: DutDatasheet | undefined;
  conditions: TestConditions;
  coolantRiseTolerance: number;
  timing: Timing;
  /** Profile limits plus the live extras, by id. */
  limits: Map<string, CompiledLimit>;
  extras: CompiledLimit[];
  steps: readonly Step[];
  previous: PreviousRun | undefined;
}

function getTiming(station: Station): Timing {
  const t = station.config.timing ?? {};
  return {
    timeScale: t.timeScale ?? 1,
    settleS: t.settleS ?? 5,
    thermalSettleS: t.thermalSettleS ?? 60,
    inletWaitS: t.inletWaitS ?? 600,
    inletToleranceK: t.inletToleranceK ?? 0.5,
    inrushSamples: t.inrushSamples ?? 10,
  };
}

// Load and check everything the run needs; throws before any instrument is opened.
function prepareRun(options: LiveOptions, steps: readonly Step[]): LiveSetup {
  checkProcedureOrder(steps);
  const previous = options.resume ? readPreviousRun(options.resume) : undefined;
  if (options.resume === undefined) refuseResumableRecord(options.outDir);
  const station = loadStation(options.stationFile);
  const profile = loadProfile(
    options.profile ?? previous?.start.profile.id ?? station.config.profile,
  );
  const datasheet = station.datasheet ? readDutDatasheet(station.datasheet) : undefined;
  const conditions = getTestConditions(profile, datasheet);
  const coolantRiseTolerance = station.config.checks?.coolantRiseTolerance ?? 0.15;
  checkSafetyAgainstProfile(station, conditions);
  const extras = [
    ...getLiveExtraLimits(datasheet, coolantRiseTolerance),
    ...getCmisLimits(profile),
  ];
  const limits = new Map([...profile.limits, ...extras].map((l) => [l.info.id, l]));
  requireStepLimits(steps, limits, profile);
  const timing = getTiming(station);
  return {
    station,
    profile,
    datasheet,
    conditions,
    coolantRiseTolerance,
    timing,
    limits,
    extras,
    steps,
    previous,
  };
}

// Run (or resume) the live procedure; resolves when the output is off and the record written.
export async function runLive(options: LiveOptions): Promise<LiveResult> {
  const setup = prepareRun(options, options.steps ?? liveSteps);
  const release = await claimInstruments(setup.station, options.dut);
  let instruments: Instruments | undefined;
  try {
    instruments = await openInstruments(setup.station);
    checkSafetyAgainstInstruments(setup.station, setup.conditions, instruments);
    return await runOpened(options, setup, instruments);
  } finally {
    if (instruments) await Promise.all(listOpen(instruments).map((d) => d.close().catch(() => {})));
    release();
  }
}

/** A run under way: its record, its safety controller and the steps' state. */
interface OpenRun {
  setup: LiveSetup;
  instruments: Instruments;
  writer: RecordWriter;
  recorder: LiveRecorder;
  safety: SafetyController;
  /** Each step's kept state, by step id (restored from the record on resume). */
  states: Map<string, unknown>;
  /** The steps ended with the output not confirmed off, so the runner switched it off. */
  leftOn?: boolean;
}

// Start the record, run the steps, record what a trip left unreached, and end the record.
async function runOpened(
  options: LiveOptions,
  setup: LiveSetup,
  instruments: Instruments,
): Promise<LiveResult> {
  const run = openRun(options, setup, instruments);
  const finished = await runSteps(options, run);
  return endRun(options, run, finished);
}

// Open (or continue) the record and write its start; restore the steps' state on resume.
function openRun(options: LiveOptions, setup: LiveSetup, instruments: Instruments): OpenRun {
  const { previous, station, timing } = setup;
  const recordPath = options.resume ?? join(options.outDir, "run.jsonl");
  const writer = new RecordWriter(recordPath, { append: previous !== undefined });
  const recorder = new LiveRecorder(writer, previous?.subjectId ?? `dut-${options.dut}`, {
    timeScale: timing.timeScale,
    offsetMs: previous ? previous.lastT + 1 : 0,
    counts: previous?.counts ?? createCounts(),
    warnings: previous?.warnings ?? 0,
    severityOf: (id) => setup.limits.get(id)?.info.severity,
  });
  if (options.listener) recorder.listen(options.listener);
  startRecord(
    recorder,
    {
      ...setup,
      dut: options.dut,
      kind: options.kind ?? "live",
      argv: options.argv,
      instruments,
    },
    previous,
  );
  for (const { message, role, instrument } of instruments.staleErrors ?? [])
    recorder.event("warning", "stale-errors", message, { data: { role, instrument } });
  const states = new Map<string, unknown>();
  for (const step of setup.steps) {
    const data = previous?.stepData.get(step.id);
    const state = data && step.state?.load(data);
    if (state !== undefined) states.set(step.id, state);
  }
  const safety = new SafetyController(instruments, station.config, recorder);
  return { setup, instruments, writer, recorder, safety, states };
}

// The context one step runs with.
function createContext(run: OpenRun, step: Step): StepContext {
  const { setup, states } = run;
  return {
    instruments: run.instruments,
    safety: run.safety,
    recorder: run.recorder,
    profile: setup.profile,
    conditions: setup.conditions,
    station: setup.station,
    datasheet: setup.datasheet,
    timing: setup.timing,
    coolantRiseTolerance: setup.coolantRiseTolerance,
    step: step.id,
    limit: (id) => setup.limits.get(id),
    keep: (state) => states.set(step.id, state),
    stateOf: <T>(other: Step<string, T>) => states.get(other.id) as T | undefined,
  };
}

// Run one step until it completes or the safety controller trips.
async function runStep(run: OpenRun, step: Step): Promise<void> {
  const { safety, recorder } = run;
  const tripped = untilAborted(safety.signal);
  if (step.kind === "measure") recorder.holdVerdicts();
  await Promise.race([step.run(createContext(run, step)), tripped.promise]).finally(
    tripped.release,
  );
  recorder.releaseVerdicts();
  recorder.flushReadings();
  const kept = run.states.get(step.id);
  const data = step.state && kept !== undefined ? { data: step.state.save(kept) } : {};
  recorder.event("info", "step-done", step.title, { step: step.id, ...data });
}

// Run the steps in order (measure steps recorded as done are skipped on resume); an error
// trips the safety controller. Returns the ids of the steps completed or skipped.
async function runSteps(options: LiveOptions, run: OpenRun): Promise<Set<string>> {
  const { safety, recorder } = run;
  const previous = run.setup.previous;
  const onAbort = () => {
    const reason = options.signal?.reason;
    const trip: SafetyTrip =
      typeof reason === "object" && reason !== null && "kind" in reason
        ? (reason as SafetyTrip)
        : { kind: "interrupted", message: String(reason ?? "interrupted"), final: false };
    void safety.tripNow(trip);
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let current: Step | undefined;
  const finished = new Set<string>();
  safety.startMonitor();
  try {
    for (const step of run.setup.steps) {
      if (step.kind === "measure" && previous?.completed.has(step.id)) {
        finished.add(step.id);
        options.onStep?.(step, "skip");
        continue;
      }
      safety.check();
      current = step;
      safety.enterStep(step.id);
      const attempt = (previous?.attempts.get(step.id) ?? 0) + 1;
      recorder.event("info", "step-start", step.title, { step: step.id, data: { attempt } });
      options.onStep?.(step, "start");
      await runStep(run, step);
      finished.add(step.id);
      options.onStep?.(step, "done");
    }
  } catch (error) {
    if (!safety.trip) {
      const { kind, message } = classifyError(error);
      await safety.tripNow({
        kind,
        message,
        final: true,
        ...(current ? { step: current.id } : {}),
      });
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await safety.stopMonitor();
    if (safety.trip) await safety.tripNow(safety.trip);
    // Defence in depth: whatever the steps did, a run never ends with the output left on.
    else if (safety.confirmedOff !== true) {
      run.leftOn = true;
      await safety.outputOff("the procedure ended without confirming the output off");
    }
    settleHeldVerdicts(run, current);
    recorder.flushReadings();
  }
  return finished;
}

// A step that did not complete: a final trip keeps its verdicts so far; an interruption drops
// them (the step re-runs on resume, and its verdicts are then in the record once).
function settleHeldVerdicts(run: OpenRun, step: Step | undefined): void {
  const { recorder, safety } = run;
  if (safety.trip === undefined || safety.trip.final) {
    recorder.releaseVerdicts();
    return;
  }
  const dropped = recorder.dropVerdicts();
  if (step !== undefined && dropped > 0)
    recorder.event(
      "warning",
      "step-incomplete",
      `step ${step.id} was interrupted: its ${dropped} verdict(s) so far are not recorded; it runs again on resume`,
      { step: step.id, data: { dropped } },
    );
}

// End the record: unreached limits after a final trip, subject-end, and run-end unless the
// run was interrupted (resumable) or the caller appends more subjects.
function endRun(options: LiveOptions, run: OpenRun, finished: Set<string>): LiveResult {
  const { recorder, safety, writer } = run;
  const trip = safety.trip;
  const subjectEnded = trip === undefined || trip.final;
  if (trip?.final) recordUnreached(recorder, run.setup.steps, finished, run.setup.limits, trip);
  if (subjectEnded)
    recorder.append({
      type: "subject-end",
      subjectId: recorder.subjectId,
      endedAt: new Date().toISOString(),
    });
  const counts = recorder.counts;
  const end = createRunEnd(counts, 0, trip !== undefined || run.leftOn === true, recorder.warnings);
  const ended = subjectEnded && !(trip === undefined && options.moreSubjects === true);
  if (ended) recorder.append(end);
  recorder.seal();
  writer.close();
  return {
    recordPath: writer.path,
    counts,
    warnings: recorder.warnings,
    exitCode: end.exitCode,
    ...(trip ? { trip } : {}),
    outputOff: safety.confirmedOff === true,
    ended,
    timing: runTiming(run.instruments, safety.timing),
  };
}
