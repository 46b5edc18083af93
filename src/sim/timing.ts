// How fast a simulated instrument answers: a reply latency (fixed plus jitter) with per-command
// latencies on top (a BER readout is slower than *IDN?), and, on the serial path, bytes paced at
// the configured baud rate (10 bit times per byte: start, 8 data, stop).
import { XpoError } from "../model/errors.js";
import { ROLES, type Role } from "../model/roles.js";

/** One instrument's timing, from `instruments.<role>.latency` in the config or `--latency`. */
export interface LatencyConfig {
  /** Added to every reply, real ms (default 0). */
  fixedMs?: number;
  /** Plus a uniform random 0..jitterMs, real ms (default 0). */
  jitterMs?: number;
  /** Extra ms for messages containing the key (case-insensitive), e.g. {"FETC:BER:ALL?": 40}. */
  commands?: Record<string, number>;
}

// How long to hold the reply to `message` (real ms; 0 for an instrument with no latency set).
export function chooseDelayMs(latency: LatencyConfig | undefined, message: string): number {
  if (latency === undefined) return 0;
  let ms = (latency.fixedMs ?? 0) + Math.random() * (latency.jitterMs ?? 0);
  const upper = message.toUpperCase();
  for (const [match, extra] of Object.entries(latency.commands ?? {}))
    if (upper.includes(match.toUpperCase())) ms += extra;
  return ms;
}

const latencyUsage =
  "Write --latency <role>=<ms>[+<jitter ms>] or --latency <role>:<command>=<ms>, e.g. ber=2+1 or ber:FETC:BER:ALL?=40.";

// Parse `--latency` specs into per-role latency configs (merged over the config file's).
export function parseLatency(specs: string[]): Partial<Record<Role, LatencyConfig>> {
  const out: Partial<Record<Role, LatencyConfig>> = {};
  for (const spec of specs) {
    const m = /^([a-z]+)(?::(.+))?=(\d+(?:\.\d+)?)(?:\+(\d+(?:\.\d+)?))?$/.exec(spec);
    const role = m?.[1] as Role | undefined;
    if (m === null || role === undefined || !ROLES.includes(role) || (m[2] && m[4]))
      throw new XpoError("XPO_USAGE", `--latency "${spec}" is not a latency`, {
        remedy: latencyUsage,
      });
    const entry = out[role] ?? {};
    out[role] = entry;
    if (m[2] !== undefined) entry.commands = { ...entry.commands, [m[2]]: Number(m[3]) };
    else {
      entry.fixedMs = Number(m[3]);
      entry.jitterMs = Number(m[4] ?? 0);
    }
  }
  return out;
}

/** A line that carries bytes at `baudRate` in one direction: when each message is through. */
export class PacedLine {
  private freeAt = 0;
  constructor(readonly baudRate: number) {}

  // The real-time ms from now until `bytes` bytes sent after what is already on the line are through.
  reserve(bytes: number): number {
    const now = performance.now();
    this.freeAt = Math.max(this.freeAt, now) + (bytes * 10 * 1000) / this.baudRate;
    return this.freeAt - now;
  }
}
