// Raw SCPI socket (port 5025 style): no Nagle, one write per message, connect timeout, retries.
import { Socket } from "node:net";
import { XpoError } from "../model/errors.js";
import type { CloseListener, DataListener, ReconnectPolicy, Transport } from "./types.js";

export interface TcpTransportOptions {
  host: string;
  port: number;
  /** Connect timeout per attempt, ms. */
  connectTimeoutMs?: number;
  /** Retries when connecting (also used when re-opening after a drop). */
  reconnect?: ReconnectPolicy;
  description?: string;
}

// Create a TCP transport; nothing connects until open().
export function createTcpTransport(options: TcpTransportOptions): Transport {
  const description = options.description ?? `TCPIP0::${options.host}::${options.port}::SOCKET`;
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const policy = options.reconnect ?? { attempts: 1, delayMs: 200 };
  let socket: Socket | undefined;
  let onData: DataListener = () => {};
  let onClose: CloseListener = () => {};

  const transport: Transport = {
    description,
    get isOpen() {
      return socket !== undefined && !socket.destroyed;
    },
    async open() {
      if (transport.isOpen) return;
      const attempts = Math.max(1, policy.attempts);
      let lastError: unknown;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const s = await connectOnce(options.host, options.port, connectTimeoutMs);
          s.setNoDelay(true);
          s.on("data", (chunk: Buffer) => onData(chunk));
          let closeError: Error | undefined;
          s.on("error", (error) => {
            closeError = error;
          });
          s.on("close", () => {
            if (socket === s) socket = undefined;
            onClose(closeError ?? new Error("connection closed by the instrument"));
          });
          socket = s;
          return;
        } catch (error) {
          lastError = error;
          if (attempt < attempts) await new Promise((r) => setTimeout(r, policy.delayMs));
        }
      }
      const why = lastError instanceof Error ? lastError.message : String(lastError);
      throw new XpoError(
        "XPO_CONNECT_FAILED",
        `cannot connect to ${options.host}:${options.port} (${why}) after ${attempts} attempt(s)`,
        { instrument: description, cause: lastError },
      );
    },
    write(data) {
      const s = socket;
      if (s === undefined || s.destroyed)
        return Promise.reject(
          new XpoError("XPO_INSTRUMENT_DISCONNECTED", "the connection is closed", {
            instrument: description,
          }),
        );
      return new Promise((resolve, reject) => {
        s.write(data, (error) => (error ? reject(error) : resolve()));
      });
    },
    writeText(text) {
      const s = socket;
      if (s === undefined || s.destroyed)
        throw new XpoError("XPO_INSTRUMENT_DISCONNECTED", "the connection is closed", {
          instrument: description,
        });
      // No callback: a failed write emits "error" then "close", which reaches onClose.
      s.write(text, "latin1");
    },
    onData(listener) {
      onData = listener;
    },
    onClose(listener) {
      onClose = listener;
    },
    async close() {
      const s = socket;
      socket = undefined;
      if (s !== undefined && !s.destroyed) await endSocket(s);
    },
  };
  return transport;
}

// One connection attempt that gives up after `timeoutMs`.
function connectOnce(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = new Socket();
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    s.once("error", (error) => {
      clearTimeout(timer);
      s.destroy();
      reject(error);
    });
    s.connect(port, host, () => {
      clearTimeout(timer);
      s.removeAllListeners("error");
      resolve(s);
    });
  });
}

// End the socket politely, destroying it if the peer does not close within 200 ms.
function endSocket(s: Socket): Promise<void> {
  return new Promise<void>((resolve) => {
    s.once("close", () => resolve());
    s.end();
    setTimeout(() => {
      s.destroy();
    }, 200).unref();
  });
}
