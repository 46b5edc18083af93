// A verdict: one limit judged on one subject value. `fail` means the module is out of limits;
// `error` means the harness could not judge (missing, NaN, overrange or out-of-condition data).
import type { Evidence } from "./evidence.js";
import type { Outcome } from "./outcome.js";

export interface Verdict {
  limitId: string;
  /** JSON pointer into the datasheet document, or a measurement name. */
  subject: string;
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

/** Starts the part of a verdict's reason that says what to write instead ("; hint: ..."). */
export const HINT = "; hint: ";

/** The hints in a verdict's reason, for a terminal line that shows no reason otherwise. */
export function hintsOf(reason: string | undefined): string[] {
  return reason === undefined ? [] : reason.split(HINT).slice(1);
}
