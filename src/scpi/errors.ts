// Instrument trouble as plain XpoErrors, made by small factories. Identity is always the
// `code`; SCPI details ride along as plain data so they survive serialisation (vitest workers, JSON).
import { XpoError } from "../model/errors.js";
import type { ErrorEntry } from "./parse.js";

/** An XPO_INSTRUMENT_ERROR: the entries the instrument reported in its SYST:ERR? queue. */
export type InstrumentError = XpoError & {
  /** The first error drained: SCPI code, message and device-dependent info. */
  readonly scpi: ErrorEntry;
  /** Every error drained after the command, oldest first. */
  readonly errors: ErrorEntry[];
};

// Make the XPO_INSTRUMENT_ERROR for entries drained after `command`; `detail` is appended to
// the message, e.g. the timeout that preceded the queue read.
export function createInstrumentError(
  instrument: string,
  command: string,
  errors: ErrorEntry[],
  options: { cause?: unknown; detail?: string } = {},
): InstrumentError {
  const first = errors[0] ?? { code: 0, message: "No error" };
  const list = errors.map(formatErrorEntry).join("; ");
  const detail = options.detail === undefined ? "" : ` (${options.detail})`;
  const error = new XpoError("XPO_INSTRUMENT_ERROR", `instrument reported ${list}${detail}`, {
    instrument,
    command,
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
  return Object.assign(error, { scpi: first, errors });
}

// Make the XPO_INSTRUMENT_PROTOCOL for a reply that breaks the protocol, naming the command.
export function createProtocolError(
  instrument: string,
  command: string,
  message: string,
  options: { cause?: unknown; remedy?: string } = {},
): XpoError {
  return new XpoError("XPO_INSTRUMENT_PROTOCOL", message, { instrument, command, ...options });
}

// Render one queue entry as the instrument sent it: `-113,"Undefined header;FOO"`, a quote
// inside the text doubled back (`"limit ""10"""`).
export function formatErrorEntry(entry: ErrorEntry): string {
  const text = entry.info === undefined ? entry.message : `${entry.message};${entry.info}`;
  return `${entry.code},"${text.replaceAll('"', '""')}"`;
}
