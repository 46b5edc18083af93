// Outcomes of a verdict, their tallies, and the gate: which failures set the exit code.
// `fail` is a module out of limits; `error` is a station that could not check (a missing, NaN or
// overrange reading, a bad input): never a pass.
import type { Severity } from "./limit.js";

export type Outcome = "pass" | "fail" | "marginal" | "not-applicable" | "error";
export const OUTCOMES: readonly Outcome[] = ["pass", "fail", "marginal", "not-applicable", "error"];

export type Counts = Record<Outcome, number>;

// Make an all-zero outcome tally.
export function createCounts(): Counts {
  return { pass: 0, fail: 0, marginal: 0, "not-applicable": 0, error: 0 };
}

// Add two tallies (a live subject and the datasheets appended to the same record).
export function addCounts(a: Counts, b: Counts): Counts {
  const out = createCounts();
  for (const key of Object.keys(out) as (keyof Counts)[]) out[key] = a[key] + b[key];
  return out;
}

/**
 * The gate, as linters have it (errors fail, warnings are shown): a failed limit whose severity
 * is at or above `--fail-on` sets exit 1; a failed limit below it is a warning, counted and shown
 * everywhere but never failing the run. The default gates on mandatory limits only.
 */
export const FAIL_ON_LEVELS: readonly Severity[] = ["mandatory", "recommended", "informative"];
export const DEFAULT_FAIL_ON: Severity = "mandatory";

// Does a failure of a limit of this severity fail the run? An unknown severity gates (a limit
// the catalogue lacks must never be waved through).
export function gatesOn(
  severity: Severity | undefined,
  failOn: Severity = DEFAULT_FAIL_ON,
): boolean {
  if (severity === undefined) return true;
  const rank = FAIL_ON_LEVELS.indexOf(severity);
  return rank < 0 || rank <= FAIL_ON_LEVELS.indexOf(failOn);
}

// Exit code of a run: 2 when anything could not be checked, else 1 on a failed limit that gates,
// else 0. `warnings` is how many of counts.fail are below the gate.
export function exitCodeFor(counts: Counts, inputErrors: number, warnings = 0): number {
  if (inputErrors > 0 || counts.error > 0) return 2;
  return counts.fail - warnings > 0 ? 1 : 0;
}

// A failed limit below the gate: shown as a warning, counted apart, never failing the run.
export function isWarning(
  outcome: Outcome,
  severity: Severity | undefined,
  failOn: Severity = DEFAULT_FAIL_ON,
): boolean {
  return outcome === "fail" && !gatesOn(severity, failOn);
}
