// Typed errors for instrument trouble. Identity is always the `code`; SCPI details ride along
// as plain data so they survive serialisation across workers.
import { XpoError } from "../model/errors.js";
import type { ErrorEntry } from "./parse.js";

/** An error the instrument reported in its SYST:ERR? queue. */
export class ScpiInstrumentError extends XpoError {
  /** The first error drained: SCPI code, message and device-dependent info. */
  readonly scpi: ErrorEntry;
  /** Every error drained after the command, oldest first. */
  readonly errors: ErrorEntry[];

  // `detail` is appended to the message, e.g. the timeout that preceded the queue read.
  constructor(
    instrument: string,
    command: string,
    errors: ErrorEntry[],
    options: { cause?: unknown; detail?: string } = {},
  ) {
    const first = errors[0] ?? { code: 0, message: "No error" };
    const list = errors.map(formatErrorEntry).join("; ");
    const detail = options.detail === undefined ? "" : ` (${options.detail})`;
    super("XPO_INSTRUMENT_ERROR", `instrument reported ${list}${detail}`, {
      instrument,
      command,
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.name = "ScpiInstrumentError";
    this.scpi = first;
    this.errors = errors;
  }
}

// Render one queue entry as `-113,"Undefined header;FOO"`.
export function formatErrorEntry(entry: ErrorEntry): string {
  const text = entry.info === undefined ? entry.message : `${entry.message};${entry.info}`;
  return `${entry.code},"${text}"`;
}
