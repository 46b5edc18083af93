// Reading the instrument's error queue (SYST:ERR? until "0,No error") on a link, and turning
// what it holds into an XPO_INSTRUMENT_ERROR naming the command that caused it.
import { XpoError } from "../model/errors.js";
import { createInstrumentError, formatErrorEntry } from "./errors.js";
import type { ScpiLink } from "./link.js";
import { type ErrorEntry, parseErrorEntry } from "./parse.js";
import { decodeReply, parseReply } from "./reply-text.js";

// Read SYST:ERR? until "0,No error" and return the entries (does not throw on entries).
export async function drainQueue(link: ScpiLink, command: string): Promise<ErrorEntry[]> {
  const entries: ErrorEntry[] = [];
  for (let i = 0; i < 64; i++) {
    const reply = await link.exchange({ message: "SYST:ERR?", command });
    const text = decodeReply(link.name, "SYST:ERR?", reply);
    const entry = parseReply(link.name, "SYST:ERR?", text, parseErrorEntry);
    if (entry.code === 0) return entries;
    entries.push(entry);
  }
  throw new XpoError(
    "XPO_INSTRUMENT_PROTOCOL",
    `error queue did not empty after 64 reads (last ${formatErrorEntry(entries.at(-1) ?? { code: 0, message: "" })})`,
    { instrument: link.name, command },
  );
}

// Drain the queue and throw its entries as an instrument error naming `command`, if any.
export async function throwQueued(link: ScpiLink, command: string): Promise<void> {
  const entries = await drainQueue(link, command);
  if (entries.length > 0) throw createInstrumentError(link.name, command, entries);
}

// Drain what else is queued after `first` and throw them all, naming `command`.
export async function throwWithQueued(
  link: ScpiLink,
  command: string,
  first: ErrorEntry[],
): Promise<never> {
  const more = await drainQueue(link, command);
  throw createInstrumentError(link.name, command, [...first, ...more]);
}

// A query that fails produces no response: after its timeout, ask SYST:ERR? (488.2). Returns
// the error to throw: queued entries become an instrument error naming `command`, an empty
// queue keeps `error`. Not when nothing was sent since `sent` (the link could not even be
// re-synchronised). Without this the stale entry would be blamed on the next command. If the
// instrument stays silent it costs one more timeout (the resync).
export async function explainTimeout(
  link: ScpiLink,
  command: string,
  error: unknown,
  sent: number,
): Promise<unknown> {
  const timedOut = (error as { code?: unknown }).code === "XPO_INSTRUMENT_TIMEOUT";
  if (!timedOut || link.sent === sent) return error;
  let entries: ErrorEntry[];
  try {
    entries = await drainQueue(link, command);
  } catch {
    return error;
  }
  if (entries.length === 0) return error;
  return createInstrumentError(link.name, command, entries, {
    cause: error,
    detail: (error as Error).message,
  });
}

/** What was already in an instrument's error queue when a session opened. */
export interface StaleErrors {
  /** The entries read, oldest first. */
  entries: ErrorEntry[];
  /** More were queued than `limit`: the rest were cleared with *CLS unread. */
  truncated: boolean;
}

// Read at most `limit` entries already queued (until "0,No error"); if more remain, *CLS them.
// Nothing is blamed on a command: these were left by an earlier session, a front-panel slip or
// another tool.
export async function drainStale(link: ScpiLink, limit: number): Promise<StaleErrors> {
  const entries: ErrorEntry[] = [];
  const command = "SYST:ERR? (stale entries at open)";
  while (entries.length < limit) {
    const reply = await link.exchange({ message: "SYST:ERR?", command });
    const text = decodeReply(link.name, "SYST:ERR?", reply);
    const entry = parseReply(link.name, "SYST:ERR?", text, parseErrorEntry);
    if (entry.code === 0) return { entries, truncated: false };
    entries.push(entry);
  }
  await link.exchange({ message: "*CLS", command, expectReply: false });
  return { entries, truncated: true };
}
