// Run the live procedure on one DUT: load the station, open and identify every instrument
// (all problems reported before anything is switched on), write the run record as it goes
// (flushed per line), keep the safety controller watching, and end with the output off.
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { type Instruments, listOpen, openInstruments } from "../instruments/open-instruments.js";
import { XpoError } from "../model/errors.js";
import type { LimitInfo } from "../model/limit.js";
import { type Counts, createCounts, exitCodeFor } from "../model/outcome.js";
import { loadProfile } from "../profile/load-profile.js";
import { getHarnessInfo } from "../run/harness-info.js";
import { RECORD_FORMAT, type RunStartLine } from "../run/record.js";
import { RecordWriter } from "../run/record-writer.js";
import { displayPath, loadStation, type Station } from "../station/load-station.js";
import {
  getLiveExtraLimits,
  getTestConditions,
  LIVE_DECISION_RULE,
  readDutDatasheet,
} from "./live-limits.js";
import { liveSteps, type Step, type StepContext, type Timing } from "./procedures.js";
import type { RecorderListener } from "./recorder.js";
import { LiveRecorder } from "./recorder.js";
import { readPreviousRun } from "./resume.js";
import { classifyError, SafetyController, type SafetyTrip } from "./safety.js";

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
  /** Called when the live part completed normally, before run-end: append more subjects (demo). */
  beforeEnd?: (writer: RecordWriter) => { counts: Counts; inputErrors: number };
}

export interface LiveResult {
  recordPath: string;
  counts: Counts;
  exitCode: number;
  trip?: SafetyTrip;
  /** Whether the supply output was confirmed off at the end. */
  outputOff: boolean;
  /** false when interrupted: the record has no run-end and can be resumed. */
  ended: boolean;
}

/** Resources held by live runs in this process: two DUTs may share a bench, not an instrument. */
const inUse = new Map<string, string>();

