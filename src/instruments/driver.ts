// What every role driver shares: its session, the identity it answered, and the accuracy it
// states per quantity (the guard band of `marginal` comes from it).

import type { Role } from "../model/roles.js";
import type { ScpiSession } from "../scpi/index.js";

/** Quantities a driver measures, each with its stated accuracy. */
export type Quantity =
  | "voltage"
  | "current"
  | "power"
  | "temperature"
  | "flow"
  | "opticalPower"
  | "ber";

/** +/- (relative x |reading| + absolute), in the reading's unit. */
export interface Accuracy {
  relative: number;
  absolute: number;
}

export type AccuracyTable = Partial<Record<Quantity, Accuracy>>;

// The uncertainty of one reading from an accuracy statement.
export function getGuard(accuracy: Accuracy | undefined, reading: number): number {
  if (accuracy === undefined || !Number.isFinite(reading)) return 0;
  return accuracy.relative * Math.abs(reading) + accuracy.absolute;
}

// Format a number for a SCPI argument (NR2/NR3, no locale, no trailing noise).
export function formatArg(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot send ${value} to an instrument`);
  return String(Number(value.toPrecision(9)));
}

/** Base of every driver: one instrument in one role. */
export abstract class RoleDriver {
  abstract readonly role: Role;
  readonly session: ScpiSession;
  readonly resource: string;
  /** The *IDN? reply, as received. */
  readonly identity: string;
  readonly accuracy: AccuracyTable;

  constructor(session: ScpiSession, resource: string, identity: string, accuracy: AccuracyTable) {
    this.session = session;
    this.resource = resource;
    this.identity = identity;
    this.accuracy = accuracy;
  }

  /** The driver's name as a station file writes it. */
  abstract get driverName(): string;

  // Put the instrument in a known state before use (clear status, remote mode).
  async prepare(): Promise<void> {
    await this.session.clear();
  }

  // Where a reading came from, for a verdict's evidence.
  describe(): string {
    return `${this.role} ${this.resource}`;
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}
