// Serve one simulated instrument on a loopback TCP port: LF-terminated messages in (CR for a
// vendor dialect that says so), each reply written in ONE write with its terminator (or, on a
// paced serial path, byte-timed chunks), after the instrument's latency, with its faults applied per message. A message longer than the
// instrument's input buffer is discarded with -363. Every connection shares the instrument's
// error queue and status registers, as on a LAN instrument with several sockets open.
import { createServer, type Server, type Socket } from "node:net";
import { XpoError } from "../model/errors.js";
import type { Role } from "../model/roles.js";
import type { ActiveFault, FaultSet } from "./faults.js";
import type { ScpiInstrument } from "./scpi-engine.js";
import { chooseDelayMs, PacedLine } from "./timing.js";

export interface InstrumentServer {
  role: Role;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x80, 0x3f, 0x9c, 0x0a]);

/** What one server serves: the instrument playing `role`, its faults, the message log. */
interface Served {
  role: Role;
  instrument: ScpiInstrument;
  faults: FaultSet;
  log: ((role: Role, line: string) => void) | undefined;
  /** Pace both directions at this baud rate (the serial path), or not at all. */
  baudRate: number | undefined;
}

/** One connection's lines when paced: what the instrument receives and what it sends. */
interface Lines {
  rx: PacedLine;
  tx: PacedLine;
}

// Listen on host:port (0 = any free port) and serve `instrument`.
export async function serveInstrument(
  role: Role,
  instrument: ScpiInstrument,
  faults: FaultSet,
  host: string,
  port: number,
  log?: (role: Role, line: string) => void,
  baudRate?: number,
): Promise<InstrumentServer> {
  const served: Served = { role, instrument, faults, log, baudRate };
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    acceptConnection(served, socket);
  });
  await listen(server, role, host, port);
  const address = server.address();
  const actualPort = typeof address === "object" && address !== null ? address.port : port;
  return {
    role,
    port: actualPort,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// Start listening; a port in use is a usage error with a remedy.
function listen(server: Server, role: Role, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new XpoError("XPO_USAGE", `cannot serve the ${role} on ${host}:${port}: ${error.message}`, {
          remedy: "Choose free ports with --port-base N (or 0 for any free ports).",
          cause: error,
        }),
      ),
    );
    server.listen(port, host, () => {
      server.removeAllListeners("error");
      resolve();
    });
  });
}

// Split one connection's bytes into LF-terminated messages and handle them in order. A message
// (terminator included) longer than the input buffer is discarded and queues -363.
function acceptConnection(served: Served, socket: Socket): void {
  socket.setNoDelay(true);
  const lines =
    served.baudRate === undefined
      ? undefined
      : { rx: new PacedLine(served.baudRate), tx: new PacedLine(served.baudRate) };
  let input: Buffer = Buffer.alloc(0);
  let overrun = false;
  let chain: Promise<void> = Promise.resolve();
  socket.on("data", (chunk: Buffer) => {
    input = input.length === 0 ? chunk : Buffer.concat([input, chunk]);
    const limit = served.instrument.inputBufferBytes;
    for (;;) {
      const lf = input.indexOf(served.instrument.inputEnd);
      if (lf < 0) break;
      let line = input.subarray(0, lf);
      input = input.subarray(lf + 1);
      if (overrun || lf + 1 > limit) {
        if (!overrun) chain = chain.then(() => served.instrument.status.push(-363));
        overrun = false;
        continue;
      }
      if (line[line.length - 1] === 0x0d) line = line.subarray(0, -1);
      const text = line.toString("latin1");
      const arrives = lines?.rx.reserve(lf + 1) ?? 0;
      chain = chain.then(async () => {
        if (arrives > 0) await sleep(arrives);
        await handleMessage(served, socket, text, lines);
      });
    }
    if (input.length > limit) {
      if (!overrun) chain = chain.then(() => served.instrument.status.push(-363));
      overrun = true;
      input = Buffer.alloc(0);
    }
  });
  socket.on("error", () => {});
}

// Wait at least `ms` (Node truncates a fractional delay; rounding up keeps a paced line from
// ever beating the wire, at the cost of up to 1 ms per timer).
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.ceil(ms)));
}

