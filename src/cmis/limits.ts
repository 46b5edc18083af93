// The CMIS checks as limits: schemas/cmis/checks.schema.json, one property per limit with an
// x-limit annotation, collected and compiled like every area schema of a profile. A bound the
// XPO profile already states is copied from it (`x-bound-from`: "LIMIT-ID.keyword"), so the
// number is written once and a lab's profile override reaches these checks too.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XpoError } from "../model/errors.js";
import type { Bound, LimitInfo } from "../model/limit.js";
import { createAjv } from "../profile/ajv.js";
import { collectLimits } from "../profile/collect-limits.js";
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

const cache = new Map<string, CompiledLimit[]>();

// The CMIS limits for a profile (bounds copied from its limits), compiled once per profile.
export function loadCmisLimits(profile: Profile): CompiledLimit[] {
  const cached = cache.get(profile.info.hash);
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(CHECKS_FILE, "utf8")) as Node;
  resolveBounds(schema, profile);
  const ajv = createAjv({ allErrors: false });
  const limits = collectLimits(schema, "management", CHECKS_FILE).map((definition) => ({
    ...definition,
    validate: ajv.compile(definition.schema),
  }));
  cache.set(profile.info.hash, limits);
  return limits;
}

// The sources the CMIS map, tables and limits cite (schemas/cmis/sources.json).
export function loadCmisSources(): ProfileSource[] {
  const file = join(cmisDir, "sources.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { sources: ProfileSource[] }).sources;
}

// The catalogue entries of the CMIS limits (for the run record and `xpo limits`).
export function listCmisLimits(profile: Profile): LimitInfo[] {
  return loadCmisLimits(profile).map((limit) => limit.info);
}

// A numeric or constant bound keyword of a CMIS limit (the starter image writes what conforms).
export function cmisBound(profile: Profile, id: string): Bound {
  const limit = loadCmisLimits(profile).find((l) => l.info.id === id);
  if (!limit)
    throw new XpoError("XPO_PROFILE_INVALID", `no CMIS limit ${id}`, { file: CHECKS_FILE });
  return limit.info.bound;
}
