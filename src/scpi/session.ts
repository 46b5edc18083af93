// IEEE 488.2 / SCPI message layer over any Transport: write, query with a timeout, typed
// helpers, error-queue checks. One operation at a time; replies are framed by LF (CRLF ok)
// and definite blocks are read by length. A timed-out or partial reply is discarded and the
// link re-synchronised with *OPC? before the next command, so replies never get out of step.
// By default the error queue is checked in the same round trip as each command: a query Q goes
// out as `Q;:SYST:ERR?` (one reply: `<Q's reply>;<entry>`), a write W as `W\nSYST:ERR?\n`.
import { XpoError } from "../model/errors.js";
import { createTransport, type TransportOptions } from "../transport/index.js";
import type { Transport } from "../transport/types.js";
import { formatErrorEntry, ScpiInstrumentError } from "./errors.js";
import {
  type ErrorEntry,
  findMessageEnd,
  type Identity,
  parseBlock,
  parseBool,
  parseErrorEntry,
  parseIdentity,
  parseNumber,
  parseString,
  ScpiParseError,
  splitList,
  splitOutside,
  splitResponses,
  stripTerminator,
} from "./parse.js";

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

export interface SessionOptions extends TransportOptions {
  /** Reply timeout per query, ms (default 2000). */
  timeoutMs?: number;
  /** Instrument name used in errors (default: the resource string). */
  name?: string;
  /** Check the error queue after every write and query, and how (default "each"). */
  errorCheck?: ErrorCheck;
  /** @deprecated Use `errorCheck`: false is "off", true is "each". Ignored when errorCheck is set. */
  checkErrors?: boolean;
  /** Use this transport instead of building one from the resource. */
  transport?: Transport;
}

interface Waiter {
  resolve: (message: Buffer) => void;
  reject: (error: Error) => void;
}

// Open a session to `resource` (TCPIP0::host::port::SOCKET, ASRL<dev>::INSTR, REPLAY::<file>).
export async function openSession(
  resource: string,
  options: SessionOptions = {},
): Promise<ScpiSession> {
  const transport = options.transport ?? createTransport(resource, options);
  const session = new ScpiSession(transport, options);
  await session.connect();
  return session;
}

/** A conversation with one instrument. */
export class ScpiSession {
  readonly transport: Transport;
  readonly name: string;
  timeoutMs: number;
  /** How the error queue is checked after each command; may be changed between commands. */
  errorCheck: ErrorCheck;
  private buffer: Buffer = Buffer.alloc(0);
  private waiter: Waiter | undefined;
  private needsResync = false;
  /** Messages sent by exchange(), to tell a reply timeout from a failed resync before sending. */
  private sent = 0;
  private closed = false;
  private chain: Promise<unknown> = Promise.resolve();
  private inFlight = 0;

