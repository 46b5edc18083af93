// The framing link under a SCPI session: send one program message in one transport write and
// read one framed reply off the transport (LF-terminated, CRLF ok, definite blocks read by
// length), each within a timeout. A timed-out or partial reply is discarded and the link
// re-synchronised with *OPC? before the next message, so replies never get out of step.
import { isXpoError, XpoError } from "../model/errors.js";
import type { Transport } from "../transport/types.js";
import { findMessageEnd, stripTerminator } from "./parse.js";

/** One exchange on the link: what to send and how to wait for its reply. */
export interface Exchange {
  /** The program message, sent in one transport write (LF appended). */
  message: string;
  /** Wait for one reply message (default true). */
  expectReply?: boolean;
  /** Reply timeout, ms (default: the link's). */
  timeoutMs?: number | undefined;
  /** The caller's command, named in errors (default: `message`). */
  command?: string;
  /** The message whose reply is awaited, named in timeouts (default: `command`). */
  awaited?: string;
}

// The reply being waited for. A plain record (no closures) so the hot path allocates little.
interface Waiter {
  resolve: (message: Buffer) => void;
  reject: (error: unknown) => void;
  /** The message whose reply is awaited, and the caller's command (named in errors). */
  awaited: string;
  command: string;
  timeoutMs: number;
}

// One shared empty buffer, so resetting the receive buffer allocates nothing.
const empty = Buffer.alloc(0);

/** The byte conversation with one instrument, one exchange at a time (the session serialises). */
export class ScpiLink {
  readonly transport: Transport;
  readonly name: string;
  timeoutMs: number;
  /** Messages sent by exchange(), to tell a reply timeout from a failed resync before sending. */
  sent = 0;
  /** Set by the session's close(): later exchanges are usage errors. */
  closed = false;
  /** What ends a program message and a reply: LF (SCPI), or a vendor dialect's CR or CRLF. */
  terminator: "\n" | "\r" | "\r\n" = "\n";
  /** The byte that ends a reply: LF (a CR before it is stripped), or CR for a CR-only dialect. */
  replyEnd: 0x0a | 0x0d = 0x0a;
  /** After a timeout, re-synchronise with *OPC? (SCPI); false: only drop what arrived (a vendor
   * dialect without *OPC?). */
  resyncWithOpc = true;
  private buffer: Buffer = empty;
  private waiter: Waiter | undefined;
  // One reply timer for the link, re-armed only when it must fire sooner: arming a timer per
  // exchange cost about as much as the rest of a query. It holds the process open (ref) only
  // while a reply is awaited.
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = 0;
  private deadline = 0;
  private needsResync = false;

