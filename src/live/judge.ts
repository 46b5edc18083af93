// Verdicts of live readings: a reading against a limit id with the instrument's accuracy as
// the guard, a limit not checked (and why), and whether the module operates at a voltage.

import { judgeValue } from "../check/evaluate.js";
import {
  type Accuracy,
  findInvalidReading,
  getGuard,
  type MeasuringRange,
} from "../instruments/driver.js";
import { XpoError } from "../model/errors.js";
import type { Evidence } from "../model/evidence.js";
import { roundSignificant, SHOWN_DIGITS } from "../model/round.js";
import type { CompiledLimit } from "../profile/load-profile.js";
import { isDeclaredLimitId } from "./live-limits.js";
import type { JudgeContext } from "./step.js";

/** A module is taken to be operating when it draws at least this share of its nominal power. */
const OPERATING_SHARE = 0.5;

// Six significant digits for recorded values (no binary noise in the record).
export const round = (v: number) => roundSignificant(v, SHOWN_DIGITS);

// The limit a step judges; undefined only for a DECL-* limit the DUT's datasheet does not declare.
export function findStepLimit<L extends string>(
  ctx: JudgeContext<L>,
  limitId: NoInfer<L>,
): CompiledLimit | undefined {
  const limit = ctx.limit(limitId);
  if (limit === undefined && !isDeclaredLimitId(limitId))
    // requireStepLimits refuses such a profile before the run starts; this is a step's mistake.
    throw new XpoError(
      "XPO_PROFILE_INVALID",
      `step ${ctx.step} judges limit ${limitId}, which the profile does not have`,
    );
  return limit;
}

export interface JudgeOptions {
  subject: string;
  /** Per-lane limits: the DUT's lane number (1-based), named in every report. */
  lane?: number;
  accuracy?: Accuracy | undefined;
  /** The instrument's measuring range: a reading outside it is an error, never judged. */
  range?: MeasuringRange | undefined;
  evidence?: Evidence;
  conditions?: Record<string, number | string>;
}

// Record a verdict for a reading against a limit, with the instrument's accuracy as the guard.
export function judgeReading<L extends string>(
  ctx: JudgeContext<L>,
  limitId: NoInfer<L>,
  value: number,
  options: JudgeOptions,
): void {
  const limit = findStepLimit(ctx, limitId);
  if (limit === undefined) return;
  const base = {
    limitId,
    subject: options.subject,
    ...(options.lane === undefined ? {} : { lane: options.lane }),
    unit: limit.info.unit,
    ...(options.evidence ? { evidence: options.evidence } : {}),
    ...(options.conditions ? { conditions: options.conditions } : {}),
  };
  const invalid = findInvalidReading(value, options.range, options.accuracy);
  if (invalid !== undefined) {
    ctx.recorder.verdict({
      ...base,
      observed: null,
      margin: null,
      outcome: "error",
      reason: `no valid reading: ${invalid}; not judged`,
    });
    return;
  }
  const judged = judgeValue(limit, value, (v) => getGuard(options.accuracy, v));
  ctx.recorder.verdict({
    ...base,
    observed: round(value),
    ...judged,
    ...(judged.margin !== null ? { margin: round(judged.margin) } : {}),
  });
}

// Record a limit that was not checked, with why (not-applicable or error).
export function recordUnchecked<L extends string>(
  ctx: JudgeContext<L>,
  limitId: NoInfer<L>,
  outcome: "not-applicable" | "error",
  reason: string,
  subject = "live",
): void {
  const limit = findStepLimit(ctx, limitId);
  if (limit === undefined) return;
  ctx.recorder.verdict({
    limitId,
    subject,
    unit: limit.info.unit,
    observed: null,
    margin: null,
    outcome,
    reason,
  });
}

// Whether a module drawing `powerW` is operating (OPERATING_SHARE of `nominalW`, or any power).
export function isOperating(powerW: number, nominalW: number | undefined): boolean {
  return nominalW === undefined ? powerW > 0 : powerW >= OPERATING_SHARE * nominalW;
}

// Record whether the module operates at a voltage the profile requires (XPO-PWR-002/003/004):
// it draws at least OPERATING_SHARE of `nominalW` (any power when the nominal is not known).
export function judgeOperation<L extends string>(
  ctx: JudgeContext<L>,
  limitId: NoInfer<L>,
  point: { volts: number; powerW: number; evidence: Evidence },
  nominalW: number | undefined,
): void {
  const limit = findStepLimit(ctx, limitId);
  if (limit === undefined) return;
  const { volts, powerW } = point;
  if (!Number.isFinite(powerW) || (nominalW !== undefined && !Number.isFinite(nominalW))) {
    ctx.recorder.verdict({
      limitId,
      subject: `operation at ${volts} V`,
      unit: limit.info.unit,
      observed: null,
      margin: null,
      outcome: "error",
      reason: `no valid power reading (${Number.isFinite(powerW) ? `the nominal power is ${nominalW}` : `the module power read ${powerW}`}): whether the module operates at ${volts} V is not judged`,
      evidence: point.evidence,
      conditions: { supplyV: volts },
    });
    return;
  }
  const operates = isOperating(powerW, nominalW);
  const inside = limit.validate(volts);
  ctx.recorder.verdict({
    limitId,
    subject: `operation at ${volts} V`,
    unit: limit.info.unit,
    observed: volts,
    margin: null,
    outcome: operates && inside ? "pass" : "fail",
    reason: operates
      ? `the module operated at ${volts} V (drew ${round(powerW)} W)`
      : `the module did not operate at ${volts} V: it drew ${round(powerW)} W, under ${OPERATING_SHARE * 100} % of its ${nominalW === undefined ? "nominal" : `${round(nominalW)} W nominal`} power`,
    evidence: point.evidence,
    conditions: { supplyV: volts },
  });
}
