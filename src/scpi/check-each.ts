// errorCheck "each" (the default): the error queue is read in the same round trip as the
// command. A query Q goes out as `Q;:SYST:ERR?` (one reply: `<Q's reply>;<entry>`), a write W
// as `W\nSYST:ERR?\n` (two program messages in one write, so SYST:ERR? is answered even when
// the instrument discards the rest of W's message after a command error).

import { checkSeparate } from "./check-separate.js";
import type { ErrorCheckStrategy } from "./error-check.js";
import { drainQueue, explainTimeout, throwWithQueued } from "./error-queue.js";
import { createInstrumentError, createProtocolError } from "./errors.js";
import type { ScpiLink } from "./link.js";
import { type ErrorEntry, parseErrorEntry, splitOutside, splitResponses } from "./parse.js";
import { decodeReply, parseReply } from "./reply-text.js";

// The "each" strategy: the queue entry comes back in the same round trip as the command.
export const checkEach: ErrorCheckStrategy = {
  async write(link, command) {
    const sent = link.sent;
    let reply: Buffer;
    try {
      reply = await link.exchange({
        message: `${command}\nSYST:ERR?`,
        command,
        awaited: "SYST:ERR?",
      });
    } catch (error) {
      throw await explainTimeout(link, command, error, sent);
    }
    const entry = readEntry(link, command, reply);
    if (entry.code !== 0) await throwWithQueued(link, command, [entry]);
  },
  async query(link, command, timeoutMs) {
    if (!canAppendCheck(command)) return checkSeparate.query(link, command, timeoutMs);
    const sent = link.sent;
    let reply: Buffer;
    try {
      reply = await link.exchange({
        message: `${trimEnd(command)};:SYST:ERR?`,
        timeoutMs,
        command,
      });
    } catch (error) {
      throw await explainTimeout(link, command, error, sent);
    }
    const text = decodeReply(link.name, command, reply);
    const last = lastResponse(text);
    if (last !== undefined && last.length < text.length && /^\+?0,"/.test(last))
      return text.slice(0, text.length - last.length - 1); // the common case: no error
    return settleChecked(link, command, text, last);
  },
  // Nothing may follow a block or free text: the queue is read in a separate exchange.
  queryBytes: checkSeparate.queryBytes,
};

// Responses that must come last in a response message (IEEE 488.2 arbitrary ASCII response data).
const lastOnlyQueries = /^\*(IDN|OPT)\?$/i;

// Whether `;:SYST:ERR?` may follow `command`: not when one of its units is a last-only query.
export function canAppendCheck(command: string): boolean {
  if (!command.includes("*")) return true; // fast path: no common query at all
  return !splitOutside(command, ";").some((unit) =>
    lastOnlyQueries.test(unit.trim().split(/\s/)[0] ?? ""),
  );
}

// The reply to `Q;:SYST:ERR?` when its last response is not a plain `0,...` entry.
async function settleChecked(
  link: ScpiLink,
  command: string,
  text: string,
  last: string | undefined,
): Promise<string> {
  if (last === undefined || !looksLikeErrorEntry(last)) {
    // Either Q failed part-way and the instrument discarded the rest of the message (so
    // SYST:ERR? never ran), or it does not answer compound messages. The queue tells which.
    link.markOutOfStep();
    const entries = await drainQueue(link, command);
    if (entries.length > 0) throw createInstrumentError(link.name, command, entries);
    throw createProtocolError(
      link.name,
      command,
      `reply ${JSON.stringify(text.slice(0, 40))} does not end in the SYST:ERR? entry asked for with ";:SYST:ERR?"`,
      {
        remedy:
          'The instrument does not answer compound messages as IEEE 488.2 says: open it with errorCheck: "separate".',
      },
    );
  }
  const entry = parseReply(link.name, "SYST:ERR?", last, parseErrorEntry);
  // One response that is an error entry: Q itself produced no response, it failed.
  if (entry.code !== 0) return throwWithQueued(link, command, [entry]);
  if (last.length === text.length)
    throw createProtocolError(
      link.name,
      command,
      `"${command}" produced no response and no error (only the SYST:ERR? entry came back)`,
      { remedy: "Send commands without a reply with write()." },
    );
  return text.slice(0, text.length - last.length - 1);
}

// Parse the reply to the SYST:ERR? sent after a write; anything else puts the link out of step.
function readEntry(link: ScpiLink, command: string, reply: Buffer): ErrorEntry {
  try {
    return parseReply(link.name, command, decodeReply(link.name, command, reply), parseErrorEntry);
  } catch (error) {
    link.markOutOfStep();
    throw error;
  }
}

// Drop trailing white space and `;` so `;:SYST:ERR?` does not make an empty message unit.
function trimEnd(command: string): string {
  const last = command.charCodeAt(command.length - 1);
  return last === 0x3b || last <= 0x20 ? command.replace(/[\s;]+$/, "") : command;
}

// The last top-level response of a reply (outside strings and blocks), or undefined if none.
function lastResponse(text: string): string | undefined {
  // Fast path: no quote or block before the last `;`, so it is a top-level separator.
  const semi = text.lastIndexOf(";");
  if (semi < 0) return text;
  const head = text.slice(0, semi);
  if (!/["'#]/.test(head)) return text.slice(semi + 1);
  return splitResponses(text).at(-1);
}

// A SYST:ERR? reply has the form <code>,"<text>" (a quoted string, so data rarely matches).
function looksLikeErrorEntry(response: string): boolean {
  return /^\s*[+-]?\d+\s*,\s*"/.test(response);
}
