// What a simulated instrument's command table is made of: the handler context, command
// definitions, the fault a handler raises (it becomes an error-queue entry) and the parsers and
// formatter for SCPI arguments and replies.

/** What a handler sees for one message unit. */
export interface UnitContext {
  header: string;
  query: boolean;
  args: string[];
  /** Numeric suffixes of the header nodes, in order (1 when absent). */
  suffixes: number[];
}

export interface CommandDef {
  /** e.g. "[SOURce]:VOLTage:[LEVel]"; optional nodes in brackets. */
  pattern: string;
  /** Reply for the query form; absent = no query form. */
  query?: (ctx: UnitContext) => string;
  /** Action for the command form; absent = no command form. */
  set?: (ctx: UnitContext) => void;
}

/** Raised by handlers: becomes an error-queue entry. */
export class ScpiFault extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly info?: string,
  ) {
    super(message);
  }
}

const prefixes: Record<string, number> = { M: 1e-3, U: 1e-6, K: 1e3, N: 1e-9 };

// Parse an NRf argument with MIN/MAX/DEF and an optional unit (with m/u/k prefix).
export function parseNumberArg(
  ctx: UnitContext,
  index: number,
  range: { min: number; max: number; def?: number; unit?: string },
): number {
  const raw = ctx.args[index];
  if (raw === undefined || raw === "") throw new ScpiFault(-109, "Missing parameter", ctx.header);
  const upper = raw.toUpperCase();
  if (/^MIN(IMUM)?$/.test(upper)) return range.min;
  if (/^MAX(IMUM)?$/.test(upper)) return range.max;
  if (/^DEF(AULT)?$/.test(upper)) return range.def ?? range.min;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z/]*)$/.exec(raw);
  if (!m) throw new ScpiFault(-104, "Data type error", raw);
  let value = Number(m[1]);
  const suffix = (m[2] ?? "").toUpperCase();
  if (suffix !== "") {
    const unit = (range.unit ?? "").toUpperCase();
    if (unit === "") throw new ScpiFault(-131, "Invalid suffix", raw);
    if (suffix === unit) {
      // plain unit
    } else if (
      suffix.length === unit.length + 1 &&
      suffix.endsWith(unit) &&
      prefixes[suffix[0] ?? ""] !== undefined
    ) {
      value *= prefixes[suffix[0] ?? ""] ?? 1;
    } else throw new ScpiFault(-131, "Invalid suffix", raw);
  }
  if (value < range.min || value > range.max) throw new ScpiFault(-222, "Data out of range", raw);
  return value;
}

// Parse a boolean argument: ON/OFF/1/0.
export function parseBoolArg(ctx: UnitContext, index = 0): boolean {
  const raw = ctx.args[index];
  if (raw === undefined) throw new ScpiFault(-109, "Missing parameter", ctx.header);
  const u = raw.toUpperCase();
  if (u === "ON" || u === "1") return true;
  if (u === "OFF" || u === "0") return false;
  if (/^[+-]?\d+(\.\d*)?$/.test(u)) return Math.round(Number(u)) !== 0;
  throw new ScpiFault(-224, "Illegal parameter value", raw);
}

// Parse a character argument among `choices` (short or long form, any case); returns the long
// form upper-cased.
export function parseChoiceArg(ctx: UnitContext, choices: string[], index = 0): string {
  const raw = ctx.args[index];
  if (raw === undefined) throw new ScpiFault(-109, "Missing parameter", ctx.header);
  const u = raw.toUpperCase();
  const found = choices.find((c) => u === c.toUpperCase() || u === c.replace(/[a-z]/g, ""));
  if (found === undefined) throw new ScpiFault(-224, "Illegal parameter value", raw);
  return found.toUpperCase();
}

// Parse a string argument ("..." or '...', the quote doubled inside).
export function parseStringArg(ctx: UnitContext, index = 0): string {
  const raw = ctx.args[index];
  if (raw === undefined) throw new ScpiFault(-109, "Missing parameter", ctx.header);
  const q = raw[0];
  if ((q !== '"' && q !== "'") || raw.length < 2 || raw[raw.length - 1] !== q)
    throw new ScpiFault(-151, "Invalid string data", raw);
  return raw.slice(1, -1).replaceAll(q + q, q);
}

// Format a number as NR3 the way instruments do (+4.80000E+01); NaN/inf as SCPI 9.91E37/9.9E37.
export function formatNr3(value: number, digits = 6): string {
  if (Number.isNaN(value)) return "9.91E+37";
  if (value === Number.POSITIVE_INFINITY) return "9.9E+37";
  if (value === Number.NEGATIVE_INFINITY) return "-9.9E+37";
  const [mantissa = "0", exponent = "0"] = value.toExponential(digits - 1).split("e");
  const e = Number(exponent);
  const sign = value < 0 ? "" : "+";
  return `${sign}${mantissa}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

// Parse an integer argument in [min, max] (MIN/MAX/DEF allowed).
export function parseInteger(ctx: UnitContext, min: number, max: number): number {
  const v = parseNumberArg(ctx, 0, { min, max, def: min });
  return Math.round(v);
}