  constructor(transport: Transport, options: SessionOptions = {}) {
    this.transport = transport;
    this.name = options.name ?? transport.description;
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.errorCheck = chooseErrorCheck(options);
    transport.onData((chunk) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.deliver();
    });
    transport.onClose((error) => {
      const waiter = this.waiter;
      this.waiter = undefined;
      this.buffer = Buffer.alloc(0);
      waiter?.reject(error ?? new Error("connection closed"));
    });
  }

  // Open the link (also used to reconnect after a drop).
  async connect(): Promise<void> {
    try {
      await this.transport.open();
    } catch (error) {
      if (error instanceof XpoError) throw error;
      throw new XpoError("XPO_CONNECT_FAILED", `cannot open ${this.transport.description}`, {
        instrument: this.name,
        cause: error,
      });
    }
  }

  // Send a command (no reply expected), then check the error queue as `errorCheck` says.
  write(command: string): Promise<void> {
    return this.serialise(async () => {
      if (this.errorCheck !== "each") {
        await this.exchange(command, false);
        if (this.errorCheck === "separate") await this.drainAndThrow(command);
        return;
      }
      // Two program messages in one write, so SYST:ERR? is answered even when the instrument
      // discards the rest of W's message after a command error.
      const sent = this.sent;
      let reply: Buffer;
      try {
        reply = await this.exchange(`${command}\nSYST:ERR?`, true, undefined, command, "SYST:ERR?");
      } catch (error) {
        throw await this.explainTimeout(command, error, sent);
      }
      const entry = this.readEntry(command, reply);
      if (entry.code !== 0) await this.throwEntries(command, [entry]);
    });
  }

  // Send a query and return its reply text (terminator stripped).
  query(command: string, timeoutMs?: number): Promise<string> {
    return this.serialise(async () => {
      const checked = this.errorCheck === "each" && canAppendCheck(command);
      // `Q;:SYST:ERR?`: one round trip, the last top-level response is the queue entry.
      const message = checked ? `${trimEnd(command)};:SYST:ERR?` : command;
      const sent = this.sent;
      let reply: Buffer;
      try {
        reply = await this.exchange(message, true, timeoutMs, command);
      } catch (error) {
        throw await this.explainTimeout(command, error, sent);
      }
      const text = this.toText(reply, command);
      if (checked) {
        const last = lastResponse(text);
        if (last !== undefined && last.length < text.length && /^\+?0,"/.test(last))
          return text.slice(0, text.length - last.length - 1); // the common case: no error
        return this.settleChecked(command, text, last);
      }
      if (this.errorCheck !== "off") await this.drainAndThrow(command);
      return text;
    });
  }

  // Send a query and return the raw reply bytes (terminator stripped), e.g. for blocks. The
  // error queue is checked in a separate exchange: nothing may follow a block or free text.
  queryBytes(command: string, timeoutMs?: number): Promise<Buffer> {
    return this.serialise(async () => {
      const sent = this.sent;
      let reply: Buffer;
      try {
        reply = await this.exchange(command, true, timeoutMs);
      } catch (error) {
        throw await this.explainTimeout(command, error, sent);
      }
      if (this.errorCheck !== "off") await this.drainAndThrow(command);
      return reply;
    });
  }

  async queryNumber(command: string): Promise<number> {
    return this.parse(command, await this.query(command), parseNumber);
  }

  async queryBool(command: string): Promise<boolean> {
    return this.parse(command, await this.query(command), parseBool);
  }

  async queryString(command: string): Promise<string> {
    return this.parse(command, await this.query(command), parseString);
  }

  async queryList(command: string): Promise<string[]> {
    return splitList(await this.query(command));
  }

  async queryNumbers(command: string): Promise<number[]> {
    const items = await this.queryList(command);
    return items.map((item) => this.parse(command, item, parseNumber));
  }

  // Replies to a compound query (`*IDN?;*OPC?`), one string each.
  async queryAll(command: string): Promise<string[]> {
    return splitResponses(await this.query(command));
  }

  // Read a definite block `#<n><len><bytes>` by its length (payload may hold LF/CRLF).
  async queryBlock(command: string): Promise<Buffer> {
    return this.parse(command, await this.queryBytes(command), parseBlock);
  }

  async identify(): Promise<Identity> {
    return this.parse("*IDN?", await this.query("*IDN?"), parseIdentity);
  }

  // *RST then *OPC? so the reset has completed when this resolves.
  async reset(): Promise<void> {
    await this.write("*RST");
    await this.opc();
  }

  // *CLS: clear status registers and the error queue.
  async clear(): Promise<void> {
    await this.write("*CLS");
  }

  async opc(): Promise<boolean> {
    return this.queryBool("*OPC?");
  }

  async esr(): Promise<number> {
    return this.queryNumber("*ESR?");
  }

  async stb(): Promise<number> {
    return this.queryNumber("*STB?");
  }

  // Drain SYST:ERR? until "0,No error" and return the entries (does not throw on entries).
  readErrors(): Promise<ErrorEntry[]> {
    return this.serialise(() => this.drain("SYST:ERR?"));
  }

  // Drain the queue and throw ScpiInstrumentError (XPO_INSTRUMENT_ERROR) naming `command`.
  checkErrors(command = "(previous commands)"): Promise<void> {
    return this.serialise(() => this.drainAndThrow(command));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain.catch(() => {});
    await this.transport.close();
  }

  private parse<T>(command: string, text: string | Buffer, parser: (t: never) => T): T {
    try {
      return (parser as (t: string | Buffer) => T)(text);
    } catch (error) {
      if (!(error instanceof ScpiParseError)) throw error;
      throw new XpoError("XPO_INSTRUMENT_PROTOCOL", `reply did not parse: ${error.message}`, {
        instrument: this.name,
        command,
        cause: error,
      });
    }
  }

  private toText(reply: Buffer, command: string): string {
    const text = reply.toString("latin1");
    // Blocks may hold any byte; elsewhere a reply is printable ASCII.
    if (!/#[1-9]/.test(text) && /[^\x20-\x7e\t]/.test(text)) {
      const preview = JSON.stringify(text.slice(0, 40));
      throw new XpoError("XPO_INSTRUMENT_PROTOCOL", `reply holds non-ASCII bytes: ${preview}`, {
        instrument: this.name,
        command,
      });
    }
    return text;
  }

  // One operation at a time, in call order. With nothing in flight the operation starts at once
  // (no hop through the chain), which keeps a query loop close to a bare socket's latency.
  private serialise<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.inFlight++ === 0 ? operation() : this.chain.then(operation, operation);
    const done = () => {
      this.inFlight--;
    };
    this.chain = run.then(done, done);
    return run;
  }

  private async drainAndThrow(command: string): Promise<void> {
    const entries = await this.drain(command);
    if (entries.length > 0) throw new ScpiInstrumentError(this.name, command, entries);
  }

  // The reply to `Q;:SYST:ERR?` when its last response is not a plain `0,...` entry.
  private async settleChecked(
    command: string,
    text: string,
    last: string | undefined,
  ): Promise<string> {
    if (last === undefined || !looksLikeErrorEntry(last)) {
      // Either Q failed part-way and the instrument discarded the rest of the message (so
      // SYST:ERR? never ran), or it does not answer compound messages. The queue tells which.
      this.needsResync = true;
      const entries = await this.drain(command);
      if (entries.length > 0) throw new ScpiInstrumentError(this.name, command, entries);
      throw new XpoError(
        "XPO_INSTRUMENT_PROTOCOL",
        `reply ${JSON.stringify(text.slice(0, 40))} does not end in the SYST:ERR? entry asked for with ";:SYST:ERR?"`,
        {
          instrument: this.name,
          command,
          remedy:
            'The instrument does not answer compound messages as IEEE 488.2 says: open it with errorCheck: "separate".',
        },
      );
    }
    const entry = this.parse("SYST:ERR?", last, parseErrorEntry);
    // One response that is an error entry: Q itself produced no response, it failed.
    if (entry.code !== 0) return this.throwEntries(command, [entry]);
    if (last.length === text.length)
      throw new XpoError(
        "XPO_INSTRUMENT_PROTOCOL",
        `"${command}" produced no response and no error (only the SYST:ERR? entry came back)`,
        { instrument: this.name, command, remedy: "Send commands without a reply with write()." },
      );
    return text.slice(0, text.length - last.length - 1);
  }

  // Parse the reply to the SYST:ERR? sent after a write; anything else puts the link out of step.
  private readEntry(command: string, reply: Buffer): ErrorEntry {
    try {
      return this.parse(command, this.toText(reply, command), parseErrorEntry);
    } catch (error) {
      this.needsResync = true;
      throw error;
    }
  }

  // Drain what else is queued after `first` and throw them all, naming `command`.
  private async throwEntries(command: string, first: ErrorEntry[]): Promise<never> {
    const more = await this.drain(command);
    throw new ScpiInstrumentError(this.name, command, [...first, ...more]);
  }

  // A query that fails produces no response: after its timeout, ask SYST:ERR? (488.2). Returns
  // the error to throw: queued entries become an instrument error naming `command`, an empty
  // queue keeps `error`. Not when errorCheck is "off", nor when nothing was sent since `sent`
  // (the link could not even be re-synchronised). Without this the stale entry would be blamed
  // on the next command. If the instrument stays silent it costs one more timeout (the resync).
  private async explainTimeout(command: string, error: unknown, sent: number): Promise<unknown> {
    const timedOut = (error as { code?: unknown }).code === "XPO_INSTRUMENT_TIMEOUT";
    if (this.errorCheck === "off" || !timedOut || this.sent === sent) return error;
    let entries: ErrorEntry[];
    try {
      entries = await this.drain(command);
    } catch {
      return error;
    }
    if (entries.length === 0) return error;
    return new ScpiInstrumentError(this.name, command, entries, {
      cause: error,
      detail: (error as Error).message,
    });
  }

  private async drain(command: string): Promise<ErrorEntry[]> {
    const entries: ErrorEntry[] = [];
    for (let i = 0; i < 64; i++) {
      const reply = await this.exchange("SYST:ERR?", true, undefined, command);
      const entry = this.parse("SYST:ERR?", this.toText(reply, "SYST:ERR?"), parseErrorEntry);
      if (entry.code === 0) return entries;
      entries.push(entry);
    }
    throw new XpoError(
      "XPO_INSTRUMENT_PROTOCOL",
      `error queue did not empty after 64 reads (last ${formatErrorEntry(entries.at(-1) ?? { code: 0, message: "" })})`,
      { instrument: this.name, command },
    );
  }

  // Send `message` (one transport write) and, when asked, wait for one reply message. Errors
  // name `cause` (the caller's command) and say they waited for the reply to `awaited`.
  private async exchange(
    message: string,
    expectReply: boolean,
    timeoutMs = this.timeoutMs,
    cause = message,
    awaited = cause,
  ): Promise<Buffer> {
    if (this.closed)
      throw new XpoError("XPO_USAGE", "the session is closed", {
        instrument: this.name,
        command: cause,
      });
    if (!this.transport.isOpen) {
      await this.connect();
      this.buffer = Buffer.alloc(0);
      this.needsResync = false;
    }
    if (this.needsResync) await this.resync(cause, timeoutMs);
    this.buffer = Buffer.alloc(0);
    await this.send(message, timeoutMs, cause);
    this.sent++;
    if (!expectReply) return Buffer.alloc(0);
    return this.receive(awaited, timeoutMs, cause);
  }

  private async send(command: string, timeoutMs: number, cause: string): Promise<void> {
    const bytes = Buffer.from(`${command}\n`, "latin1");
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.transport.write(bytes),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`write did not complete within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      if (error instanceof XpoError) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw new XpoError("XPO_INSTRUMENT_DISCONNECTED", `cannot send "${cause}": ${why}`, {
        instrument: this.name,
        command: cause,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private receive(command: string, timeoutMs: number, cause: string): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        const partial = this.buffer;
        this.buffer = Buffer.alloc(0);
        this.needsResync = true;
        const extra =
          partial.length > 0
            ? `; discarded ${partial.length} bytes of an unterminated reply ${JSON.stringify(partial.toString("latin1").slice(0, 40))}`
            : "";
        const what = command === cause ? `"${command}"` : `"${command}" (after "${cause}")`;
        reject(
          new XpoError(
            "XPO_INSTRUMENT_TIMEOUT",
            `no reply to ${what} within ${timeoutMs} ms${extra}`,
            {
              instrument: this.name,
              command: cause,
            },
          ),
        );
      }, timeoutMs);
      this.waiter = {
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          this.needsResync = false;
          const why = error.message;
          reject(
            new XpoError(
              "XPO_INSTRUMENT_DISCONNECTED",
              `connection lost waiting for the reply to "${command}" (${why})`,
              { instrument: this.name, command: cause, cause: error },
            ),
          );
        },
      };
      this.deliver();
    });
  }

  private deliver(): void {
    if (this.waiter === undefined) return;
    const end = findMessageEnd(this.buffer);
    if (end < 0) return;
    const message = this.buffer.subarray(0, end);
    this.buffer = this.buffer.subarray(end);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter.resolve(stripTerminator(Buffer.from(message)));
  }

  // After a timeout a late reply may still come: ask *OPC? and skip replies until its "1".
  private async resync(command: string, timeoutMs: number): Promise<void> {
    this.needsResync = false;
    this.buffer = Buffer.alloc(0);
    await this.send("*OPC?", timeoutMs, command);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      let reply: Buffer;
      try {
        reply = await this.receive("*OPC?", left, command);
      } catch (error) {
        this.needsResync = true;
        throw error;
      }
      if (/^\+?1$/.test(reply.toString("latin1").trim())) return;
    }
    this.needsResync = true;
    throw new XpoError("XPO_INSTRUMENT_TIMEOUT", `could not re-synchronise before "${command}"`, {
      instrument: this.name,
      command,
    });
  }
}

// The session's check mode from its options (the deprecated `checkErrors` flag still works).
function chooseErrorCheck(options: SessionOptions): ErrorCheck {
  const mode = options.errorCheck ?? (options.checkErrors === false ? "off" : "each");
  if (!errorCheckModes.includes(mode))
    throw new XpoError(
      "XPO_USAGE",
      `errorCheck "${String(mode)}" is not one of each, separate, off`,
    );
  return mode;
}

// Responses that must come last in a response message (IEEE 488.2 arbitrary ASCII response data).
const lastOnlyQueries = /^\*(IDN|OPT)\?$/i;

// Whether `;:SYST:ERR?` may follow `command`: not when one of its units is a last-only query.
export function canAppendCheck(command: string): boolean {
  if (!command.includes("*")) return true; // fast path: no common query at all
  return !splitOutside(command, ";").some((unit) =>
    lastOnlyQueries.test(unit.trim().split(/\s/)[0] ?? ""),
  );
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
