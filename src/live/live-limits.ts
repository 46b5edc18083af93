// Live runs check readings with the same limits as datasheets. This module reads the test
// conditions from limit bounds (never a number written here), builds the extra limits a DUT's
// own datasheet declares, and states the decision rule for readings.

import { readDatasheetText } from "../datasheet/read-datasheet.js";
import { describeBound } from "../model/bound.js";
import { XpoError } from "../model/errors.js";
import type { Bound, LimitInfo } from "../model/limit.js";
import { compileOnUse } from "../profile/ajv.js";
import type { CompiledLimit, Profile } from "../profile/load-profile.js";
import { displayPath } from "../station/load-station.js";
import { type PositionedDocument, parsePositioned } from "../util/positioned-source.js";

export const LIVE_DECISION_RULE =
  "Live readings: guarded acceptance. A reading passes when it is inside the limit by more than the measuring instrument's stated accuracy at that reading (guard = relative x |reading| + absolute, from the driver or the station file); inside the limit but within that guard it is marginal; outside the limit it fails. A reading the instrument could not make (no signal, error, timeout) is an error, never a pass.";

/** Limits a live run adds only when the DUT's datasheet declares the value (else not judged). */
export const DECLARED_LIMIT_IDS = [
  "DECL-PWR-MAX",
  "DECL-CASE-MAX",
  "DECL-PWR-LOWPWR",
  "DECL-PWR-READY",
] as const;

// Whether a limit id is one the DUT's datasheet may or may not declare.
export function isDeclaredLimitId(id: string): boolean {
  return (DECLARED_LIMIT_IDS as readonly string[]).includes(id);
}

// Find a limit of the profile by id; a profile without it cannot run the live procedure.
export function requireLimit(profile: Profile, id: string): CompiledLimit {
  const limit = profile.limits.find((l) => l.info.id === id);
  if (limit === undefined)
    throw new XpoError(
      "XPO_PROFILE_INVALID",
      `the profile has no limit ${id}, which the live procedure needs`,
    );
  return limit;
}

// One numeric keyword of a limit's bound (e.g. XPO-COOL-002 maximum = the lowest MSA flow).
export function boundValue(profile: Profile, id: string, key: keyof Bound): number {
  const value = requireLimit(profile, id).info.bound[key];
  if (typeof value !== "number")
    throw new XpoError(
      "XPO_PROFILE_INVALID",
      `limit ${id} has no numeric ${key}, which the live procedure needs`,
    );
  return value;
}

/** Where the live procedure runs the module, all read from limit bounds. */
export interface TestConditions {
  /** Nominal input voltage: the datasheet's, when the profile allows it, else the first allowed. */
  nominalV: number;
  /** Every nominal voltage the profile names (XPO-PWR-004). */
  nominalVoltages: number[];
  /** Lowest and highest MSA input voltage (XPO-PWR-002 / XPO-PWR-003). */
  minV: number;
  maxV: number;
  /** Lowest MSA coolant flow (XPO-COOL-002) and highest MSA inlet temperature (XPO-COOL-004). */
  minFlowLpm: number;
  maxInletC: number;
  /** The DUT's lanes: its datasheet's laneCount, else the profile's (XPO-ELEC-001). */
  laneCount: number;
}

// Read the test conditions from the profile (and the DUT's declared nominal voltage).
export function getTestConditions(profile: Profile, datasheet?: DutDatasheet): TestConditions {
  const nominals = (requireLimit(profile, "XPO-PWR-004").info.bound.enum ?? []).filter(
    (v): v is number => typeof v === "number",
  );
  if (nominals.length === 0)
    throw new XpoError("XPO_PROFILE_INVALID", "limit XPO-PWR-004 lists no nominal voltages");
  const declared = datasheet?.nominalV;
  const nominalV =
    declared !== undefined && nominals.includes(declared) ? declared : (nominals[0] as number);
  return {
    nominalV,
    nominalVoltages: nominals,
    minV: boundValue(profile, "XPO-PWR-002", "maximum"),
    maxV: boundValue(profile, "XPO-PWR-003", "minimum"),
    minFlowLpm: boundValue(profile, "XPO-COOL-002", "maximum"),
    maxInletC: boundValue(profile, "XPO-COOL-004", "minimum"),
    laneCount: datasheet?.laneCount ?? boundValue(profile, "XPO-ELEC-001", "const"),
  };
}

