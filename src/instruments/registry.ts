// Driver names a station file may use, per role, and the choice of a vendor dialect by *IDN?.

import type { Role } from "../model/roles.js";
import type { ScpiSession } from "../scpi/index.js";
import {
  ScpiBerChecker,
  ScpiCoolant,
  ScpiOpticalMeter,
  ScpiPowerMeter,
  ScpiThermalLogger,
} from "./bench-drivers.js";
import type { AccuracyTable, RoleDriver } from "./driver.js";
import { Chroma62000PSupply, KeysightN5700Supply, ScpiSupply } from "./supply.js";

/** A driver class as the registry sees it. */
export interface DriverClass {
  readonly driverName: string;
  readonly accuracy: AccuracyTable;
  /** Dialects only: whether a *IDN? reply is theirs. Generic drivers accept any identity. */
  matches?: (identity: string) => boolean;
  new (
    session: ScpiSession,
    resource: string,
    identity: string,
    accuracy: AccuracyTable,
  ): RoleDriver;
}

interface RoleEntry {
  generic: DriverClass;
  dialects: DriverClass[];
}

export const driverRegistry: Record<Role, RoleEntry> = {
  supply: { generic: ScpiSupply, dialects: [Chroma62000PSupply, KeysightN5700Supply] },
  powermeter: { generic: ScpiPowerMeter, dialects: [] },
  coolant: { generic: ScpiCoolant, dialects: [] },
  thermal: { generic: ScpiThermalLogger, dialects: [] },
  optical: { generic: ScpiOpticalMeter, dialects: [] },
  ber: { generic: ScpiBerChecker, dialects: [] },
};

// Every driver name of a role (generic first).
export function listDrivers(role: Role): string[] {
  const entry = driverRegistry[role];
  return [entry.generic, ...entry.dialects].map((d) => d.driverName);
}

// Find the role a driver name belongs to, if any.
export function findDriverRole(name: string): Role | undefined {
  for (const [role, entry] of Object.entries(driverRegistry))
    if ([entry.generic, ...entry.dialects].some((d) => d.driverName === name)) return role as Role;
  return undefined;
}

export type DriverChoice =
  | { ok: true; driver: DriverClass }
  | { ok: false; reason: "unknown-driver" | "wrong-role" | "identity-mismatch"; message: string };

// Choose the driver class for `name` in `role` given the instrument's *IDN? reply: a generic
// name picks the matching dialect when there is one; a dialect name must match the identity.
export function chooseDriver(role: Role, name: string, identity: string): DriverChoice {
  const entry = driverRegistry[role];
  const all = [entry.generic, ...entry.dialects];
  const named = all.find((d) => d.driverName === name);
  if (named === undefined) {
    const owner = findDriverRole(name);
    if (owner !== undefined)
      return {
        ok: false,
        reason: "wrong-role",
        message: `driver "${name}" drives a ${owner}, not a ${role} (${role} drivers: ${listDrivers(role).join(", ")})`,
      };
    return {
      ok: false,
      reason: "unknown-driver",
      message: `unknown ${role} driver "${name}" (known: ${listDrivers(role).join(", ")})`,
    };
  }
  if (named === entry.generic) {
    const dialect = entry.dialects.find((d) => d.matches?.(identity) === true);
    return { ok: true, driver: dialect ?? entry.generic };
  }
  if (named.matches?.(identity) !== true)
    return {
      ok: false,
      reason: "identity-mismatch",
      message: `the ${role} answered *IDN? "${identity}", which is not a ${name}`,
    };
  return { ok: true, driver: named };
}
