// The CMIS checks as limits: schemas/cmis/checks.schema.json, one property per limit with an
// x-limit annotation, collected and compiled like every area schema of a profile. A bound the
// XPO profile already states is copied from it (`x-bound-from`: "LIMIT-ID.keyword"), so the
// number is written once and a lab's profile override reaches these checks too.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XpoError } from "../model/errors.js";
import type { Bound, LimitInfo } from "../model/limit.js";
import { compileOnUse } from "../profile/ajv.js";
import { collectLimits, type LimitDefinition } from "../profile/collect-limits.js";
import type { CompiledLimit, Profile } from "../profile/load-profile.js";
import type { ProfileSource } from "../profile/sources.js";
import { cmisDir } from "./map.js";

export const CHECKS_FILE = join(cmisDir, "checks.schema.json");

type Node = Record<string, unknown>;

// Replace each x-bound-from with the keywords it names, read from the profile's limits.
function resolveBounds(schema: Node, profile: Profile): void {
  const properties = (schema.properties ?? {}) as Record<string, Node>;
  for (const [key, node] of Object.entries(properties)) {
    const from = node["x-bound-from"] as Record<string, string> | undefined;
    if (from === undefined) continue;
    delete node["x-bound-from"];
    for (const [keyword, reference] of Object.entries(from)) {
      const [id, source] = reference.split(".") as [string, keyof Bound];
      const limit = profile.limits.find((l) => l.info.id === id);
      const value = limit?.info.bound[source];
      if (value === undefined)
        throw new XpoError(
          "XPO_PROFILE_INVALID",
          `CMIS check ${key} takes its ${keyword} from ${reference}, which profile ${profile.info.id} does not have`,
          { file: CHECKS_FILE },
        );
      node[keyword] = value;
    }
  }
}

const definitionCache = new Map<string, LimitDefinition[]>();
const compiledCache = new Map<string, CompiledLimit[]>();

// The CMIS limits' definitions for a profile (bounds copied from its limits), read once.
function cmisDefinitions(profile: Profile): LimitDefinition[] {
  const cached = definitionCache.get(profile.info.hash);
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(CHECKS_FILE, "utf8")) as Node;
  resolveBounds(schema, profile);
  const definitions = collectLimits(schema, "management", CHECKS_FILE);
  definitionCache.set(profile.info.hash, definitions);
  return definitions;
}

// The CMIS limits for a profile, built once per profile, each compiled when first used.
export function loadCmisLimits(profile: Profile): CompiledLimit[] {
  const cached = compiledCache.get(profile.info.hash);
  if (cached) return cached;
  const limits = cmisDefinitions(profile).map((definition) => ({
    ...definition,
    validate: compileOnUse(definition.schema),
  }));
  compiledCache.set(profile.info.hash, limits);
  return limits;
}

let limitIds: string[] | undefined;

// The CMIS limit ids in schema order (no profile: their bounds are not needed to list them).
export function listCmisLimitIds(): string[] {
  if (limitIds) return limitIds;
  const schema = JSON.parse(readFileSync(CHECKS_FILE, "utf8")) as Node;
  const properties = Object.values((schema.properties ?? {}) as Record<string, Node>);
  limitIds = properties.flatMap((node) => {
    const id = (node["x-limit"] as { id?: unknown } | undefined)?.id;
    return typeof id === "string" ? [id] : [];
  });
  return limitIds;
}

// The sources the CMIS map, tables and limits cite (schemas/cmis/sources.json).
export function loadCmisSources(): ProfileSource[] {
  const file = join(cmisDir, "sources.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { sources: ProfileSource[] }).sources;
}

// The catalogue entries of the CMIS limits (for the run record and `xpo limits`).
export function listCmisLimits(profile: Profile): LimitInfo[] {
  return cmisDefinitions(profile).map((definition) => definition.info);
}

// A numeric or constant bound keyword of a CMIS limit (the starter image writes what conforms).
export function cmisBound(profile: Profile, id: string): Bound {
  const limit = cmisDefinitions(profile).find((l) => l.info.id === id);
  if (!limit)
    throw new XpoError("XPO_PROFILE_INVALID", `no CMIS limit ${id}`, { file: CHECKS_FILE });
  return limit.info.bound;
}