/** What a live run uses from the DUT's datasheet. */
export interface DutDatasheet {
  file: string;
  parsed: PositionedDocument;
  identity: Record<string, unknown>;
  maxPowerW?: number;
  nominalV?: number;
  caseTemperatureMaxC?: number;
  laneCount?: number;
  coolant?: string;
  /** power.modes entries the live CMIS step measures: ModuleLowPwr and mission (ModuleReady). */
  modes?: Partial<Record<PowerModeKind, DeclaredMode>>;
  /** file:line of a value, for a declared limit's source. */
  where(path: readonly (string | number)[]): string;
}

export type PowerModeKind = "lowPower" | "ready";

/** One power.modes entry: its power and where it is (path for file:line). */
export interface DeclaredMode {
  powerW: number;
  path: (string | number)[];
}

// Which power.modes names mean which CMIS module state (docs/live.md lists them).
const MODE_NAMES: Record<PowerModeKind, RegExp> = {
  lowPower: /^low[\s_-]?(power|pwr)$/i,
  ready: /^(mission|ready|high[\s_-]?power|full[\s_-]?power|operational)$/i,
};

// The datasheet's power.modes entries that name a CMIS power state (first of each kind).
function findModes(data: unknown): Partial<Record<PowerModeKind, DeclaredMode>> {
  const modes = (data as { power?: { modes?: unknown } } | undefined)?.power?.modes;
  const found: Partial<Record<PowerModeKind, DeclaredMode>> = {};
  if (!Array.isArray(modes)) return found;
  modes.forEach((entry: { mode?: unknown; powerW?: unknown }, index) => {
    if (typeof entry?.mode !== "string" || typeof entry.powerW !== "number") return;
    for (const kind of Object.keys(MODE_NAMES) as PowerModeKind[])
      if (found[kind] === undefined && MODE_NAMES[kind].test(entry.mode.trim()))
        found[kind] = { powerW: entry.powerW, path: ["power", "modes", index, "powerW"] };
  });
  return found;
}

function numberAt(data: unknown, path: string[]): number | undefined {
  let node = data;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "number" ? node : undefined;
}

// Read the DUT's datasheet (the values a live run checks readings against).
export function readDutDatasheet(file: string): DutDatasheet {
  const parsed = parsePositioned(file, readDatasheetText(file));
  const data = parsed.data as Record<string, unknown>;
  const identity = (
    typeof data?.identity === "object" && data.identity !== null ? data.identity : {}
  ) as Record<string, unknown>;
  const shown = displayPath(file);
  const result: DutDatasheet = {
    file,
    parsed,
    identity,
    where: (path) => {
      const at = parsed.locate(path);
      return at ? `${shown}:${at.line}` : shown;
    },
  };
  const maxPowerW = numberAt(data, ["power", "maxPowerW"]);
  if (maxPowerW !== undefined) result.maxPowerW = maxPowerW;
  const nominalV = numberAt(data, ["power", "inputVoltage", "nominalV"]);
  if (nominalV !== undefined) result.nominalV = nominalV;
  const caseMax = numberAt(data, ["cooling", "caseTemperatureMaxC"]);
  if (caseMax !== undefined) result.caseTemperatureMaxC = caseMax;
  const laneCount = numberAt(data, ["electrical", "laneCount"]);
  if (laneCount !== undefined && Number.isInteger(laneCount) && laneCount > 0)
    result.laneCount = laneCount;
  const cooling = data?.cooling as { coolant?: unknown } | undefined;
  if (typeof cooling?.coolant === "string") result.coolant = cooling.coolant;
  const modes = findModes(data);
  if (Object.keys(modes).length > 0) result.modes = modes;
  return result;
}

