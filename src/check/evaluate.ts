// The check engine: (datasheet document, profile) -> one verdict per limit (per array item for
// per-lane limits). Pure: no I/O. A failed check is data, not an exception.

import { closest, distance } from "fastest-levenshtein";
import { computeMargin, formatValue, nearestBoundMagnitude } from "../model/bound.js";
import type { Evidence } from "../model/evidence.js";
import { roundSignificant, SHOWN_DIGITS } from "../model/round.js";
import { HINT, type Verdict } from "../model/verdict.js";
import type { CompiledLimit, Profile } from "../profile/load-profile.js";
import { toPointer } from "../util/json-pointer.js";
import { computeDerived, type DerivedQuantity } from "./derive.js";

export interface CheckSubject {
  data: unknown;
  file?: string;
  locate?: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

type Path = readonly (string | number)[];

// The value at a path without "*" (most limits): one walk, no list of partial paths.
function resolvePlain(data: unknown, pattern: readonly string[]): { path: Path; value: unknown }[] {
  let value = data;
  for (const part of pattern) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
    value = (value as Record<string, unknown>)[part];
    if (value === undefined) return [];
  }
  return [{ path: pattern, value }];
}

// Expand a path pattern ("*" = every array item) into concrete paths and values.
function resolvePath(data: unknown, pattern: readonly string[]): { path: Path; value: unknown }[] {
  if (!pattern.includes("*")) return resolvePlain(data, pattern);
  let current: { path: Path; value: unknown }[] = [{ path: [], value: data }];
  for (const part of pattern) {
    const next: { path: Path; value: unknown }[] = [];
    for (const { path, value } of current) {
      if (part === "*") {
        if (Array.isArray(value))
          for (const [index, item] of value.entries())
            next.push({ path: [...path, index], value: item });
      } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        const child = (value as Record<string, unknown>)[part];
        if (child !== undefined) next.push({ path: [...path, part], value: child });
      }
    }
    current = next;
  }
  return current;
}

// The datasheet's own `lane` number of the array item a path goes through (e.g. 37 for
// optical.lanes[36] declaring `lane: 37`), or undefined outside a lane table.
function laneOf(data: unknown, path: Path): number | undefined {
  let value = data;
  let lane: number | undefined;
  for (const part of path) {
    value = (value as Record<string | number, unknown> | null)?.[part];
    if (typeof part !== "number") continue;
    const declared = (value as { lane?: unknown } | null)?.lane;
    if (Number.isInteger(declared)) lane = declared as number;
  }
  return lane;
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  return resolvePath(data, path)[0]?.value;
}

// Compute the guard band of a limit for a value, in the limit's unit.
function guardFor(limit: CompiledLimit, profile: Profile, value: number): number {
  if (limit.guardBand?.absolute !== undefined) return limit.guardBand.absolute;
  const relative = limit.guardBand?.relative ?? profile.guardRelative;
  return relative * nearestBoundMagnitude(limit.info.bound, value);
}

// Judge one value against one limit: pass, marginal (inside the guard band) or fail.
export function judgeValue(
  limit: CompiledLimit,
  value: unknown,
  guardBand: number | ((value: number) => number),
): Pick<Verdict, "outcome" | "margin" | "guard" | "reason"> {
  const margin = computeMargin(limit.info.bound, value);
  const unit = limit.info.unit ? ` ${limit.info.unit}` : "";
  if (!limit.validate(value)) {
    return {
      outcome: "fail",
      margin,
      reason: `observed ${formatValue(value)}${unit}, limit ${limit.info.boundText}${didYouMean(limit, value)}`,
    };
  }
  if (margin !== null && typeof value === "number") {
    const guard = typeof guardBand === "number" ? guardBand : guardBand(value);
    if (margin < guard)
      return {
        outcome: "marginal",
        margin,
        guard,
        reason: `within the guard band of ${roundSignificant(guard, SHOWN_DIGITS)}${unit} of the bound`,
      };
    return { outcome: "pass", margin, guard };
  }
  return { outcome: "pass", margin };
}

// A string limit written in another case or with a small typo ("pg25" for PG25).
function didYouMean(limit: CompiledLimit, value: unknown): string {
  if (typeof value !== "string" || value === "") return "";
  const { bound } = limit.info;
  const allowed = [...(bound.enum ?? []), ...("const" in bound ? [bound.const] : [])].filter(
    (candidate): candidate is string => typeof candidate === "string" && candidate !== "",
  );
  if (allowed.length === 0) return "";
  const lower = value.toLowerCase();
  const guess = closest(
    lower,
    allowed.map((candidate) => candidate.toLowerCase()),
  );
  const index = allowed.findIndex((candidate) => candidate.toLowerCase() === guess);
  return distance(lower, guess) <= 2 ? `${HINT}did you mean ${allowed[index]}?` : "";
}

// The profile's hints for a failed limit whose input holds a value known to be a common slip
// (x-limit "hints": the lane's line rate 212.5 written for its data rate 200).
function profileHints(limit: CompiledLimit, document: unknown): string {
  return (limit.hints ?? [])
    .filter((hint) => hint.values.includes(valueAt(document, hint.input) as never))
    .map((hint) => `${HINT}${hint.text}`)
    .join("");
}

