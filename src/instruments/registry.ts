// The driver registry: every driver of ./drivers/index.ts, grouped by the role it declares,
// and the choice of a vendor dialect by *IDN?. The typed `Instruments` of a run is derived
// (open-instruments.ts) from the same list, so a new driver needs its file and one line in drivers/index.ts.

import { ROLES, type Role } from "../model/roles.js";
import type { DriverClass } from "./driver.js";
import * as drivers from "./drivers/index.js";

type AnyDriver = (typeof drivers)[keyof typeof drivers];
/** The driver type of a role: its generic driver or any of its dialects. */
export type DriverFor<R extends Role> = InstanceType<Extract<AnyDriver, { readonly role: R }>>;

interface RoleEntry {
  /** The driver for any identity of the role (no identity patterns). */
  generic: DriverClass;
  /** Drivers chosen by *IDN?, in the order of drivers/index.ts. */
  dialects: DriverClass[];
}

// A dialect serves an identity when one of its patterns matches the *IDN? reply.
function servesIdentity(driver: DriverClass, identity: string): boolean {
  return driver.identityPatterns.some((pattern) => pattern.test(identity));
}

// Group the listed drivers by role; each role needs exactly one generic driver.
function groupByRole(list: readonly DriverClass[]): Record<Role, RoleEntry> {
  const entries = {} as Record<Role, RoleEntry>;
  for (const role of ROLES) {
    const mine = list.filter((d) => d.role === role);
    const generic = mine.filter((d) => d.identityPatterns.length === 0);
    if (generic.length !== 1 || generic[0] === undefined)
      // A mistake in drivers/index.ts, not in a user's input (registry.test.ts pins it).
      throw new Error(
        `role ${role} has ${generic.length} generic drivers (drivers without identity patterns); it needs exactly one`,
      );
    entries[role] = { generic: generic[0], dialects: mine.filter((d) => d !== generic[0]) };
  }
  return entries;
}

/** Every driver, by role (the built-in ones, then plug-ins as they register). */
export const driverRegistry: Record<Role, RoleEntry> = groupByRole(
  Object.values(drivers) as DriverClass[],
);

/** Where each plug-in driver came from (its file or package), by driver name. */
export const pluginSources = new Map<string, string>();

// Add a plug-in driver (a lab's own instrument) to its role; a problem is a message, not a throw.
export function registerDriver(driver: DriverClass, source: string): string | undefined {
  if (!ROLES.includes(driver.role))
    return `its role "${String(driver.role)}" is not one of ${ROLES.join(", ")}`;
  if (typeof driver.driverName !== "string" || driver.driverName === "")
    return "it declares no driverName";
  if (pluginSources.get(driver.driverName) === source) return undefined; // loaded before
  if (findDriverRole(driver.driverName) !== undefined)
    return `driver name "${driver.driverName}" is taken (${pluginSources.get(driver.driverName) ?? "a built-in driver"})`;
  if (!Array.isArray(driver.identityPatterns) || driver.identityPatterns.length === 0)
    return "it declares no identityPatterns (each role has one generic driver already)";
  driverRegistry[driver.role].dialects.push(driver);
  pluginSources.set(driver.driverName, source);
  return undefined;
}

// Every driver name of a role (generic first).
export function listDrivers(role: Role): string[] {
  const entry = driverRegistry[role];
  return [entry.generic, ...entry.dialects].map((d) => d.driverName);
}

// Find the role a driver name belongs to, if any.
export function findDriverRole(name: string): Role | undefined {
  return ROLES.find((role) => listDrivers(role).includes(name));
}

export type DriverChoice =
  | { ok: true; driver: DriverClass }
  | { ok: false; reason: "unknown-driver" | "wrong-role" | "identity-mismatch"; message: string };

// Choose the driver class for `name` in `role` given the instrument's *IDN? reply: a generic
// name picks the matching dialect when there is one; a dialect name must match the identity.
export function chooseDriver(role: Role, name: string, identity: string): DriverChoice {
  const entry = driverRegistry[role];
  const named = [entry.generic, ...entry.dialects].find((d) => d.driverName === name);
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
    const dialect = entry.dialects.find((d) => servesIdentity(d, identity));
    return { ok: true, driver: dialect ?? entry.generic };
  }
  if (!servesIdentity(named, identity))
    return {
      ok: false,
      reason: "identity-mismatch",
      message: `the ${role} answered *IDN? "${identity}", which is not a ${name}`,
    };
  return { ok: true, driver: named };
}
