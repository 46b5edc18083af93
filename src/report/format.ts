// Text shared by the JUnit and HTML reports: overall verdict, observed values, margins,
// evidence locations and subject identity, all read from the record (no limit is written here).
import { formatValue } from "../model/bound.js";
import { formatLocation } from "../model/errors.js";
import type { Evidence } from "../model/evidence.js";
import { assumedSuffix, type LimitInfo } from "../model/limit.js";
import type { Outcome } from "../model/outcome.js";
import type { SubjectIdentity } from "../model/subject-identity.js";
import { laneSuffix } from "../model/verdict.js";
import type { VerdictLine } from "../run/record.js";
import type { RunModel } from "./run-model.js";

export type OverallVerdict = "pass" | "marginal" | "warning" | "fail" | "error" | "incomplete";

// The one-glance verdict of a run: incomplete, else fail (a failure that gates), else error,
// else warning (only failures below the gate), else marginal, else pass. `warnings` counts the
// failures below the gate (also in counts.fail). A merge of records judged against different
// profiles is an error: its counts are not one verdict.
export function getOverallVerdict(
  run: Pick<RunModel, "counts" | "inputErrors"> & {
    end?: RunModel["end"] | undefined;
    warnings?: number;
    mixedProfiles?: boolean | undefined;
  },
): OverallVerdict {
  const warnings = run.warnings ?? 0;
  if (run.end === undefined) return "incomplete";
  if (run.mixedProfiles) return "error";
  if (run.counts.fail - warnings > 0) return "fail";
  if (run.counts.error > 0 || run.inputErrors > 0) return "error";
  if (warnings > 0) return "warning";
  if (run.counts.marginal > 0) return "marginal";
  return "pass";
}

// The worst outcome of a set of counts, or undefined when there are none.
export function getWorstOutcome(counts: Record<Outcome, number>): Outcome | undefined {
  for (const outcome of WORST_FIRST) if (counts[outcome] > 0) return outcome;
  return undefined;
}
const WORST_FIRST: readonly Outcome[] = ["fail", "error", "marginal", "pass", "not-applicable"];

// Render an observed value with its unit: numbers compactly, other values as JSON; `absent`
// when there is none.
export function formatObserved(observed: unknown, unit = "", absent = "—"): string {
  if (observed === undefined || observed === null) return absent;
  const text = typeof observed === "number" ? formatNumber(observed) : formatValue(observed);
  return unit ? `${text} ${unit}` : text;
}

// Up to 6 significant digits, no exponent for ordinary engineering values.
export function formatNumber(value: number): string {
  const plain = String(value);
  // Fast path: short plain decimals (most recorded values) print as they are.
  if (plain.length <= 8 && !plain.includes("e")) return plain;
  if (!Number.isFinite(value)) return plain;
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return plain;
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return value.toExponential(3);
  return String(Number(value.toPrecision(6)));
}

// Margin with sign and unit, or an empty string when not numeric.
export function formatMargin(margin: number | null | undefined, unit = ""): string {
  if (margin === null || margin === undefined) return "";
  const text = `${margin > 0 ? "+" : ""}${formatNumber(margin)}`;
  return unit ? `${text} ${unit}` : text;
}

// file:line:column, or instrument and command, or "". The place is formatLocation's; the
// command is only quoted (the reports' column reads `psu "MEAS:VOLT?"`, not `command "..."`).
export function formatEvidence(evidence: Evidence | undefined): string {
  if (!evidence) return "";
  const { command, ...place } = evidence;
  const where = formatLocation(place);
  if (command === undefined) return where;
  return where ? `${where} "${command}"` : `"${command}"`;
}

// "vendor part-number rev hw/fw sn ..." in one line.
export function formatIdentity(identity: SubjectIdentity | undefined): string {
  if (!identity) return "";
  const parts: string[] = [];
  if (identity.vendor) parts.push(identity.vendor);
  if (identity.partNumber) parts.push(identity.partNumber);
  if (identity.opticsVariant) parts.push(identity.opticsVariant);
  if (identity.hardwareRevision) parts.push(`HW ${identity.hardwareRevision}`);
  if (identity.firmwareRevision) parts.push(`FW ${identity.firmwareRevision}`);
  if (identity.serialNumber) parts.push(`SN ${identity.serialNumber}`);
  return parts.join(" · ");
}

// The limit's text as a reader wants it: "<= 480 W" (boundText carries the unit already).
export function formatLimit(limit: LimitInfo | undefined): string {
  return limit?.boundText ?? "";
}

// One line of detail for a verdict (JUnit): observed, limit, margin, source, evidence.
// With `lineOnly`, evidence in a file is given as "line L:C" (when the file is named elsewhere).
// A missing value is "none", not "—": one non-Latin-1 character makes V8 hold a whole 64 KB
// chunk of the document as a two-byte string, which doubled the cost of encoding junit.xml.
export function describeVerdict(
  verdict: VerdictLine,
  limit: LimitInfo | undefined,
  lineOnly = false,
): string {
  // Built by concatenation, not an array joined: it runs once per verdict in junit.xml.
  const unit = verdict.unit || limit?.unit || "";
  let text = `observed ${formatObserved(verdict.observed, unit, "none")}`;
  if (limit) text += `; limit ${limit.boundText}`;
  const margin = formatMargin(verdict.margin, unit);
  if (margin) text += `; margin ${margin}`;
  if (verdict.guard !== undefined) text += `; guard band ${formatNumber(verdict.guard)} ${unit}`;
  if (limit) text += `; source ${limit.source} (${limit.confidence})`;
  const evidence = verdict.evidence;
  if (lineOnly && evidence?.line !== undefined) {
    text += `; at line ${evidence.line}${evidence.column === undefined ? "" : `:${evidence.column}`}`;
  } else {
    const where = formatEvidence(evidence);
    if (where) text += `; at ${where}`;
  }
  return text;
}

// "XPO-PWR-001 Maximum module power <= 480 W", "XPO-OPT-003 TDECQ per lane <= 3.4 dB (lane 37)":
// a test's name in junit.xml and ctrf.json, stable across runs, one per lane.
export function getCaseName(verdict: VerdictLine, limit: LimitInfo | undefined): string {
  const lane = laneSuffix(verdict);
  if (!limit) return `${verdict.limitId}${lane}`;
  return `${limit.id} ${limit.title}${limit.boundText ? ` ${limit.boundText}` : ""}${lane}${assumedSuffix(limit)}`;
}

// Milliseconds between two ISO timestamps, or undefined.
export function getDurationMs(
  from: string | undefined,
  to: string | undefined,
): number | undefined {
  if (!from || !to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
