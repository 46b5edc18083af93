// Open every instrument of a station, ask *IDN?, choose its driver, and report every problem
// (unreachable, identity mismatch, unknown driver) together, before anything is switched on.

import type { Instrument } from "../generated/station.js";
import { isXpoError, XpoError } from "../model/errors.js";
import { type OptionalRole, type RequiredRole, ROLES, type Role } from "../model/roles.js";
import { formatErrorEntry, openSession, type ScpiSession } from "../scpi/index.js";
import { resolveFrom, type Station } from "../station/load-station.js";
import type { AccuracyTable, DriverProtocol, RoleDriver } from "./driver.js";
import { loadDriverPlugins } from "./plugins.js";
import { chooseDriver, type DriverFor, driverRegistry } from "./registry.js";

/** The drivers of one station, by role (model/roles.ts): required roles always, optional ones
 * when the station has them; each typed by the drivers registered for its role. */
export type Instruments = { [R in RequiredRole]: DriverFor<R> } & {
  [R in OptionalRole]?: DriverFor<R>;
} & {
  /** Entries already in an instrument's error queue when it was opened, one per instrument
   * that held any: not errors of this run, recorded as warnings. */
  staleErrors?: StaleInstrumentErrors[];
};

/** What one instrument's error queue held when the run opened it (read, then cleared). */
export interface StaleInstrumentErrors {
  role: Role;
  instrument: string;
  /** `-113,"Undefined header;FOO"`, oldest first. */
  entries: string[];
  /** More were queued than were read; the rest were cleared with *CLS. */
  truncated: boolean;
  /** One line for the run record. */
  message: string;
}

/** One opened driver and what its instrument's queue held before it was identified. */
export interface Opened {
  driver: RoleDriver;
  stale: StaleInstrumentErrors | undefined;
}

// One error standing for the problems found before power-on; each names its role and instrument.
function preflightProblems(problems: XpoError[]): XpoError {
  const first = problems[0];
  return new XpoError(
    first?.code ?? "XPO_STATION_INVALID",
    `${problems.length} instrument problem(s) before power-on: ${problems.map((p) => `${p.location.instrument ?? ""}: ${p.message}`).join("; ")}`,
    { remedy: first?.remedy ?? "Check the station file.", problems },
  );
}

// Every driver opened, for closing.
export function listOpen(instruments: Partial<Instruments>): RoleDriver[] {
  return ROLES.map((role) => instruments[role]).filter(
    (d): d is NonNullable<typeof d> => d !== undefined,
  );
}

// Read and clear what the instrument's error queue already holds, before *IDN? is blamed for it.
async function readStale(
  session: ScpiSession,
  role: Role,
  name: string,
): Promise<StaleInstrumentErrors | undefined> {
  const stale = await session.readStaleErrors();
  if (stale.entries.length === 0) return undefined;
  const entries = stale.entries.map(formatErrorEntry);
  const more = stale.truncated ? " (and more, cleared with *CLS)" : "";
  return {
    role,
    instrument: name,
    entries,
    truncated: stale.truncated,
    message: `the ${role} held ${entries.length} stale error(s) from before this run, cleared: ${entries.join("; ")}${more}`,
  };
}

// The protocol of the driver the station names, when it is a vendor ASCII dialect.
function namedProtocol(role: Role, name: string): DriverProtocol | undefined {
  const entry = driverRegistry[role];
  return [entry.generic, ...entry.dialects].find((d) => d.driverName === name)?.protocol;
}

// Open the session the way the named driver's instrument talks: SCPI, or its vendor dialect
// (terminators, no SYST:ERR?, its serial defaults under the station's).
function openFor(station: Station, name: string, config: Instrument, protocol?: DriverProtocol) {
  const serial = { ...protocol?.serial, ...config.serial };
  return openSession(config.resource, {
    name,
    timeoutMs: config.timeoutMs ?? 2000,
    connectTimeoutMs: config.connectTimeoutMs ?? 2000,
    reconnect: { attempts: 1, delayMs: 100 },
    ...(protocol ? { line: protocol.line, errorCheck: "off" as const } : {}),
    ...(config.errorCheck && !protocol ? { errorCheck: config.errorCheck } : {}),
    ...(Object.keys(serial).length > 0 ? { serial } : {}),
    ...(config.record ? { record: resolveFrom(station.dir, config.record) } : {}),
  });
}