  constructor(transport: Transport, name: string, timeoutMs: number) {
    this.transport = transport;
    this.name = name;
    this.timeoutMs = timeoutMs;
    transport.onData((chunk) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.deliver();
    });
    transport.onClose((error) => {
      const waiter = this.takeWaiter();
      this.buffer = empty;
      if (waiter === undefined) return;
      this.needsResync = false;
      const why = (error ?? new Error("connection closed")).message;
      waiter.reject(
        new XpoError(
          "XPO_INSTRUMENT_DISCONNECTED",
          `connection lost waiting for the reply to "${waiter.awaited}" (${why})`,
          { instrument: this.name, command: waiter.command, cause: error },
        ),
      );
    });
    this.onTimer = this.onTimer.bind(this);
  }

  // Open the transport (also used to reconnect after a drop).
  async connect(): Promise<void> {
    try {
      await this.transport.open();
    } catch (error) {
      if (isXpoError(error)) throw error;
      throw new XpoError("XPO_CONNECT_FAILED", `cannot open ${this.transport.description}`, {
        instrument: this.name,
        cause: error,
      });
    }
  }

  // A reply did not match what was sent: re-synchronise before the next message.
  markOutOfStep(): void {
    this.needsResync = true;
  }

  // Send the message (one transport write) and, unless told not to, wait for one reply message.
  async exchange(request: Exchange): Promise<Buffer> {
    const command = request.command ?? request.message;
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    if (this.closed)
      throw new XpoError("XPO_USAGE", "the session is closed", { instrument: this.name, command });
    if (!this.transport.isOpen) {
      await this.connect();
      this.buffer = empty;
      this.needsResync = false;
    }
    if (this.needsResync) await this.resync(command, timeoutMs);
    this.buffer = empty;
    if (request.expectReply === false) {
      await this.send(request.message, timeoutMs, command);
      this.sent++;
      return empty;
    }
    // The hot path: arm the reply wait (one timer for the whole exchange), then write without
    // waiting for the write to complete; a failed write ends the wait as a disconnection.
    const reply = this.receive(request.awaited ?? command, timeoutMs, command);
    this.writeWhileWaiting(request.message, command);
    this.sent++;
    return reply;
  }

  // Write `message` plus LF for a reply already awaited; a failure rejects that wait.
  private writeWhileWaiting(message: string, command: string): void {
    const transport = this.transport;
    try {
      if (transport.writeText !== undefined) transport.writeText(message + this.terminator);
      else
        transport
          .write(Buffer.from(message + this.terminator, "latin1"))
          .then(undefined, (error) => this.failWaiter(error, command));
    } catch (error) {
      this.failWaiter(error, command);
    }
  }

  // The message for the awaited reply could not be sent: the wait ends as a disconnection.
  private failWaiter(error: unknown, command: string): void {
    this.takeWaiter()?.reject(isXpoError(error) ? error : sendError(this.name, command, error));
  }

  // Write `message` plus LF; a write that does not complete in time is a disconnection.
  private send(message: string, timeoutMs: number, command: string): Promise<void> {
    const bytes = Buffer.from(message + this.terminator, "latin1");
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            sendError(
              this.name,
              command,
              new Error(`write did not complete within ${timeoutMs} ms`),
            ),
          ),
        timeoutMs,
      );
      const fail = (error: unknown) => {
        clearTimeout(timer);
        reject(isXpoError(error) ? error : sendError(this.name, command, error));
      };
      // A transport that throws instead of rejecting (a closed socket) fails the same way.
      try {
        this.transport.write(bytes).then(() => {
          clearTimeout(timer);
          resolve();
        }, fail);
      } catch (error) {
        fail(error);
      }
    });
  }

  // Wait for the next framed reply (the reply to `awaited`, sent for the caller's `command`).
  private receive(awaited: string, timeoutMs: number, command: string): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      this.armTimer(timeoutMs);
      this.waiter = { resolve, reject, awaited, command, timeoutMs };
      this.deliver();
    });
  }

  // Set the reply deadline; a new timer only when the armed one would fire after it.
  private armTimer(timeoutMs: number): void {
    this.deadline = performance.now() + timeoutMs;
    if (this.timer !== undefined && this.timerDue <= this.deadline) {
      this.timer.ref();
      return;
    }
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(this.onTimer, timeoutMs);
    this.timerDue = this.deadline;
  }

  // The timer fired: time out the awaited reply if its deadline has passed, else wait on.
  private onTimer(): void {
    this.timer = undefined;
    const waiter = this.waiter;
    if (waiter === undefined) return; // idle: let the timer lapse
    const left = this.deadline - performance.now();
    if (left > 0) {
      this.timer = setTimeout(this.onTimer, Math.ceil(left));
      this.timerDue = this.deadline;
      return;
    }
    this.waiter = undefined;
    const partial = this.buffer;
    this.buffer = empty;
    this.needsResync = true;
    waiter.reject(
      timeoutError(this.name, waiter.awaited, waiter.command, waiter.timeoutMs, partial),
    );
  }

  // Take the waiter off the link (its timer stopped), if there is one.
  private takeWaiter(): Waiter | undefined {
    const waiter = this.waiter;
    if (waiter === undefined) return undefined;
    this.waiter = undefined;
    this.timer?.unref(); // still armed, but no longer holding the process open
    return waiter;
  }

  // Hand a complete message in the buffer to the waiter, if both are there.
  private deliver(): void {
    if (this.waiter === undefined) return;
    const buffer = this.buffer;
    const end = findMessageEnd(buffer, this.replyEnd);
    if (end < 0) return;
    // The whole buffer is the message (the usual case): hand it over without a copy. Otherwise
    // copy it out, so the rest of the chunk is not kept alive by the reply.
    const message = end === buffer.length ? buffer : Buffer.from(buffer.subarray(0, end));
    this.buffer = end === buffer.length ? empty : buffer.subarray(end);
    this.takeWaiter()?.resolve(stripTerminator(message));
  }

  // After a timeout a late reply may still come: ask *OPC? and skip replies until its "1".
  private async resync(command: string, timeoutMs: number): Promise<void> {
    this.needsResync = false;
    this.buffer = empty;
    if (!this.resyncWithOpc) return;
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

// The XPO_INSTRUMENT_DISCONNECTED for a write that failed or did not complete.
function sendError(instrument: string, command: string, error: unknown): XpoError {
  const why = error instanceof Error ? error.message : String(error);
  return new XpoError("XPO_INSTRUMENT_DISCONNECTED", `cannot send "${command}": ${why}`, {
    instrument,
    command,
    cause: error,
  });
}

const timeoutRemedy =
  "Check the command is a query the instrument knows; that the instrument ends its replies with LF (one set to CR or another terminator never completes a reply: set it to LF); that its input buffer takes the message (a small one answers -363: use errorCheck separate, or xpo scpi --error-check separate); raise --timeout.";

// The XPO_INSTRUMENT_TIMEOUT for a reply that did not come, saying what partial reply was dropped.
function timeoutError(
  instrument: string,
  awaited: string,
  command: string,
  timeoutMs: number,
  partial: Buffer,
): XpoError {
  const extra =
    partial.length > 0
      ? `; discarded ${partial.length} bytes of an unterminated reply ${JSON.stringify(partial.toString("latin1").slice(0, 40))}`
      : "";
  const what = awaited === command ? `"${awaited}"` : `"${awaited}" (after "${command}")`;
  return new XpoError(
    "XPO_INSTRUMENT_TIMEOUT",
    `no reply to ${what} within ${timeoutMs} ms${extra}`,
    { instrument, command, remedy: timeoutRemedy },
  );
}
