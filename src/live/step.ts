// What a live step is: an id, a title, the limit ids it judges, and the typed state it keeps
// for later steps and for `xpo run --resume` (written into its step-done event's data, read
// back from the record). The steps themselves are in ./steps/, one file each.
import type { Instruments } from "../instruments/open-instruments.js";
import { XpoError } from "../model/errors.js";
import type { CompiledLimit, Profile } from "../profile/load-profile.js";
import type { Station } from "../station/load-station.js";
import { type DutDatasheet, isDeclaredLimitId, type TestConditions } from "./live-limits.js";
import type { LiveRecorder } from "./recorder.js";
import type { SafetyController } from "./safety.js";

/** Bench timing, in bench seconds (divided by the station's time scale on a simulated bench). */
export interface Timing {
  timeScale: number;
  settleS: number;
  thermalSettleS: number;
  inletWaitS: number;
  inletToleranceK: number;
  inrushSamples: number;
}

/** Values a step-done event carries (the record's `data`). */
export type StepData = Record<string, number | string | boolean>;

/** How a step's state goes into the record and comes back on resume. */
export interface StepState<S> {
  // The state as step-done data.
  save(state: S): StepData;
  // The state from a recorded step-done event's data; undefined when it is not there.
  load(data: Readonly<Record<string, unknown>>): S | undefined;
}

/** The part of a step's context that records verdicts (the judge helpers need no more). */
export type JudgeContext<L extends string> = Pick<StepContext<L>, "limit" | "recorder" | "step">;

/** The part of a step's context that is the same for every step (bench, record, conditions). */
export type BenchContext = Omit<StepContext, "limit" | "keep" | "stateOf">;

/** What the runner hands a step: the bench, the limits, and its own and others' state. */
export interface StepContext<L extends string = string, S = unknown> {
  instruments: Instruments;
  safety: SafetyController;
  recorder: LiveRecorder;
  profile: Profile;
  /** A limit the step declared (profile or live extra); undefined for an undeclared DECL-*. */
  limit: (limitId: L) => CompiledLimit | undefined;
  conditions: TestConditions;
  station: Station;
  datasheet?: DutDatasheet | undefined;
  timing: Timing;
  coolantRiseTolerance: number;
  /** The id of the running step. */
  step: string;
  // Keep this step's state: recorded with its step-done event, restored on resume.
  keep(state: S): void;
  // The state another step kept, in this run or in the record being resumed.
  stateOf<T>(step: Step<string, T>): T | undefined;
}

/** One step of the live procedure. */
export interface Step<L extends string = string, S = unknown> {
  id: string;
  title: string;
  /** setup steps run on every start and resume; measure steps once, skipped when recorded done. */
  kind: "setup" | "measure";
  /** Limit ids the step judges; each must be in the profile (or be a DECL-* the DUT declares). */
  limitIds: readonly L[];
  /** The step's state, when later steps or a resumed run need it. */
  state?: StepState<S>;
  run(ctx: StepContext<L, S>): Promise<void>;
}

// Declare a step; its limit ids become the only ids its context lets it judge.
export function defineStep<const L extends string, S = never>(step: Step<L, S>): Step<L, S> {
  return step;
}

// Refuse to start when a step's limit id is not in the profile: never a silently missing verdict.
export function requireStepLimits(
  steps: readonly Step[],
  limits: ReadonlyMap<string, CompiledLimit>,
  profile: Profile,
): void {
  const missing = steps.flatMap((step) =>
    step.limitIds
      .filter((id) => !limits.has(id) && !isDeclaredLimitId(id))
      .map((id) => `${id} (step ${step.id})`),
  );
  if (missing.length > 0)
    throw new XpoError(
      "XPO_PROFILE_INVALID",
      `profile ${profile.info.id} has no limit ${missing.join(", ")}, which the live procedure checks`,
      {
        file: profile.dir,
        remedy:
          "Use a profile that defines every limit the live steps check (docs/live.md#the-procedure-and-the-limits-it-checks).",
      },
    );
}
