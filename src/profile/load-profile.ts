// Load a limit profile: a folder under schemas/xpo/ (or any folder) holding profile.json and
// one schema per area. Profiles are compiled once per process and cached.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { ValidateFunction } from "ajv";
import type { ProfileManifest } from "../generated/profile.js";
import type { CoolantProperties } from "../model/coolant.js";
import { XpoError } from "../model/errors.js";
import { AREAS, type Area, type LimitInfo } from "../model/limit.js";
import type { ProfileInfo } from "../model/profile-info.js";
import { repoRoot } from "../util/repo-root.js";
import { collectLimits, type LimitDefinition } from "./collect-limits.js";
import { loadValidators, type ValidatorUnit } from "./validators.js";

export const schemasDir = join(repoRoot, "schemas");
export const profilesDir = join(schemasDir, "xpo");

export interface CompiledLimit extends LimitDefinition {
  validate: ValidateFunction;
  validateCondition?: ValidateFunction;
}

export interface Profile {
  info: ProfileInfo;
  manifest: ProfileManifest;
  dir: string;
  guardRelative: number;
  limits: CompiledLimit[];
  coolants: Record<string, CoolantProperties>;
}

const cache = new Map<string, Profile>();

// List the ids of the bundled profiles.
export function listProfiles(): string[] {
  return readdirSync(profilesDir)
    .filter((name) => existsSync(join(profilesDir, name, "profile.json")))
    .sort();
}

/** The profile used when none is given. */
export function defaultProfileId(): string {
  const ids = listProfiles();
  return ids[ids.length - 1] ?? "public-2026-11";
}

// Read a JSON file of a profile (or the CMIS map beside it); a bad one is XPO_PROFILE_INVALID.
export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new XpoError("XPO_PROFILE_INVALID", `cannot read ${file}: ${(error as Error).message}`, {
      file,
    });
  }
}

// Find a profile's folder from an id (bundled) or a path (a lab's own profile).
export function resolveProfileDir(idOrPath: string, from = process.cwd()): string {
  const looksLikePath = idOrPath.includes("/") || idOrPath.startsWith(".");
  const dir = looksLikePath
    ? isAbsolute(idOrPath)
      ? idOrPath
      : resolve(from, idOrPath)
    : join(profilesDir, idOrPath);
  if (!existsSync(join(dir, "profile.json")) || !statSync(dir).isDirectory()) {
    throw new XpoError("XPO_PROFILE_UNKNOWN", `unknown profile "${idOrPath}"`, {
      remedy: `Use one of: ${listProfiles().join(", ")}; or give a path to a folder holding profile.json.`,
    });
  }
  return dir;
}

let manifestValidator: ValidateFunction | undefined;

/** The schema of profile.json, as one validator unit. */
export function manifestUnit(): ValidatorUnit {
  const schema = readJson(join(schemasDir, "profile.schema.json")) as object;
  return { options: {}, entries: [{ key: "manifest", schema, label: "profile.schema.json" }] };
}

function loadManifest(dir: string): ProfileManifest {
  const file = join(dir, "profile.json");
  const manifest = readJson(file);
  manifestValidator ??= loadValidators(manifestUnit()).validators.manifest;
  if (!manifestValidator) throw new Error("internal error: no profile.json validator");
  if (!manifestValidator(manifest)) {
    const first = manifestValidator.errors?.[0];
    throw new XpoError(
      "XPO_PROFILE_INVALID",
      `profile.json ${first?.instancePath || "/"} ${first?.message ?? "is invalid"}`,
      { file },
    );
  }
  return manifest as ProfileManifest;
}

// Load the area schemas of a profile, following `extends`, and apply its overrides.
function loadAreas(
  dir: string,
  seen: Set<string>,
): {
  areas: Partial<Record<Area, { schema: unknown; file: string }>>;
  manifest: ProfileManifest;
} {
  if (seen.has(dir))
    throw new XpoError("XPO_PROFILE_INVALID", "profile extends itself", {
      file: join(dir, "profile.json"),
    });
  seen.add(dir);
  const manifest = loadManifest(dir);
  const areas = manifest.extends
    ? loadAreas(resolveProfileDir(manifest.extends, dir), seen).areas
    : {};
  for (const area of AREAS) {
    const name = manifest.areas?.[area];
    if (name) areas[area] = { schema: readJson(join(dir, name)), file: join(dir, name) };
  }
  return { areas, manifest };
}

