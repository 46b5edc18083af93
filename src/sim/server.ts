// Serve one simulated instrument on a loopback TCP port: LF-terminated messages in, each
// reply written in ONE write with its LF, with the instrument's faults applied per message.
import { createServer, type Server, type Socket } from "node:net";
import { XpoError } from "../model/errors.js";
import type { Role } from "../model/roles.js";
import type { ActiveFault, FaultSet } from "./faults.js";
import type { ScpiInstrument } from "./scpi-engine.js";

export interface InstrumentServer {
  role: Role;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const maxInput = 4096;
const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x80, 0x3f, 0x9c, 0x0a]);

/** What one server serves: the instrument playing `role`, its faults, the message log. */
interface Served {
  role: Role;
  instrument: ScpiInstrument;
  faults: FaultSet;
  log: ((role: Role, line: string) => void) | undefined;
}

// Listen on host:port (0 = any free port) and serve `instrument`.
export async function serveInstrument(
  role: Role,
  instrument: ScpiInstrument,
  faults: FaultSet,
  host: string,
  port: number,
  log?: (role: Role, line: string) => void,
): Promise<InstrumentServer> {
  const served: Served = { role, instrument, faults, log };
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

// Split one connection's bytes into LF-terminated messages and handle them in order.
function acceptConnection(served: Served, socket: Socket): void {
  socket.setNoDelay(true);
  let input = Buffer.alloc(0);
  let chain: Promise<void> = Promise.resolve();
  socket.on("data", (chunk: Buffer) => {
    input = Buffer.concat([input, chunk]);
    for (;;) {
      const lf = input.indexOf(0x0a);
      if (lf < 0) break;
      let line = input.subarray(0, lf);
      input = input.subarray(lf + 1);
      if (line[line.length - 1] === 0x0d) line = line.subarray(0, -1);
      const text = line.toString("latin1");
      chain = chain.then(() => handleMessage(served, socket, text));
    }
    if (input.length > maxInput) {
      served.instrument.status.push(-363);
      input = Buffer.alloc(0);
    }
  });
  socket.on("error", () => {});
}

// Run one program message with the faults that match it, and write its reply (if any).
async function handleMessage(served: Served, socket: Socket, message: string): Promise<void> {
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
  if (slow) await new Promise((r) => setTimeout(r, slow.delayMs ?? 1000));
  if (socket.destroyed || has("stall")) return;
  const drip = has("drip");
  if (drip) return dripBytes(socket, drip.delayMs ?? 200);
  if (has("garbage")) {
    socket.write(garbage);
    return;
  }
  const bytes = Buffer.from(
    `${rewriteReply(reply, has("overrange"), has("short-list"))}\n`,
    "latin1",
  );
  const flood = has("flood");
  if (flood) return floodBytes(socket, bytes, flood.bytes ?? 64 * 1024 * 1024);
  if (has("partial")) {
    socket.write(bytes.subarray(0, Math.max(1, Math.floor((bytes.length - 1) / 2))));
    return;
  }
  socket.write(bytes);
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
