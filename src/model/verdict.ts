// A verdict: one limit judged on one subject value. `fail` means the module is out of limits;
// `error` means the harness could not judge (missing, NaN, overrange or out-of-condition data).
import type { Evidence } from "./evidence.js";
import type { Outcome } from "./outcome.js";

export interface Verdict {
  limitId: string;
  /** JSON pointer into the datasheet document, or a measurement name. */
  subject: string;
  /** Per-lane limits: the lane as the datasheet (or the bench) numbers it, e.g. 37 for
   * /optical/lanes/36 with `lane: 37`. Reports name the lane by it, never by the array index. */
  lane?: number;
  observed: unknown;
  unit: string;
  /** Distance to the nearest bound, in the limit's unit; positive when inside. null when not numeric. */
  margin: number | null;
  outcome: Outcome;
  /** Why not-applicable or error; for fail, the failed rule in words. */
  reason?: string;
  evidence?: Evidence;
  /** Guard band used for `marginal`, in the limit's unit. */
  guard?: number;
}

// " (lane 37)" for a per-lane verdict, "" otherwise: how every output names a lane, by the
// datasheet's own number, so lane failures can be told apart.
export function laneSuffix(verdict: Pick<Verdict, "lane">): string {
  return verdict.lane === undefined ? "" : ` (lane ${verdict.lane})`;
}

/** Starts the part of a verdict's reason that says what to write instead ("; hint: ..."). */
export const HINT = "; hint: ";

/** The hints in a verdict's reason, for a terminal line that shows no reason otherwise. */
export function hintsOf(reason: string | undefined): string[] {
  return reason === undefined ? [] : reason.split(HINT).slice(1);
}
