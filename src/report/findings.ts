// What the CI-facing reports (SARIF, GitHub annotations, GitLab Code Quality) list: one finding
// per failed, marginal or unchecked limit and per input error, with where it is in the datasheet,
// how severe it is under the run's gate, and a fingerprint that stays the same across runs (limit,
// file, lane or subject; never the line, so an edit elsewhere in the file keeps it).
import { createHash } from "node:crypto";
import { assumedSuffix, type LimitInfo } from "../model/limit.js";
import { laneSuffix } from "../model/verdict.js";
import type { InputErrorLine, VerdictLine } from "../run/record.js";
import type { Finding, FindingLevel } from "./finding.js";
import { formatObserved } from "./format.js";
import { getFailOn, isWarningVerdict } from "./gate.js";
import type { RunView, SubjectView } from "./reporter.js";

export type { Finding };

const LEVEL_ORDER: Record<FindingLevel, number> = { error: 0, warning: 1, note: 2 };

// Most severe first, then by file and line: the order annotations are shown in.
export function compareFindings(a: Finding, b: Finding): number {
  return (
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    (a.file ?? "").localeCompare(b.file ?? "") ||
    (a.line ?? 0) - (b.line ?? 0)
  );
}

export function fingerprintOf(parts: readonly (string | number | undefined)[]): string {
  return createHash("sha256")
    .update(parts.map((p) => String(p ?? "")).join("\u0000"))
    .digest("hex");
}

// The findings of one subject, in record order.
export function collectFindings(run: RunView, s: SubjectView): Finding[] {
  const findings: Finding[] = [];
  const file = s.subject.file ?? s.subject.name;
  for (const verdict of s.verdicts) {
    const finding = verdictFinding(run, verdict, file);
    if (finding) findings.push(finding);
  }
  for (const e of s.inputErrors) findings.push(inputErrorFinding(e, file));
  return findings;
}

function verdictFinding(run: RunView, v: VerdictLine, subjectFile: string): Finding | undefined {
  if (v.outcome === "pass" || v.outcome === "not-applicable") return undefined;
  const limit = run.limits.get(v.limitId);
  const warning = isWarningVerdict(v, run);
  const kind = warning ? "warning" : v.outcome;
  const level: FindingLevel = warning ? "warning" : v.outcome === "marginal" ? "note" : "error";
  const file = v.evidence?.file ?? subjectFile;
  return {
    ruleId: v.limitId,
    level,
    kind,
    title: `${v.limitId} ${limit?.title ?? ""}${laneSuffix(v)}`.trim(),
    message: describeFinding(v, limit, kind, getFailOn(run)),
    file,
    line: v.evidence?.line,
    column: v.evidence?.column,
    lane: v.lane,
    fingerprint: fingerprintOf([v.limitId, file, v.lane ?? v.subject]),
  };
}

// "observed 3.9 dB, limit <= 3.4 dB (S27; mandatory)": what is wrong and why it matters.
function describeFinding(
  v: VerdictLine,
  limit: LimitInfo | undefined,
  kind: Finding["kind"],
  failOn: string,
): string {
  const unit = v.unit || limit?.unit || "";
  const what = `${v.limitId} ${limit?.title ?? ""}${laneSuffix(v)}`.trim();
  const observed = formatObserved(v.observed, unit, "none");
  const bound = limit ? `, limit ${limit.boundText}` : "";
  const source = limit ? ` (source ${limit.source}; ${limit.severity})` : "";
  const head =
    kind === "error"
      ? `${what}: not checked: ${v.reason ?? "the harness could not check this limit"}`
      : `${what}: observed ${observed}${bound}${source}`;
  const tail =
    kind === "warning"
      ? `; a warning: below the gate (--fail-on ${failOn})`
      : kind === "marginal"
        ? "; marginal: inside the guard band"
        : "";
  return `${head}${tail}${assumedSuffix(limit)}`;
}

function inputErrorFinding(e: InputErrorLine, subjectFile: string): Finding {
  const file = e.file ?? subjectFile;
  return {
    ruleId: e.code,
    level: "error",
    kind: "input-error",
    title: `${e.code}: the datasheet could not be checked`,
    message: `${e.message} (fix: ${e.remedy})`,
    file,
    line: e.line,
    column: e.column,
    fingerprint: fingerprintOf([e.code, file, e.message]),
  };
}
