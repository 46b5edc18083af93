// Outcomes of a verdict and their tallies. `fail` is a module out of limits; `error` is a
// station that could not check (a missing, NaN or overrange reading, a bad input): never a pass.

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

// Exit code of a run: 2 when anything could not be checked, else 1 on a failed limit, else 0.
export function exitCodeFor(counts: Counts, inputErrors: number): number {
  if (inputErrors > 0 || counts.error > 0) return 2;
  return counts.fail > 0 ? 1 : 0;
}
