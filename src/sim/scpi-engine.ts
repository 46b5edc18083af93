// The instrument side of SCPI: header trees with short/long forms and [optional] nodes,
// compound messages with path rules, parameters, the error queue and 488.2 status registers.

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

interface Node {
  short: string;
  long: string;
  optional: boolean;
}

interface CompiledDef extends CommandDef {
  nodes: Node[];
}

function compile(pattern: string): Node[] {
  return pattern.split(":").map((raw) => {
    const optional = raw.startsWith("[") && raw.endsWith("]");
    const name = optional ? raw.slice(1, -1) : raw;
    return { short: name.replace(/[a-z]/g, ""), long: name.toUpperCase(), optional };
  });
}

function matchNodes(nodes: Node[], header: string[], pi: number, hi: number): boolean {
  if (pi === nodes.length) return hi === header.length;
  const node = nodes[pi] as Node;
  const h = header[hi];
  if (
    h !== undefined &&
    (h === node.short || h === node.long) &&
    matchNodes(nodes, header, pi + 1, hi + 1)
  )
    return true;
  return node.optional && matchNodes(nodes, header, pi + 1, hi);
}

export const standardErrors: Record<number, string> = {
  [-100]: "Command error",
  [-102]: "Syntax error",
  [-104]: "Data type error",
  [-108]: "Parameter not allowed",
  [-109]: "Missing parameter",
  [-113]: "Undefined header",
  [-131]: "Invalid suffix",
  [-200]: "Execution error",
  [-221]: "Settings conflict",
  [-222]: "Data out of range",
  [-224]: "Illegal parameter value",
  [-300]: "Device specific error",
  [-350]: "Queue overflow",
  [-363]: "Input buffer overrun",
  [-410]: "Query INTERRUPTED",
};

/** Error queue and status registers of one instrument (shared by its connections). */
export class InstrumentStatus {
  queue: { code: number; text: string }[] = [];
  esr = 0;
  ese = 0;
  sre = 0;
  constructor(readonly depth: number) {}

  // Queue an error; on overflow the newest entry becomes -350 (SCPI-99).
  push(code: number, message?: string, info?: string): void {
    const text =
      (message ?? standardErrors[code] ?? "Error") + (info === undefined ? "" : `;${info}`);
    if (code <= -100 && code > -200) this.esr |= 0x20;
    else if (code <= -200 && code > -300) this.esr |= 0x10;
    else if ((code <= -300 && code > -400) || code > 0) this.esr |= 0x08;
    else if (code <= -400 && code > -500) this.esr |= 0x04;
    if (this.queue.length >= this.depth) {
      this.queue[this.depth - 1] = { code: -350, text: "Queue overflow" };
      return;
    }
    this.queue.push({ code, text });
  }

  next(): string {
    const e = this.queue.shift();
    if (e === undefined) return '0,"No error"';
    return `${e.code},"${e.text.replaceAll('"', '""')}"`;
  }

  stb(): number {
    let stb = 0;
    if (this.queue.length > 0) stb |= 0x04;
    if ((this.esr & this.ese) !== 0) stb |= 0x20;
    if ((stb & this.sre & ~0x40) !== 0) stb |= 0x40;
    return stb;
  }

  clear(): void {
    this.queue = [];
    this.esr = 0;
  }
}

export interface InstrumentOptions {
  identity: string;
  depth: number;
  commands: CommandDef[];
  /** *RST: put settings back to defaults. */
  reset: () => void;
}

/** One simulated instrument: executes whole program messages and returns the reply text. */
export class ScpiInstrument {
  readonly identity: string;
  readonly status: InstrumentStatus;
  private readonly defs: CompiledDef[];
  private readonly resetSettings: () => void;

  constructor(options: InstrumentOptions) {
    this.identity = options.identity;
    this.status = new InstrumentStatus(options.depth);
    this.resetSettings = options.reset;
    this.defs = [...commonCommands(this), ...options.commands].map((d) => ({
      ...d,
      nodes: compile(d.pattern),
    }));
  }

  reset(): void {
    this.resetSettings();
  }

