// Turning a framed reply into text and typed values, with errors that name the instrument and
// the command the reply answered.
import { isXpoError } from "../model/errors.js";
import { createProtocolError } from "./errors.js";

// A reply as text; outside definite blocks (which may hold any byte) it must be printable ASCII.
export function decodeReply(instrument: string, command: string, reply: Buffer): string {
  const text = reply.toString("latin1");
  if (!/#[1-9]/.test(text) && /[^\x20-\x7e\t]/.test(text)) {
    const preview = JSON.stringify(text.slice(0, 40));
    throw createProtocolError(instrument, command, `reply holds non-ASCII bytes: ${preview}`);
  }
  return text;
}

// Run a pure parser on a reply; its parse failure (XPO_INSTRUMENT_PROTOCOL without a location)
// becomes "reply did not parse" naming the instrument and command. Other errors pass through.
export function parseReply<T>(
  instrument: string,
  command: string,
  text: string | Buffer,
  parser: (t: never) => T,
): T {
  try {
    return (parser as (t: string | Buffer) => T)(text);
  } catch (error) {
    const fromParser =
      isXpoError(error) &&
      error.code === "XPO_INSTRUMENT_PROTOCOL" &&
      error.location.instrument === undefined;
    if (!fromParser) throw error;
    throw createProtocolError(instrument, command, `reply did not parse: ${error.message}`, {
      cause: error,
    });
  }
}