function applyOverrides(limits: LimitDefinition[], manifest: ProfileManifest, file: string): void {
  for (const [id, override] of Object.entries(manifest.overrides ?? {})) {
    if (!override) continue;
    const limit = limits.find((candidate) => candidate.info.id === id);
    if (!limit)
      throw new XpoError("XPO_PROFILE_INVALID", `overrides names unknown limit ${id}`, { file });
    const { "x-limit": xLimit, ...bound } = override;
    Object.assign(limit.schema, bound);
    if (xLimit) {
      const merged = { ...(limit.schema["x-limit"] as object), ...xLimit };
      limit.schema["x-limit"] = merged;
    }
  }
}

/** A profile's limits before compilation, and what they were read from. */
export interface ProfileDefinitions {
  dir: string;
  manifest: ProfileManifest;
  /** The area schemas after overrides (deep copies). */
  areas: Partial<Record<Area, unknown>>;
  definitions: LimitDefinition[];
}

// Read a profile's area schemas (following `extends`), apply its overrides and collect its limits.
export function readProfileDefinitions(dir: string): ProfileDefinitions {
  const { areas, manifest } = loadAreas(dir, new Set());
  const manifestFile = join(dir, "profile.json");
  // Collect from deep copies so overrides never leak into another profile's schemas.
  const copies = Object.fromEntries(
    Object.entries(areas).map(([area, entry]) => [area, structuredClone(entry.schema)]),
  ) as Partial<Record<Area, unknown>>;
  let definitions: LimitDefinition[] = [];
  for (const area of AREAS) {
    const entry = areas[area];
    if (entry) definitions.push(...collectLimits(copies[area], area, entry.file));
  }
  if (manifest.overrides) {
    applyOverrides(definitions, manifest, manifestFile);
    // Re-collect so bound text and annotations reflect the overrides.
    definitions = AREAS.flatMap((area) =>
      areas[area] ? collectLimits(copies[area], area, areas[area].file) : [],
    );
  }
  const ids = new Set<string>();
  for (const definition of definitions) {
    if (ids.has(definition.info.id))
      throw new XpoError("XPO_PROFILE_INVALID", `limit id ${definition.info.id} appears twice`, {
        file: manifestFile,
      });
    ids.add(definition.info.id);
  }
  return { dir, manifest, areas: copies, definitions };
}

/** Every limit schema of a profile and each limit's condition, as one validator unit. */
export function limitsUnit(definitions: readonly LimitDefinition[]): ValidatorUnit {
  const entries = definitions.flatMap(({ info, schema, condition }, i) => [
    { key: `L${i}`, schema, label: `limit ${info.id}` },
    ...(condition ? [{ key: `C${i}`, schema: condition.schema, label: `limit ${info.id}` }] : []),
  ]);
  return { options: { allErrors: false }, entries };
}

function compileLimits(definitions: LimitDefinition[], manifestFile: string): CompiledLimit[] {
  let validators: Record<string, ValidateFunction>;
  try {
    validators = loadValidators(limitsUnit(definitions)).validators;
  } catch (error) {
    throw new XpoError("XPO_PROFILE_INVALID", (error as Error).message, { file: manifestFile });
  }
  const pick = (key: string): ValidateFunction => {
    const validate = validators[key];
    if (!validate) throw new Error(`internal error: no validator ${key}`);
    return validate;
  };
  return definitions.map((definition, i) => {
    const compiled: CompiledLimit = { ...definition, validate: pick(`L${i}`) };
    if (definition.condition) compiled.validateCondition = pick(`C${i}`);
    return compiled;
  });
}

// Load (once per process) and compile a profile by id or path.
export function loadProfile(idOrPath: string = defaultProfileId()): Profile {
  const dir = resolveProfileDir(idOrPath);
  const cached = cache.get(dir);
  if (cached) return cached;

  const { manifest, areas: copies, definitions } = readProfileDefinitions(dir);
  const limits = compileLimits(definitions, join(dir, "profile.json"));

  const coolants = (
    readJson(join(schemasDir, "coolants.json")) as { coolants: Record<string, CoolantProperties> }
  ).coolants;
  const hash = createHash("sha256")
    .update(JSON.stringify({ manifest, areas: copies, coolants }))
    .digest("hex");
  const profile: Profile = {
    info: {
      id: manifest.id,
      revision: manifest.revision,
      title: manifest.title,
      hash,
      decisionRule: manifest.guardBand.rule,
    },
    manifest,
    dir,
    guardRelative: manifest.guardBand.relative,
    limits,
    coolants,
  };
  cache.set(dir, profile);
  return profile;
}

// The catalogue of a profile's limits, as records and reports list them.
export function listLimits(profile: Profile): LimitInfo[] {
  return profile.limits.map((limit) => limit.info);
}
