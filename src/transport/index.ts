// Open the right transport for a resource string, optionally recording it.
import { createRecordingTransport } from "./record.js";
import { createReplayTransport } from "./replay.js";
import { parseResource, type Resource, type SerialSettings } from "./resource.js";
import { createSerialTransport } from "./serial.js";
import { createTcpTransport } from "./tcp.js";
import type { ReconnectPolicy, Transport } from "./types.js";

export * from "./record.js";
export * from "./replay.js";
export * from "./resource.js";
export * from "./serial.js";
export * from "./tcp.js";
export * from "./transcript.js";
export type * from "./types.js";

export interface TransportOptions {
  connectTimeoutMs?: number;
  reconnect?: ReconnectPolicy;
  serial?: Partial<SerialSettings>;
  /** Record every exchange to this JSONL transcript. */
  record?: string;
}

// Build (not open) the transport a resource string names.
export function createTransport(
  resource: string | Resource,
  options: TransportOptions = {},
): Transport {
  const parsed = typeof resource === "string" ? parseResource(resource, options.serial) : resource;
  let transport: Transport;
  if (parsed.kind === "tcp") {
    transport = createTcpTransport({
      host: parsed.host,
      port: parsed.port,
      description: parsed.text,
      ...(options.connectTimeoutMs === undefined
        ? {}
        : { connectTimeoutMs: options.connectTimeoutMs }),
      ...(options.reconnect === undefined ? {} : { reconnect: options.reconnect }),
    });
  } else if (parsed.kind === "serial") {
    transport = createSerialTransport({
      path: parsed.path,
      serial: parsed.serial,
      description: parsed.text,
    });
  } else {
    transport = createReplayTransport(parsed.file, parsed.text);
  }
  return options.record === undefined
    ? transport
    : createRecordingTransport(transport, options.record);
}
