// Fault injection, scoped per instrument role, switchable at run time.
import { XpoError } from "../model/errors.js";
import { ROLES, type Role } from "../model/roles.js";

export const faultKinds = [
  "drop", // close the connection when a matching message arrives
  "stall", // run the command but never send its reply
  "garbage", // reply with non-SCPI bytes (terminated)
  "partial", // send the first half of the reply with no terminator
  "error", // run the command, then add an entry to the error queue
  "slow", // delay the reply by delayMs
  "flow-loss", // coolant flow falls to zero (module side)
  "lane-fail", // one lane loses signal: BER high, optical power low (module side)
  "overrange", // reply `reply` (default 9.9E37, SCPI overrange) instead of the first reply unit
  "short-list", // keep only the first `keep` values (default 1) of a list reply
  "flood", // after the reply, send `bytes` (default 64 MiB) with no terminator
  "drip", // send one unterminated byte every delayMs (default 200) until the connection closes
  "protection-trip", // the supply's protection trips (`message`: ovp, ocp or otp; supply side)
] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultSpec {
  kind: FaultKind;
  role: Role;
  /** Case-insensitive text the message must contain (default: any query for reply faults, any message otherwise). */
  match?: string;
  /** Fire at most this many times (default: until removed). */
  count?: number;
  /** slow: reply delay in real milliseconds (default 1000). */
  delayMs?: number;
  /** error: SCPI code and message to queue (default -300 "Device specific error"). */
  code?: number;
  message?: string;
  /** lane-fail: lane number 1..64 (default 1). */
  lane?: number;
  /** overrange: the reply text (default 9.9E37; NAN, INF, -9.9E37 ...). */
  reply?: string;
  /** short-list: how many values of a list reply to keep (default 1). */
  keep?: number;
  /** flood: how many bytes to send (default 64 MiB). */
  bytes?: number;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  fired: number;
}

const replyKinds = new Set<FaultKind>([
  "stall",
  "garbage",
  "partial",
  "slow",
  "overrange",
  "short-list",
  "flood",
  "drip",
]);
/** Faults of the bench itself (not of messages): active until removed. */
const standingKinds = new Set<FaultKind>(["flow-loss", "lane-fail", "protection-trip"]);

// Parse `kind@role[,key=value...]`, e.g. `stall@supply,match=MEAS:VOLT?,count=1`.
export function parseFault(text: string): FaultSpec {
  const [head = "", ...pairs] = text.split(",");
  const [kind, role] = head.split("@");
  const usage = `Write --fault <kind>@<role>[,match=TEXT][,count=N][,delay=MS][,code=N][,message=TEXT][,lane=N][,reply=TEXT][,keep=N][,bytes=N]; kinds: ${faultKinds.join(", ")}`;
  const spec: Partial<FaultSpec> = {};
  if (!faultKinds.includes(kind as FaultKind))
    throw new XpoError("XPO_USAGE", `fault "${text}": unknown kind "${kind}"`, { remedy: usage });
  spec.kind = kind as FaultKind;
  spec.role = (role ?? "") as Role;
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (eq < 0)
      throw new XpoError("XPO_USAGE", `fault "${text}": "${pair}" is not key=value`, {
        remedy: usage,
      });
    if (key === "match" || key === "message" || key === "reply") spec[key] = value;
    else if (
      key === "count" ||
      key === "lane" ||
      key === "code" ||
      key === "keep" ||
      key === "bytes"
    )
      spec[key] = Number(value);
    else if (key === "delay") spec.delayMs = Number(value);
    else
      throw new XpoError("XPO_USAGE", `fault "${text}": unknown key "${key}"`, { remedy: usage });
  }
  return checkFault(spec as FaultSpec, usage);
}

// Validate a fault spec (from a flag, a config file or a test).
export function checkFault(spec: FaultSpec, usage = "See docs/simulator.md#faults."): FaultSpec {
  if (!faultKinds.includes(spec.kind))
    throw new XpoError("XPO_USAGE", `fault kind "${spec.kind}" is unknown`, { remedy: usage });
  if (!(ROLES as readonly string[]).includes(spec.role))
    throw new XpoError("XPO_USAGE", `fault role "${spec.role}" is not one of ${ROLES.join(", ")}`, {
      remedy: usage,
    });
  for (const key of ["count", "delayMs", "code", "lane", "keep", "bytes"] as const) {
    const v = spec[key];
    if (v !== undefined && !Number.isFinite(v))
      throw new XpoError("XPO_USAGE", `fault ${key} "${v}" is not a number`, { remedy: usage });
  }
  return spec;
}

/** The live set of faults of one bench. */
export class FaultSet {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  private listeners: (() => void)[] = [];

  // Add a fault; returns its id (pass to remove()).
  add(spec: FaultSpec): number {
    const fault = { ...checkFault(spec), id: this.nextId++, fired: 0 };
    this.faults.push(fault);
    this.changed();
    return fault.id;
  }

  remove(id: number): void {
    this.faults = this.faults.filter((f) => f.id !== id);
    this.changed();
  }

  // Remove every fault, or those of one role.
  clear(role?: Role): void {
    this.faults = role === undefined ? [] : this.faults.filter((f) => f.role !== role);
    this.changed();
  }

  list(): readonly ActiveFault[] {
    return this.faults;
  }

  // Whether a standing (module-side) fault is active, e.g. flow-loss or lane-fail.
  active(kind: FaultKind): ActiveFault[] {
    return this.faults.filter((f) => f.kind === kind);
  }

  // The message faults of `role` matching `message`; consumes one firing of each.
  take(role: Role, message: string): ActiveFault[] {
    const upper = message.toUpperCase();
    const hits: ActiveFault[] = [];
    for (const f of this.faults) {
      if (f.role !== role || standingKinds.has(f.kind)) continue;
      const matches =
        f.match !== undefined
          ? upper.includes(f.match.toUpperCase())
          : replyKinds.has(f.kind)
            ? upper.includes("?")
            : true;
      if (!matches) continue;
      f.fired++;
      hits.push(f);
    }
    const spent = this.faults.filter((f) => f.count !== undefined && f.fired >= f.count);
    if (spent.length > 0) {
      this.faults = this.faults.filter((f) => !spent.includes(f));
      this.changed();
    }
    return hits;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
