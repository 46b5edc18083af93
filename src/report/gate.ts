// The gate as the reports read it from the record: the run's --fail-on level (run-start), and
// whether a verdict is a warning (a failed limit below it) rather than a failure that gated. Every
// report asks here, so junit.xml, report.html, SARIF and annotations agree with the exit code.
import type { LimitInfo, Severity } from "../model/limit.js";
import { DEFAULT_FAIL_ON, isWarning } from "../model/outcome.js";
import type { VerdictLine } from "../run/record.js";
import type { RunView } from "./reporter.js";

// The run's gate; records written before the gate read as the default.
export function getFailOn(run: Pick<RunView, "start">): Severity {
  return run.start.failOn ?? DEFAULT_FAIL_ON;
}

// Is this verdict a failure below the gate (shown as a warning, not failing the run)?
export function isWarningVerdict(
  verdict: Pick<VerdictLine, "outcome" | "limitId">,
  run: Pick<RunView, "start" | "limits">,
): boolean {
  if (verdict.outcome !== "fail") return false;
  return isWarning("fail", run.limits.get(verdict.limitId)?.severity, getFailOn(run));
}

// How many of these verdicts are warnings.
export function countWarnings(
  verdicts: readonly VerdictLine[],
  run: Pick<RunView, "start" | "limits">,
): number {
  let warnings = 0;
  for (const verdict of verdicts) if (isWarningVerdict(verdict, run)) warnings++;
  return warnings;
}

// "recommended, assumed limit" style words for a limit's severity and provenance.
export function describeGate(limit: LimitInfo | undefined, failOn: Severity): string {
  if (!limit) return "";
  return `${limit.severity} limit, below the gate (--fail-on ${failOn}): a warning, not a failure`;
}
