// What every role driver shares: its session, the identity it answered, the accuracy it
// states per quantity (the guard band of `marginal` comes from it), and readings that name the
// command(s) that made them (a verdict's evidence).

import type { Instrument } from "../generated/station.js";
import { XpoError } from "../model/errors.js";
import type { Role } from "../model/roles.js";
import { roundSignificant } from "../model/round.js";
import type { LineRules, ScpiSession } from "../scpi/index.js";
import type { SerialSettings } from "../transport/index.js";

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

/** The span an instrument can physically measure a quantity over (its full scale), in its unit. */
export interface MeasuringRange {
  min: number;
  max: number;
}

export type RangeTable = Partial<Record<Quantity, MeasuringRange>>;

/** A measured value and the SCPI command(s) that really produced it ("A?; B?" for several). */
export interface Reading<T = number> {
  value: T;
  command: string;
}

// The uncertainty of one reading from an accuracy statement.
export function getGuard(accuracy: Accuracy | undefined, reading: number): number {
  if (accuracy === undefined || !Number.isFinite(reading)) return 0;
  return accuracy.relative * Math.abs(reading) + accuracy.absolute;
}

/** Digits sent in a SCPI numeric argument: more than any setpoint resolution, no binary noise. */
const ARGUMENT_DIGITS = 9;

// Say what a non-finite reading means (SCPI 9.9E37 is overrange, 9.91E37 not a number).
function describeNonFinite(value: number): string {
  if (Number.isNaN(value)) return "NaN (SCPI 9.91E37: not a number)";
  return value > 0 ? "+overrange (SCPI +9.9E37 or INF)" : "-overrange (SCPI -9.9E37 or -INF)";
}

// Why a reading cannot be used: not finite (the instrument cannot see), or outside the
// instrument's measuring range by more than its accuracy; undefined for a usable reading.
export function findInvalidReading(
  value: number,
  range: MeasuringRange | undefined,
  accuracy: Accuracy | undefined,
): string | undefined {
  if (!Number.isFinite(value))
    return `the instrument returned ${describeNonFinite(value)}: it cannot see`;
  if (range === undefined) return undefined;
  const guard = getGuard(accuracy, value);
  if (value < range.min - guard || value > range.max + guard)
    return `${roundSignificant(value, 6)} is outside the instrument's range ${range.min} to ${range.max}`;
  return undefined;
}

// Format a number for a SCPI argument (NR2/NR3, no locale, no trailing noise).
export function formatArg(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot send ${value} to an instrument`);
  return String(roundSignificant(value, ARGUMENT_DIGITS));
}

/** How to talk to an instrument that is not plain SCPI (a vendor ASCII dialect): its line rules,
 * its serial defaults, and how it says who it is. Such a driver is named in the station file
 * (there is no *IDN? to choose it by); its session has no SCPI error queue. */
export interface DriverProtocol {
  line: LineRules;
  /** Serial settings the instrument needs (the station's `serial` overrides each). */
  serial?: Partial<SerialSettings>;
  /** Ask the instrument who it is (the reply is matched against `identityPatterns`). */
  identify(session: ScpiSession, config: Instrument): Promise<string>;
}

/** A driver class as the registry sees it: what it drives, for which *IDN? replies. */
export interface DriverClass {
  /** The name a station file writes in `driver:`. */
  readonly driverName: string;
  readonly role: Role;
  readonly accuracy: AccuracyTable;
  /** What the instrument can measure, per quantity (its published full scale). */
  readonly range: RangeTable;
  /** *IDN? replies this driver serves; none: the role's generic driver (any identity). */
  readonly identityPatterns: readonly RegExp[];
  /** A vendor ASCII dialect's protocol; absent: SCPI (LF, *IDN?, SYST:ERR?). */
  readonly protocol?: DriverProtocol;
  new (
    session: ScpiSession,
    resource: string,
    identity: string,
    accuracy: AccuracyTable,
  ): RoleDriver;
}

/** Base of every driver: one instrument in one role. */
export abstract class RoleDriver {
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

  /** The role, as the driver class declares it. */
  get role(): Role {
    return (this.constructor as DriverClass).role;
  }

  /** The measuring range per quantity, as the driver class states it. */
  get range(): RangeTable {
    return (this.constructor as DriverClass).range;
  }

  /** The driver's name as a station file writes it. */
  get driverName(): string {
    return (this.constructor as DriverClass).driverName;
  }

  // Take the station's per-instrument settings a dialect needs (a channel, an address).
  applyStation(_config: Instrument): void {}

  // The error for a quantity this instrument cannot give (its dialect has no command for it).
  protected unsupported(what: string): XpoError {
    return new XpoError("XPO_INSTRUMENT_ERROR", what, { instrument: this.session.name });
  }

  // Put the instrument in a known state before use (clear status, remote mode).
  async prepare(): Promise<void> {
    await this.session.clear();
  }

  // Where a reading came from, for a verdict's evidence.
  describe(): string {
    return `${this.role} ${this.resource}`;
  }

  // Query one number and keep the command with it.
  protected async read(command: string): Promise<Reading> {
    return { value: await this.session.queryNumber(command), command };
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}
