// The CMIS memory map as data: schemas/cmis/memory-map.json (fields, checksums, linear layout),
// codes.json (code tables) and profile.json (XPO profile values, overridable by a lab's
// cmis-profile.json), checked against their schemas once and cached per profile folder.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { XpoError } from "../model/errors.js";
import { readJson, schemasDir } from "../profile/load-profile.js";
import { loadValidators, type Validators, type ValidatorUnit } from "../profile/validators.js";

export const cmisDir = join(schemasDir, "cmis");

export type Encoding =
  | "u8"
  | "u16"
  | "s16"
  | "f16"
  | "bool"
  | "code"
  | "ascii"
  | "hex"
  | "revision"
  | "version";

export type ThresholdLevel = "lowAlarm" | "lowWarning" | "highWarning" | "highAlarm";

/** One field of the map as written in memory-map.json (or a profile's extensionFields). */
export interface FieldSpec {
  name: string;
  title: string;
  group: string;
  page: string;
  bank?: number;
  offset: number;
  length?: number;
  bits?: [number, number];
  encoding: Encoding;
  codes?: string;
  scale?: number;
  add?: number;
  unit?: string;
  repeat?: { count: number; strideBytes?: number; strideBits?: number; per: "lane" | "app" };
  monitor?: string;
  threshold?: { monitor: string; level: ThresholdLevel };
  flag?: boolean;
  confidence?: string;
  source: string;
  ethtool?: string;
}

export interface CodeTable {
  source: string;
  codes: Record<string, string>;
  values?: Record<string, number>;
  unit?: string;
}

export interface ChecksumSpec {
  page: string;
  byte: number;
  from: number;
  to: number;
  source: string;
}

export type BankReading = "code3-is-8-banks" | "code3-escape-count";

export interface CmisProfileValues {
  bankEncoding: {
    accept: BankReading[];
    escapeCount: { page: string; offset: number };
    confidence?: string;
    source?: string;
  };
  extensionFields: FieldSpec[];
  extensionPages: { page: string; bank: number }[];
  mediaTypeByVariant: Record<string, number | string>;
  /** How far the module's monitors may read from the bench's reference instruments (live). */
  monitorTolerance: { temperatureK: number; txPowerDb: number; source?: string };
  starterImage: StarterValues;
}

/** Values `xpo cmis image` writes that a datasheet does not give (profile.json starterImage). */
export interface StarterValues {
  revision: number;
  banksSupported: number;
  bankEscapeCount: number;
  moduleState: number;
  dataPathState: number;
  vendorOui: string;
  serialNumber: string;
  dateCode: string;
  mediaInterfaceId: number;
  hostLaneOptions: number;
  durations: Record<string, number>;
  temperatureC: number;
  supplyV: number;
  thresholds: Record<string, Record<ThresholdLevel, number>>;
  txPowerMw: number;
  txBiasMa: number;
  rxPowerMw: number;
}

export interface MemoryMap {
  lanesPerBank: number;
  linearImage: { unbanked: string[]; perBank: string[] };
  checksums: ChecksumSpec[];
  /** The map's fields followed by the profile's extension fields. */
  fields: FieldSpec[];
  codes: Record<string, CodeTable>;
  profile: CmisProfileValues;
}

// The memory map's and the CMIS profile's schemas as one validator unit (precompiled for the
// bundled schemas; profile.schema.json refers to memory-map.schema.json relative to its key).
export function cmisMapUnit(): ValidatorUnit {
  const entries = ["memory-map.schema.json", "profile.schema.json"].map((name) => ({
    key: `cmis/${name}`,
    schema: readJson(join(cmisDir, name)) as object,
    label: `schemas/cmis/${name}`,
  }));
  return { options: { allErrors: false }, entries };
}

let validators: Validators | undefined;

function checked<T>(file: string, schemaName: string, data: unknown): T {
  validators ??= loadValidators(cmisMapUnit()).validators;
  const validate = validators[`cmis/${schemaName}`];
  if (validate && !validate(data)) {
    const first = validate.errors?.[0];
    throw new XpoError(
      "XPO_PROFILE_INVALID",
      `${first?.instancePath || "/"} ${first?.message ?? "is invalid"} (schema ${schemaName})`,
      { file },
    );
  }
  return data as T;
}

const cache = new Map<string, MemoryMap>();

// Load the memory map with the CMIS profile values; `profileDir` may hold a cmis-profile.json.
export function loadMemoryMap(profileDir?: string): MemoryMap {
  const key = profileDir ?? "";
  const cached = cache.get(key);
  if (cached) return cached;
  const mapFile = join(cmisDir, "memory-map.json");
  const base = checked<Omit<MemoryMap, "codes" | "profile">>(
    mapFile,
    "memory-map.schema.json",
    readJson(mapFile),
  );
  const profileFile = join(cmisDir, "profile.json");
  let profile = checked<CmisProfileValues>(
    profileFile,
    "profile.schema.json",
    readJson(profileFile),
  );
  const labFile = profileDir === undefined ? undefined : join(profileDir, "cmis-profile.json");
  if (labFile && existsSync(labFile))
    profile = {
      ...profile,
      ...checked<Partial<CmisProfileValues>>(labFile, "profile.schema.json", readJson(labFile)),
    };
  const codes = (readJson(join(cmisDir, "codes.json")) as { tables: Record<string, CodeTable> })
    .tables;
  const fields = [...base.fields, ...profile.extensionFields];
  for (const field of fields)
    if (field.codes !== undefined && !codes[field.codes])
      throw new XpoError(
        "XPO_PROFILE_INVALID",
        `field ${field.name} names code table ${field.codes}, which codes.json does not have`,
        { file: mapFile },
      );
  const map: MemoryMap = { ...base, fields, codes, profile };
  cache.set(key, map);
  return map;
}

// "11h" -> 0x11.
export function pageNumber(page: string): number {
  return Number.parseInt(page.slice(0, 2), 16);
}

// 0x11 -> "11h".
export function pageName(page: number): string {
  return `${page.toString(16).toUpperCase().padStart(2, "0")}h`;
}

/** Pages 10h-FFh are banked; 00h-0Fh are not. */
export function isBanked(page: number): boolean {
  return page >= 0x10;
}
