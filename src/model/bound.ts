// Read the bound of a limit from its JSON Schema keywords, and say it in words.

import type { Bound } from "./limit.js";
import { COMPUTED_DIGITS, roundSignificant, SHOWN_DIGITS } from "./round.js";

const BOUND_KEYWORDS = [
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "const",
  "enum",
] as const;

// Pick the bound keywords out of a limit subschema.
export function readBound(schema: Record<string, unknown>): Bound {
  const bound: Bound = {};
  for (const keyword of BOUND_KEYWORDS) {
    if (!(keyword in schema)) continue;
    const value = schema[keyword];
    if (keyword === "const") bound.const = value;
    else if (keyword === "enum") bound.enum = value as unknown[];
    else if (typeof value === "number") bound[keyword] = value;
  }
  return bound;
}

// Format a value for a person: numbers as written, strings bare, others as JSON.
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number")
    return value !== 0 && Math.abs(value) < 1e-3
      ? value.toExponential()
      : String(roundSignificant(value, SHOWN_DIGITS));
  return JSON.stringify(value);
}

function withUnit(text: string, unit: string): string {
  return unit ? `${text} ${unit}` : text;
}

// Say a bound in words: "<= 480 W", "60.55 .. 61.05 mm", "one of PAM4, PAM6".
export function describeBound(bound: Bound, unit: string): string {
  const low = bound.minimum ?? bound.exclusiveMinimum;
  const high = bound.maximum ?? bound.exclusiveMaximum;
  if (low !== undefined && high !== undefined) {
    const lowOp = bound.exclusiveMinimum !== undefined ? "(excl.) " : "";
    const highOp = bound.exclusiveMaximum !== undefined ? " (excl.)" : "";
    return withUnit(`${lowOp}${low} .. ${high}${highOp}`, unit);
  }
  if (high !== undefined)
    return withUnit(`${bound.exclusiveMaximum !== undefined ? "<" : "<="} ${high}`, unit);
  if (low !== undefined)
    return withUnit(`${bound.exclusiveMinimum !== undefined ? ">" : ">="} ${low}`, unit);
  if ("const" in bound) return withUnit(`= ${formatValue(bound.const)}`, unit);
  if (bound.enum) return withUnit(`one of ${bound.enum.map(formatValue).join(", ")}`, unit);
  return "(no bound)";
}

// Distance from a value to the nearest bound, positive inside; null when not numeric.
export function computeMargin(bound: Bound, value: unknown): number | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  const margins: number[] = [];
  const high = bound.maximum ?? bound.exclusiveMaximum;
  const low = bound.minimum ?? bound.exclusiveMinimum;
  if (high !== undefined) margins.push(high - value);
  if (low !== undefined) margins.push(value - low);
  if (margins.length === 0) return null;
  // Round away binary noise (480 - 479.9 = 0.10000000000002274).
  return roundSignificant(Math.min(...margins), COMPUTED_DIGITS);
}

// Magnitude of the bound nearest to a value, for a relative guard band.
export function nearestBoundMagnitude(bound: Bound, value: number): number {
  const high = bound.maximum ?? bound.exclusiveMaximum;
  const low = bound.minimum ?? bound.exclusiveMinimum;
  if (high !== undefined && low !== undefined)
    return Math.abs(high - value) < Math.abs(value - low) ? Math.abs(high) : Math.abs(low);
  return Math.abs(high ?? low ?? 0);
}