function claimInstruments(station: Station, dut: string): () => void {
  const resources = Object.entries(station.config.instruments).map(([, i]) => i.resource);
  for (const resource of resources) {
    const holder = inUse.get(resource);
    if (holder !== undefined)
      throw new XpoError(
        "XPO_STATION_INVALID",
        `instrument ${resource} is already in use by the run of DUT ${holder}`,
        {
          file: station.file,
          remedy:
            "Two DUTs run concurrently only when their instruments differ: give each its own station file.",
        },
      );
  }
  for (const resource of resources) inUse.set(resource, dut);
  return () => {
    for (const resource of resources) if (inUse.get(resource) === dut) inUse.delete(resource);
  };
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

// Run (or resume) the live procedure; resolves when the output is off and the record written.
export async function runLive(options: LiveOptions): Promise<LiveResult> {
  const previous = options.resume ? readPreviousRun(options.resume) : undefined;
  const station = loadStation(options.stationFile);
  const profile = loadProfile(
    options.profile ?? previous?.start.profile.id ?? station.config.profile,
  );
  const datasheet = station.datasheet ? readDutDatasheet(station.datasheet) : undefined;
  const conditions = getTestConditions(profile, datasheet);
  const coolantRiseTolerance = station.config.checks?.coolantRiseTolerance ?? 0.15;
  const timing = getTiming(station);
  const safetyConfig = station.config.safety;
  if (
    safetyConfig.maxInletTemperatureC < conditions.maxInletC ||
    safetyConfig.minFlowLpm > conditions.minFlowLpm
  )
    throw new XpoError(
      "XPO_STATION_INVALID",
      `the station's safety settings (maxInletTemperatureC ${safetyConfig.maxInletTemperatureC} °C, minFlowLpm ${safetyConfig.minFlowLpm} L/min) would trip at the thermal test condition (${conditions.maxInletC} °C inlet, XPO-COOL-004; ${conditions.minFlowLpm} L/min, XPO-COOL-002)`,
      {
        file: station.file,
        remedy: "Allow the MSA's thermal test condition in the station's safety settings.",
      },
    );
  const release = claimInstruments(station, options.dut);
  let instruments: Instruments | undefined;
  try {
    instruments = await openInstruments(station);
    return await runOpened(options, {
      station,
      profile,
      datasheet,
      conditions,
      coolantRiseTolerance,
      timing,
      instruments,
      previous,
    });
  } finally {
    if (instruments) await Promise.all(listOpen(instruments).map((d) => d.close().catch(() => {})));
    release();
  }
}

async function runOpened(
  options: LiveOptions,
  setup: Omit<StepContext, "safety" | "recorder" | "limits" | "state" | "step"> & {
    previous: ReturnType<typeof readPreviousRun> | undefined;
  },
): Promise<LiveResult> {
  const { station, profile, datasheet, instruments, previous } = setup;
  const recordPath = options.resume ?? join(options.outDir, "run.jsonl");
  const writer = new RecordWriter(recordPath, { append: previous !== undefined });
  const extras = getLiveExtraLimits(datasheet, setup.coolantRiseTolerance);
  const limits = new Map([...profile.limits, ...extras].map((l) => [l.info.id, l]));
  const steps = liveSteps;
  const subjectId = previous?.subjectId ?? `dut-${options.dut}`;
  const recorder = new LiveRecorder(writer, subjectId, {
    timeScale: setup.timing.timeScale,
    offsetMs: previous ? previous.lastT + 1 : 0,
    counts: previous?.counts ?? createCounts(),
  });
  if (options.listener) recorder.listen(options.listener);
  const identities = Object.fromEntries(listOpen(instruments).map((d) => [d.role, d.identity]));
  if (previous === undefined) {
    const startedAt = new Date().toISOString();
    const start: RunStartLine = {
      type: "run-start",
      format: RECORD_FORMAT,
      runId: `${options.kind ?? "live"}-${options.dut}-${startedAt}`,
      kind: options.kind ?? "live",
      startedAt,
      hostname: hostname(),
      harness: getHarnessInfo(),
      profile: {
        ...profile.info,
        decisionRule: `${profile.info.decisionRule} ${LIVE_DECISION_RULE}`,
      },
      limits: [...profile.limits.map((l) => l.info), ...extras.map((l) => l.info)] as LimitInfo[],
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
        dut: options.dut,
        ...(datasheet ? { datasheet: displayPath(datasheet.file) } : {}),
        stationFile: resolve(station.file),
        steps: steps.map((s) => ({ id: s.id, title: s.title, limitIds: s.limitIds })),
        timeScale: setup.timing.timeScale,
      },
      ...(options.argv ? { argv: options.argv } : {}),
    };
    recorder.append(start);
    const id = datasheet?.identity ?? {};
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    const identity = Object.fromEntries(
      Object.entries({
        vendor: str(id.vendor),
        partNumber: str(id.partNumber),
        hardwareRevision: str(id.hardwareRevision),
        firmwareRevision: str(id.firmwareRevision),
        opticsVariant: str(id.opticsVariant),
        serialNumber: options.dut,
      }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    recorder.append({
      type: "subject",
      subjectId,
      kind: "dut",
      name: options.dut,
      ...(datasheet ? { file: displayPath(datasheet.file) } : {}),
      identity,
      startedAt,
    });
  } else {
    if (previous.start.live?.dut !== options.dut)
      throw new XpoError(
        "XPO_USAGE",
        `the record is of DUT ${previous.start.live?.dut}, not ${options.dut}`,
        { file: recordPath },
      );
    recorder.event(
      "info",
      "resumed",
      `resumed; completed steps kept: ${[...previous.completed].join(", ") || "none"}`,
    );
  }

  const safety = new SafetyController(instruments, station.config, recorder);
  const state: Record<string, number> = { ...(previous?.state ?? {}) };
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
    for (const step of steps) {
      if (step.kind === "measure" && previous?.completed.has(step.id)) {
        finished.add(step.id);
        options.onStep?.(step, "skip");
        continue;
      }
      safety.check();
      current = step;
      safety.step = step.id;
      recorder.event("info", "step-start", step.title, { step: step.id });
      options.onStep?.(step, "start");
      const ctx: StepContext = { ...setup, safety, recorder, limits, state, step: step.id };
      const tripped = new Promise<never>((_, reject) => {
        if (safety.signal.aborted) reject(safety.signal.reason);
        safety.signal.addEventListener("abort", () => reject(safety.signal.reason), { once: true });
      });
      tripped.catch(() => {});
      await Promise.race([step.run(ctx), tripped]);
      recorder.flushReadings();
      const data =
        step.id === "power-nominal" && state.nominalPowerW !== undefined
          ? { data: { nominalPowerW: state.nominalPowerW } }
          : {};
      recorder.event("info", "step-done", step.title, { step: step.id, ...data });
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
    recorder.flushReadings();
  }

  const trip = safety.trip;
  const ended = trip === undefined || trip.final;
  if (trip && ended) {
    // Limits of steps that did not complete: an error verdict each, so reports show them.
    for (const step of steps)
      if (!finished.has(step.id))
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
  let counts = recorder.counts;
  let inputErrors = 0;
  if (ended) {
    recorder.append({ type: "subject-end", subjectId, endedAt: new Date().toISOString() });
    if (!trip && options.beforeEnd) {
      const more = options.beforeEnd(writer);
      counts = sumCounts(counts, more.counts);
      inputErrors = more.inputErrors;
    }
  }
  const exitCode = trip ? 2 : exitCodeFor(counts, inputErrors);
  if (ended)
    recorder.append({
      type: "run-end",
      endedAt: new Date().toISOString(),
      counts,
      inputErrors,
      exitCode,
    });
  recorder.seal();
  writer.close();
  return {
    recordPath,
    counts,
    exitCode,
    ...(trip ? { trip } : {}),
    outputOff: safety.confirmedOff === true,
    ended,
  };
}

function sumCounts(a: Counts, b: Counts): Counts {
  const out = createCounts();
  for (const key of Object.keys(out) as (keyof Counts)[]) out[key] = a[key] + b[key];
  return out;
}
