// IEEE 488.2 / SCPI session over any Transport: write, query with a timeout, typed helpers,
// error-queue checks. One operation at a time, in call order. The framing (termination,
// definite blocks, timeouts, resync) is the link's (link.ts); how the error queue is checked
// after each command is the strategy's the `errorCheck` option picks (check-*.ts).
import { createTransport, type TransportOptions } from "../transport/index.js";
import type { Transport } from "../transport/types.js";
import { checkEach } from "./check-each.js";
import { checkOff } from "./check-off.js";
import { checkSeparate } from "./check-separate.js";
import {
  checkErrorCheckMode,
  type ErrorCheck,
  type ErrorCheckStrategy,
  readsErrorQueue,
} from "./error-check.js";
import { drainQueue, drainStale, type StaleErrors, throwQueued } from "./error-queue.js";
import { ScpiLink } from "./link.js";
import {
  type ErrorEntry,
  type Identity,
  parseBlock,
  parseBool,
  parseIdentity,
  parseNumber,
  parseString,
  splitList,
  splitResponses,
} from "./parse.js";
import { parseReply } from "./reply-text.js";

export { canAppendCheck } from "./check-each.js";
export type { ErrorCheck } from "./error-check.js";
export type { StaleErrors } from "./error-queue.js";

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
  /** A vendor dialect's line rules (default SCPI: LF, *OPC? resync). */
  line?: LineRules;
  /** Told of every finished operation: when it started and ended (performance.now() ms). */
  onBusy?: (startMs: number, endMs: number) => void;
}

/** How long the instrument was kept busy: the sum of operation durations (and of the holds its
 * dialect's pacing made), and the number of operations. */
export interface BusyTime {
  ms: number;
  operations: number;
  /** The part of `ms` that commands waited for the dialect's pacing (countHold). */
  heldMs: number;
  /** The most operations ever executing at once on this session (1: never two commands). */
  maxConcurrent: number;
}

/** How a non-SCPI dialect frames its messages (TDK-Lambda GEN, Julabo, Santec MPM ...). */
export interface LineRules {
  /** Appended to every program message. */
  terminator: "\n" | "\r" | "\r\n";
  /** The byte that ends a reply (LF: a CR before it is stripped; CR: a CR-only dialect). */
  replyEnd: "\n" | "\r";
  /** Re-synchronise with *OPC? after a timeout (SCPI only). */
  resyncWithOpc: boolean;
}