// A not-applicable verdict of a limit, with why (same key order as every verdict line).
function notApplicable(limit: CompiledLimit, reason: string): Verdict {
  const { info } = limit;
  return {
    limitId: info.id,
    unit: info.unit,
    subject: info.subject,
    observed: null,
    margin: null,
    outcome: "not-applicable",
    reason,
  };
}

// The not-applicable verdict of a limit whose subject the datasheet does not declare.
function undeclaredVerdict(
  limit: CompiledLimit,
  quantity: DerivedQuantity | undefined,
  evidenceAt: (path: Path) => Evidence | undefined,
): Verdict {
  const { info } = limit;
  const reason = quantity?.missing
    ? `not computed: ${quantity.missing}`
    : limit.path[0] === "derived"
      ? "not computed"
      : `${info.subject.replace(/\/\*/g, "[]")} is not declared in the datasheet`;
  const verdict = notApplicable(limit, reason);
  const evidence = quantity ? evidenceAt(quantity.inputs[0] ?? []) : undefined;
  if (evidence) verdict.evidence = evidence;
  return verdict;
}

// The fail verdict of a limit whose derived quantity came out Infinity or NaN (e.g. 480 W /
// 5e-324 V): no value meets a limit, so it is a failure, never not-applicable.
function notFiniteVerdict(
  limit: CompiledLimit,
  quantity: DerivedQuantity,
  evidenceAt: (path: Path) => Evidence | undefined,
): Verdict {
  const shown = String(quantity.notFinite);
  const verdict: Verdict = {
    limitId: limit.info.id,
    unit: limit.info.unit,
    subject: limit.info.subject,
    observed: shown,
    margin: null,
    outcome: "fail",
    reason: `${quantity.formula} is ${shown}, not a finite number: fix the inputs (limit ${limit.info.boundText})`,
  };
  const evidence = evidenceAt(quantity.inputs[0] ?? []);
  if (evidence) verdict.evidence = evidence;
  return verdict;
}

// Check a datasheet document against every limit of a profile.
export function evaluateDatasheet(subject: CheckSubject, profile: Profile): Verdict[] {
  const derived = computeDerived(subject.data, profile.coolants);
  const derivedValues: Record<string, number> = {};
  for (const [name, quantity] of Object.entries(derived))
    if (quantity.value !== undefined) derivedValues[name] = quantity.value;
  const document =
    typeof subject.data === "object" && subject.data !== null
      ? { ...(subject.data as object), derived: derivedValues }
      : { derived: derivedValues };

  const evidenceAt = (path: Path): Evidence | undefined => {
    if (subject.file === undefined) return undefined;
    const at = subject.locate?.(path);
    return at ? { file: subject.file, line: at.line, column: at.column } : { file: subject.file };
  };

  const verdicts: Verdict[] = [];
  for (const limit of profile.limits) {
    const { info } = limit;
    if (limit.condition && limit.validateCondition) {
      if (!limit.validateCondition(valueAt(document, limit.condition.path))) {
        verdicts.push(notApplicable(limit, `applies only when ${limit.condition.text}`));
        continue;
      }
    }
    const isDerived = limit.path[0] === "derived";
    const quantity = isDerived ? derived[limit.path[1] ?? ""] : undefined;
    if (quantity?.notFinite !== undefined) {
      verdicts.push(notFiniteVerdict(limit, quantity, evidenceAt));
      continue;
    }
    const instances = resolvePath(document, limit.path);
    if (instances.length === 0) {
      verdicts.push(undeclaredVerdict(limit, quantity, evidenceAt));
      continue;
    }
    for (const { path, value } of instances) {
      const judged = judgeValue(limit, value, (v) => guardFor(limit, profile, v));
      // Built field by field, not with object spreads: spreading the differently shaped results
      // of judgeValue was most of this function's time (megamorphic copies, see
      // docs/performance.md). Same key order as before, so run records are unchanged.
      const verdict: Verdict = {
        limitId: info.id,
        unit: info.unit,
        subject: toPointer(path),
        observed: value,
        outcome: judged.outcome,
        margin: judged.margin,
      };
      const lane = laneOf(document, path);
      if (lane !== undefined) verdict.lane = lane;
      if (judged.guard !== undefined) verdict.guard = judged.guard;
      if (judged.outcome === "fail" && limit.hints?.length)
        judged.reason = `${judged.reason ?? ""}${profileHints(limit, document)}`;
      if (judged.reason !== undefined) verdict.reason = judged.reason;
      if (quantity) {
        verdict.reason = `${quantity.formula}${judged.reason ? `; ${judged.reason}` : ""}`;
        const evidence = evidenceAt(quantity.inputs[0] ?? []);
        if (evidence) verdict.evidence = evidence;
      } else {
        const evidence = evidenceAt(path);
        if (evidence) verdict.evidence = evidence;
      }
      verdicts.push(verdict);
    }
  }
  return verdicts;
}