// Write a reply: in one write, or (paced) in chunks of about 2 ms of line time each.
function writeReply(socket: Socket, bytes: Buffer, lines: Lines | undefined): void {
  if (lines === undefined) {
    socket.write(bytes);
    return;
  }
  const chunk = Math.max(1, Math.floor(lines.tx.baudRate / 5000));
  for (let at = 0; at < bytes.length; at += chunk) {
    const part = bytes.subarray(at, at + chunk);
    setTimeout(
      () => {
        if (!socket.destroyed) socket.write(part);
      },
      Math.ceil(lines.tx.reserve(part.length)),
    );
  }
}

// Run one program message with the faults that match it, and write its reply (if any).
async function handleMessage(
  served: Served,
  socket: Socket,
  message: string,
  lines: Lines | undefined,
): Promise<void> {
  const { role, instrument } = served;
  if (socket.destroyed) return;
  served.log?.(role, message);
  const hits = served.faults.take(role, message);
  const has = (kind: string) => hits.find((f) => f.kind === kind);
  if (has("drop")) {
    socket.destroy();
    return;
  }
  // An injected error is queued right after the unit it matches (the first unit when it has
  // no match), so a `Q;:SYST:ERR?` in the same message already reports it.
  const error = has("error");
  let queued = error === undefined;
  const queue = () => {
    if (queued || error === undefined) return;
    queued = true;
    instrument.status.push(
      error.code ?? -300,
      error.message ?? "Device specific error",
      "injected fault",
    );
  };
  const match = error?.match?.toUpperCase();
  const reply = instrument.execute(
    message,
    error === undefined
      ? undefined
      : (unit) => {
          if (match === undefined || unit.toUpperCase().includes(match)) queue();
        },
  );
  queue();
  if (reply === undefined) return;
  const slow = has("slow");
  const delayMs = (slow ? (slow.delayMs ?? 1000) : 0) + chooseDelayMs(instrument.latency, message);
  if (delayMs > 0) await sleep(delayMs);
  if (socket.destroyed || has("stall")) return;
  const drip = has("drip");
  if (drip) return dripBytes(socket, drip.delayMs ?? 200);
  if (has("garbage")) {
    writeReply(socket, Buffer.concat([garbage, Buffer.from(instrument.replyEnd)]), lines);
    return;
  }
  const bytes = Buffer.from(
    rewriteReply(reply, has("overrange"), has("short-list")) + instrument.replyEnd,
    "latin1",
  );
  const flood = has("flood");
  if (flood) return floodBytes(socket, bytes, flood.bytes ?? 64 * 1024 * 1024);
  if (has("partial")) {
    writeReply(socket, bytes.subarray(0, Math.max(1, Math.floor((bytes.length - 1) / 2))), lines);
    return;
  }
  writeReply(socket, bytes, lines);
}

// overrange / short-list: change the first reply unit (an appended SYST:ERR? answer stays).
function rewriteReply(reply: string, overrange?: ActiveFault, shortList?: ActiveFault): string {
  if (overrange === undefined && shortList === undefined) return reply;
  const [first = "", ...rest] = reply.split(";");
  const changed = overrange
    ? (overrange.reply ?? "9.9E37")
    : first
        .split(",")
        .slice(0, shortList?.keep ?? 1)
        .join(",");
  return [changed, ...rest].join(";");
}

// flood: the reply without its terminator, then `total` bytes of digits, as fast as the peer reads.
async function floodBytes(socket: Socket, reply: Buffer, total: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 0x39);
  let sent = 0;
  if (!socket.write(reply.subarray(0, -1))) await drained(socket);
  while (sent < total && !socket.destroyed) {
    sent += chunk.length;
    if (!socket.write(chunk)) await drained(socket);
  }
}

const drained = (socket: Socket) =>
  new Promise<void>((resolve) => {
    const done = () => {
      socket.off("drain", done);
      socket.off("close", done);
      resolve();
    };
    socket.on("drain", done);
    socket.on("close", done);
  });

// drip: one unterminated byte every `delayMs` until the connection closes.
async function dripBytes(socket: Socket, delayMs: number): Promise<void> {
  while (!socket.destroyed) {
    socket.write("9");
    await new Promise((r) => setTimeout(r, delayMs));
  }
}