// Open one instrument of a station, identify it and choose its driver (stale SCPI errors read
// first). Exported for tests that drive one simulated dialect.
export async function openDriver(
  station: Station,
  role: Role,
  config: Instrument,
): Promise<Opened> {
  const name = `${role} ${config.resource}`;
  const protocol = namedProtocol(role, config.driver);
  let session: ScpiSession | undefined;
  try {
    session = await openFor(station, name, config, protocol);
    const stale = protocol ? undefined : await readStale(session, role, name);
    const query = protocol ? "identity query" : "*IDN?";
    const identity = (
      protocol ? await protocol.identify(session, config) : await session.query("*IDN?")
    ).trim();
    if (
      config.identity !== undefined &&
      !identity.toLowerCase().includes(config.identity.toLowerCase())
    )
      throw new XpoError(
        "XPO_IDENTITY_MISMATCH",
        `the ${role} answered ${query} "${identity}", which does not contain "${config.identity}"`,
        { instrument: name, command: query, file: station.file },
      );
    const choice = chooseDriver(role, config.driver, identity);
    if (!choice.ok)
      throw new XpoError(
        choice.reason === "identity-mismatch" ? "XPO_IDENTITY_MISMATCH" : "XPO_STATION_INVALID",
        choice.message,
        { instrument: name, command: query, file: station.file },
      );
    const accuracy: AccuracyTable = { ...choice.driver.accuracy, ...(config.accuracy ?? {}) };
    const driver = new choice.driver(session, config.resource, identity, accuracy);
    driver.applyStation(config);
    return { driver, stale };
  } catch (error) {
    await session?.close().catch(() => {});
    if (isXpoError(error)) {
      // Name the role as well as the address: "ber TCPIP0::...".
      (error.location as { instrument?: string }).instrument = name;
      throw error;
    }
    throw new XpoError("XPO_CONNECT_FAILED", String((error as Error).message ?? error), {
      instrument: name,
      cause: error,
    });
  }
}

// Open and identify all instruments of the station; throws one error listing them all. Stale
// error-queue entries found at open come back in `staleErrors`.
export async function openInstruments(station: Station): Promise<Instruments> {
  await loadDriverPlugins(station);
  const configs = station.config.instruments as Partial<Record<Role, Instrument>>;
  const roles = ROLES.filter((role) => configs[role] !== undefined);
  const results = await Promise.allSettled(
    roles.map((role) => openDriver(station, role, configs[role] as Instrument)),
  );
  const opened: Partial<Record<Role, RoleDriver>> = {};
  const stale: StaleInstrumentErrors[] = [];
  const problems: XpoError[] = [];
  results.forEach((result, index) => {
    const role = roles[index] as Role;
    if (result.status === "fulfilled") {
      opened[role] = result.value.driver;
      if (result.value.stale) stale.push(result.value.stale);
    } else
      problems.push(
        isXpoError(result.reason)
          ? result.reason
          : new XpoError("XPO_CONNECT_FAILED", String(result.reason), { instrument: role }),
      );
  });
  if (problems.length > 0) {
    await Promise.all(Object.values(opened).map((d) => d.close().catch(() => {})));
    throw preflightProblems(problems);
  }
  const instruments = opened as unknown as Instruments;
  try {
    // Independent instruments: prepared in parallel (each session keeps its own order).
    await Promise.all(listOpen(instruments).map((driver) => driver.prepare()));
  } catch (error) {
    await Promise.all(listOpen(instruments).map((d) => d.close().catch(() => {})));
    throw error;
  }
  return stale.length > 0 ? { ...instruments, staleErrors: stale } : instruments;
}
