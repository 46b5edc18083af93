// The error-check strategies' common shape: how a session's write, query and byte query go
// over the link and check the instrument's error queue. One file per mode: check-each.ts,
// check-separate.ts, check-off.ts.
import { XpoError } from "../model/errors.js";
import type { ScpiLink } from "./link.js";
import { listHeaders } from "./parse.js";

/**
 * How the session checks the instrument's error queue after each write and query.
 * - `each` (default): in the same round trip. A query Q is sent as `Q;:SYST:ERR?` and the last
 *   response of the reply is the queue entry; a write W is sent as `W\nSYST:ERR?\n` (two program
 *   messages in one transport write) and the entry is the reply. Queries whose reply must come
 *   last (`*IDN?`, `*OPT?`) and byte/block queries use `separate`.
 * - `separate`: a separate `SYST:ERR?` exchange after each command (two round trips), for
 *   instruments that mishandle compound messages.
 * - `off`: no automatic check (call `checkErrors()` or `readErrors()` yourself).
 */
export type ErrorCheck = "each" | "separate" | "off";

export const errorCheckModes: readonly ErrorCheck[] = ["each", "separate", "off"];

/** One error-check mode: the three operations that send a command, checked its way. */
export interface ErrorCheckStrategy {
  /** Send a command that has no reply, then check the queue. */
  write(link: ScpiLink, command: string): Promise<void>;
  /** Send a query and return its reply text (terminator stripped). */
  query(link: ScpiLink, command: string, timeoutMs: number | undefined): Promise<string>;
  /** Send a query and return its raw reply bytes (terminator stripped). */
  queryBytes(link: ScpiLink, command: string, timeoutMs: number | undefined): Promise<Buffer>;
}

// Check that `mode` is an error-check mode (it may come from a file or a flag).
export function checkErrorCheckMode(mode: unknown): ErrorCheck {
  if (!errorCheckModes.includes(mode as ErrorCheck))
    throw new XpoError(
      "XPO_USAGE",
      `errorCheck "${String(mode)}" is not one of each, separate, off`,
    );
  return mode as ErrorCheck;
}

// Queries that read the error queue themselves: SYST:ERR[:NEXT]?, SYST:ERR:ALL?, SYST:ERR:COUN?
// (and SYST:ERR:CODE[:NEXT|:ALL]?). No automatic check goes after them: it would take the
// entry the caller asked for, or change the count.
const errorQueueQuery =
  /^:?SYST(?:EM)?:ERR(?:OR)?(?::(?:NEXT|ALL|COUN(?:T)?|CODE(?::NEXT|:ALL)?))?\?$/i;

// Whether one of `command`'s units is a query that reads the error queue.
export function readsErrorQueue(command: string): boolean {
  if (!/err/i.test(command)) return false; // fast path
  return listHeaders(command).some((header) => errorQueueQuery.test(header));
}