function makeLimit(info: LimitInfo, schema: Record<string, unknown>): CompiledLimit {
  return { info, schema, path: [], validate: compileOnUse(schema) };
}

export function declared(
  id: string,
  area: LimitInfo["area"],
  title: string,
  bound: Bound,
  unit: string,
  source: string,
  subject: string,
  confidence: LimitInfo["confidence"] = "vendor-declared",
): CompiledLimit {
  const info: LimitInfo = {
    id,
    area,
    title,
    boundText: describeBound(bound, unit),
    bound,
    unit,
    source,
    confidence,
    severity: "mandatory",
    subject,
  };
  return makeLimit(info, { type: "number", ...bound });
}

// Limits a live run adds to the profile's: the DUT's declared values and bench consistency.
export function getLiveExtraLimits(
  datasheet: DutDatasheet | undefined,
  coolantRiseTolerance: number,
): CompiledLimit[] {
  const extra: CompiledLimit[] = [];
  if (datasheet?.maxPowerW !== undefined)
    extra.push(
      declared(
        "DECL-PWR-MAX",
        "power",
        "Measured module power within the vendor's declared maximum",
        { maximum: datasheet.maxPowerW },
        "W",
        `datasheet ${datasheet.where(["power", "maxPowerW"])}`,
        "/power/maxPowerW",
      ),
    );
  if (datasheet?.caseTemperatureMaxC !== undefined)
    extra.push(
      declared(
        "DECL-CASE-MAX",
        "cooling",
        "Measured case temperature within the vendor's declared maximum",
        { maximum: datasheet.caseTemperatureMaxC },
        "°C",
        `datasheet ${datasheet.where(["cooling", "caseTemperatureMaxC"])}`,
        "/cooling/caseTemperatureMaxC",
      ),
    );
  extra.push(...getModeLimits(datasheet));
  const check = declared(
    "CHECK-COOL-DT",
    "cooling",
    "Measured coolant rise agrees with P / (rho Q cp) (measured / computed)",
    { minimum: 1 - coolantRiseTolerance, maximum: 1 + coolantRiseTolerance },
    "ratio",
    "station file checks.coolantRiseTolerance; rho, cp from schemas/coolants.json",
    "coolant rise ratio",
    "harness",
  );
  check.info.note =
    "a consistency check of the bench (flow meter, thermometers, power meter), not an MSA limit";
  extra.push(check);
  return extra;
}

const MODE_LIMITS: Record<PowerModeKind, { id: string; title: string; subject: string }> = {
  lowPower: {
    id: "DECL-PWR-LOWPWR",
    title:
      "Measured module power in CMIS ModuleLowPwr within the vendor's declared low-power mode power",
    subject: "/power/modes (low power)",
  },
  ready: {
    id: "DECL-PWR-READY",
    title:
      "Measured module power in CMIS ModuleReady, data paths activated, within the vendor's declared mission mode power",
    subject: "/power/modes (mission)",
  },
};

// The declared power of the CMIS power modes (measured by the live CMIS step, role mgmt).
function getModeLimits(datasheet: DutDatasheet | undefined): CompiledLimit[] {
  return Object.entries(datasheet?.modes ?? {}).map(([kind, mode]) => {
    const { id, title, subject } = MODE_LIMITS[kind as PowerModeKind];
    const source = `datasheet ${datasheet?.where(mode.path)}`;
    return declared(id, "power", title, { maximum: mode.powerW }, "W", source, subject);
  });
}

// Whether a conditional limit applies to the DUT (e.g. XPO-OPT-001 only for DR8 variants).
export function appliesToDut(limit: CompiledLimit, datasheet: DutDatasheet | undefined): boolean {
  if (!limit.validateCondition || !limit.condition) return true;
  if (datasheet === undefined) return false;
  let node: unknown = datasheet.parsed.data;
  for (const key of limit.condition.path)
    node = (node as Record<string, unknown> | undefined)?.[key];
  return limit.validateCondition(node);
}