const strategies: Record<ErrorCheck, ErrorCheckStrategy> = {
  each: checkEach,
  separate: checkSeparate,
  off: checkOff,
};

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
  private readonly link: ScpiLink;
  private mode: ErrorCheck;
  private check: ErrorCheckStrategy;
  private chain: Promise<unknown> = Promise.resolve();
  private inFlight = 0;
  private executing = 0;
  private startedAt = 0;
  private readonly busyWatchers: ((startMs: number, endMs: number) => void)[] = [];
  /** Busy-time accounting (the live run's floor is computed from it). */
  readonly busy: BusyTime = { ms: 0, operations: 0, heldMs: 0, maxConcurrent: 0 };

  constructor(transport: Transport, options: SessionOptions = {}) {
    if (options.onBusy) this.busyWatchers.push(options.onBusy);
    this.mode = chooseErrorCheck(options);
    this.check = strategies[this.mode];
    this.link = new ScpiLink(
      transport,
      options.name ?? transport.description,
      options.timeoutMs ?? 2000,
    );
    if (options.line !== undefined) {
      this.link.terminator = options.line.terminator;
      this.link.replyEnd = options.line.replyEnd === "\r" ? 0x0d : 0x0a;
      this.link.resyncWithOpc = options.line.resyncWithOpc;
    }
  }

  get transport(): Transport {
    return this.link.transport;
  }

  get name(): string {
    return this.link.name;
  }

  /** Reply timeout per query, ms; may be changed between commands. */
  get timeoutMs(): number {
    return this.link.timeoutMs;
  }

  set timeoutMs(value: number) {
    this.link.timeoutMs = value;
  }

  /** How the error queue is checked after each command; may be changed between commands. */
  get errorCheck(): ErrorCheck {
    return this.mode;
  }

  set errorCheck(mode: ErrorCheck) {
    this.mode = checkErrorCheckMode(mode);
    this.check = strategies[this.mode];
  }

  // Open the link (also used to reconnect after a drop).
  connect(): Promise<void> {
    return this.link.connect();
  }

  // Send a command (no reply expected), then check the error queue as `errorCheck` says.
  write(command: string): Promise<void> {
    return this.serialise(() => this.check.write(this.link, command));
  }

  // Send a query and return its reply text (terminator stripped). A query that reads the error
  // queue itself (SYST:ERR?, SYST:ERR:COUN?, ...) gets no automatic check after it.
  query(command: string, timeoutMs?: number): Promise<string> {
    const check = readsErrorQueue(command) ? checkOff : this.check;
    return this.serialise(() => check.query(this.link, command, timeoutMs));
  }

  // Send a query and return the raw reply bytes (terminator stripped), e.g. for blocks. The
  // error queue is checked in a separate exchange: nothing may follow a block or free text.
  queryBytes(command: string, timeoutMs?: number): Promise<Buffer> {
    const check = readsErrorQueue(command) ? checkOff : this.check;
    return this.serialise(() => check.queryBytes(this.link, command, timeoutMs));
  }

  async queryNumber(command: string): Promise<number> {
    return parseReply(this.name, command, await this.query(command), parseNumber);
  }

  async queryBool(command: string): Promise<boolean> {
    return parseReply(this.name, command, await this.query(command), parseBool);
  }

  async queryString(command: string): Promise<string> {
    return parseReply(this.name, command, await this.query(command), parseString);
  }

  async queryList(command: string): Promise<string[]> {
    return splitList(await this.query(command));
  }

  async queryNumbers(command: string): Promise<number[]> {
    const items = await this.queryList(command);
    return items.map((item) => parseReply(this.name, command, item, parseNumber));
  }

  // Replies to a compound query (`*IDN?;*OPC?`), one string each.
  async queryAll(command: string): Promise<string[]> {
    return splitResponses(await this.query(command));
  }

  // Read a definite block `#<n><len><bytes>` by its length (payload may hold LF/CRLF).
  async queryBlock(command: string): Promise<Buffer> {
    return parseReply(this.name, command, await this.queryBytes(command), parseBlock);
  }

  async identify(): Promise<Identity> {
    return parseReply(this.name, "*IDN?", await this.query("*IDN?"), parseIdentity);
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
    return this.serialise(() => drainQueue(this.link, "SYST:ERR?"));
  }

  // Right after opening: read what is already queued (at most `limit` entries, the rest cleared
  // with *CLS) so the first command is not blamed for it. Returns the stale entries.
  readStaleErrors(limit = 32): Promise<StaleErrors> {
    return this.serialise(() => drainStale(this.link, limit));
  }

  // Drain the queue and throw an XPO_INSTRUMENT_ERROR naming `command` if it held entries.
  checkErrors(command = "(previous commands)"): Promise<void> {
    return this.serialise(() => throwQueued(this.link, command));
  }

  async close(): Promise<void> {
    this.link.closed = true;
    await this.chain.catch(() => {});
    await this.link.transport.close();
  }

  // One operation at a time, in call order. With nothing in flight the operation starts at once
  // (no hop through the chain), which keeps a query loop close to a bare socket's latency.
  // Busy time is taken here too, without an extra async frame per query (the hot path): an
  // operation's start when it begins, its end when its `done` runs, before the next one begins.
  private serialise<T>(operation: () => Promise<T>): Promise<T> {
    const begin = () => {
      this.startedAt = performance.now();
      this.busy.maxConcurrent = Math.max(this.busy.maxConcurrent, ++this.executing);
      return operation();
    };
    const run = this.inFlight++ === 0 ? begin() : this.chain.then(begin);
    const done = () => {
      this.inFlight--;
      this.endBusy();
    };
    this.chain = run.then(done, done);
    return run;
  }

  // A driver held a command back for its dialect's pacing (Julabo: 250 ms between OUT commands):
  // the instrument could take no command then, so the hold is busy time too.
  countHold(startMs: number, endMs: number): void {
    this.busy.ms += endMs - startMs;
    this.busy.heldMs += endMs - startMs;
    for (const watch of this.busyWatchers) watch(startMs, endMs);
  }

  // Be told of every busy interval from now on (as the onBusy option is).
  watchBusy(watch: (startMs: number, endMs: number) => void): void {
    this.busyWatchers.push(watch);
  }

  // One operation ended: add its duration to the busy time.
  private endBusy(): void {
    this.executing--;
    const end = performance.now();
    this.busy.ms += end - this.startedAt;
    this.busy.operations++;
    for (const watch of this.busyWatchers) watch(this.startedAt, end);
  }
}

// The session's check mode from its options (the deprecated `checkErrors` flag still works).
function chooseErrorCheck(options: SessionOptions): ErrorCheck {
  return checkErrorCheckMode(
    options.errorCheck ?? (options.checkErrors === false ? "off" : "each"),
  );
}
