// What a CI-facing finding is (built by findings.ts) and a baseline of them: plain types, so the
// reporter interface can name a baseline without importing the code that builds one.

/** error: fails the run; warning: a failure below the gate; note: marginal. */
export type FindingLevel = "error" | "warning" | "note";

export interface Finding {
  /** Limit id, or the input error's code. */
  ruleId: string;
  level: FindingLevel;
  /** "fail" | "warning" | "marginal" | "error" (not checked) | "input-error". */
  kind: "fail" | "warning" | "marginal" | "error" | "input-error";
  title: string;
  message: string;
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  lane?: number | undefined;
  fingerprint: string;
}

/** An earlier run's findings by fingerprint (`--baseline old/run.jsonl`, baseline.ts). */
export interface Baseline {
  /** The record it was read from, as given. */
  readonly path: string;
  readonly findings: ReadonlyMap<string, Finding>;
}
