// The instrument side of SCPI: header trees with short/long forms and [optional] nodes,
// compound messages with path rules, parameters, the error queue and 488.2 status registers.
import {
  type CommandDef,
  parseInteger,
  parseStringArg,
  ScpiFault,
  type UnitContext,
} from "./scpi-command.js";
import { InstrumentStatus } from "./scpi-status.js";
import type { LatencyConfig } from "./timing.js";

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
  /** Longest program message (terminator included) it takes; longer ones get -363. */
  inputBufferBytes = 4096;
  /** How long it takes to answer (none: at once). */
  latency: LatencyConfig | undefined;
  /** The byte that ends a message it receives (LF; a vendor dialect may use CR) and what it
   * appends to each reply (LF; CR or CRLF in a vendor dialect). */
  inputEnd: 0x0a | 0x0d = 0x0a;
  replyEnd = "\n";
  /** DISP:TEXT: what the front panel shows. */
  displayText = "";
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
      // Front-panel text: a quoted string in, the same string (quotes doubled) out.
      pattern: "DISPlay:[WINDow]:TEXT:[DATA]",
      query: () => `"${inst.displayText.replaceAll('"', '""')}"`,
      set: (c) => {
        inst.displayText = parseStringArg(c);
      },
    },
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