  // Execute one program message (no terminator); returns the response text or undefined.
  // `afterUnit` is called after each message unit that ran (not after one that ended the
  // message with a command error: the rest of the message is then discarded, as 488.2 allows).
  execute(message: string, afterUnit?: (unit: string) => void): string | undefined {
    const replies: string[] = [];
    let path: string[] = [];
    for (const rawUnit of splitUnits(message)) {
      const unit = rawUnit.trim();
      if (unit === "") continue;
      const m = /^(:?[*A-Za-z][A-Za-z0-9:_*]*)(\?)?(?:\s+(.*))?$/s.exec(unit);
      if (!m) {
        this.status.push(-102, undefined, unit);
        break;
      }
      const headerText = m[1] ?? "";
      const query = m[2] === "?";
      const argText = (m[3] ?? "").trim();
      let nodes: string[];
      const common = headerText.startsWith("*");
      if (common) nodes = [headerText.toUpperCase()];
      else if (headerText.startsWith(":")) nodes = headerText.slice(1).toUpperCase().split(":");
      else nodes = [...path, ...headerText.toUpperCase().split(":")];
      const suffixes: number[] = [];
      const bare = nodes.map((n) => {
        const s = /^(.*?)(\d+)$/.exec(n);
        if (s && !common) {
          suffixes.push(Number(s[2]));
          return s[1] ?? "";
        }
        suffixes.push(1);
        return n;
      });
      const def = this.defs.find((d) => matchNodes(d.nodes, bare, 0, 0));
      const handler = def === undefined ? undefined : query ? def.query : def.set;
      if (handler === undefined) {
        this.status.push(-113, undefined, `${headerText}${query ? "?" : ""}`);
        break;
      }
      if (!common) path = nodes.slice(0, -1);
      const args = argText === "" ? [] : splitUnits(argText, ",").map((a) => a.trim());
      try {
        const reply = handler({ header: bare.join(":"), query, args, suffixes } as UnitContext);
        if (query && typeof reply === "string") replies.push(reply);
      } catch (error) {
        if (error instanceof ScpiFault) {
          this.status.push(error.code, error.message, error.info);
          if (error.code <= -100 && error.code > -200) break;
        } else throw error;
      }
      afterUnit?.(unit);
    }
    return replies.length > 0 ? replies.join(";") : undefined;
  }
}

// Split on a separator outside quotes.
function splitUnits(text: string, separator = ";"): string[] {
  const out: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === separator) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function commonCommands(inst: ScpiInstrument): CommandDef[] {
  const s = () => inst.status;
  const noArgs = (ctx: UnitContext) => {
    if (ctx.args.length > 0) throw new ScpiFault(-108, "Parameter not allowed", ctx.header);
  };
  return [
    { pattern: "*IDN", query: () => inst.identity },
    {
      pattern: "*RST",
      set: (c) => {
        noArgs(c);
        inst.reset();
      },
    },
    {
      pattern: "*CLS",
      set: (c) => {
        noArgs(c);
        s().clear();
      },
    },
    {
      pattern: "*OPC",
      query: () => "1",
      set: () => {
        s().esr |= 0x01;
      },
    },
    { pattern: "*WAI", set: () => {} },
    { pattern: "*TST", query: () => "0" },
    {
      pattern: "*ESR",
      query: () => {
        const v = s().esr;
        s().esr = 0;
        return String(v);
      },
    },
    {
      pattern: "*ESE",
      query: () => String(s().ese),
      set: (c) => {
        s().ese = parseInteger(c, 0, 255);
      },
    },
    {
      pattern: "*SRE",
      query: () => String(s().sre),
      set: (c) => {
        s().sre = parseInteger(c, 0, 255);
      },
    },
    { pattern: "*STB", query: () => String(s().stb()) },
    { pattern: "SYSTem:ERRor:[NEXT]", query: () => s().next() },
    { pattern: "SYSTem:ERRor:COUNt", query: () => String(s().queue.length) },
    { pattern: "SYSTem:VERSion", query: () => "1999.0" },
    {
      // Diagnostic definite block of n bytes 0,1,2,... (payload holds LF and CR).
      pattern: "DIAGnostic:BLOCk",
      query: (c) => {
        const n = parseInteger(c, 0, 100000);
        const payload = Array.from({ length: n }, (_, i) => String.fromCharCode(i % 256)).join("");
        return `#${String(n).length}${n}${payload}`;
      },
    },
  ];
}

function parseInteger(ctx: UnitContext, min: number, max: number): number {
  const v = parseNumberArg(ctx, 0, { min, max, def: min });
  return Math.round(v);
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
