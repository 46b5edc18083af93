// A simulated instrument that speaks a vendor ASCII dialect instead of SCPI (TDK-Lambda GEN,
// Julabo, Lauda, Santec MPM): one command per line, its own terminators, replies and error
// behaviour. It keeps the SCPI engine's shape (identity, error queue, latency, buffers) so the
// server, faults and timing treat it like any other instrument.
import { ScpiInstrument } from "../scpi-engine.js";

/** Answer one received line (terminator stripped): the reply text, or undefined for none. */
export type LineHandler = (line: string) => string | undefined;

export interface LineDialectOptions {
  identity: string;
  depth: number;
  /** The byte that ends a received line, and what follows each reply. */
  inputEnd: 0x0a | 0x0d;
  replyEnd: string;
  handle: LineHandler;
  reset?: () => void;
}

export class LineInstrument extends ScpiInstrument {
  /** Commands the instrument ignored because they came sooner than its pacing allows. */
  pacingViolations = 0;
  private readonly handle: LineHandler;

  constructor(options: LineDialectOptions) {
    super({
      identity: options.identity,
      depth: options.depth,
      commands: [],
      reset: options.reset ?? (() => {}),
    });
    this.handle = options.handle;
    this.inputEnd = options.inputEnd;
    this.replyEnd = options.replyEnd;
  }

  override execute(message: string): string | undefined {
    const line = message.replace(/\r$/, "").trim();
    return line === "" ? undefined : this.handle(line);
  }
}

// Format a number with a fixed count of decimals (vendor dialects reply 25.00, not NR3).
export function fixed(value: number, decimals: number): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : "NaN";
}
