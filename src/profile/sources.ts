// The public sources a profile's limits cite by id: `sources.json` in the profile folder, and
// its base profiles' (a lab profile that extends the bundled one inherits its sources).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XpoError } from "../model/errors.js";
import type { ProfileSource } from "../model/profile-info.js";
import { type Profile, resolveProfileDir } from "./load-profile.js";

export type { ProfileSource };

const REQUIRED_FIELDS = ["id", "title", "kind", "publisher", "date", "what", "where"] as const;

// Read the sources of a profile folder and of the profiles it extends; the nearest wins.
export function loadSources(profile: Pick<Profile, "dir">): ProfileSource[] {
  const byId = new Map<string, ProfileSource>();
  const seen = new Set<string>();
  let dir: string | undefined = profile.dir;
  while (dir !== undefined && !seen.has(dir)) {
    seen.add(dir);
    const file = join(dir, "sources.json");
    if (existsSync(file)) {
      for (const source of readSourcesFile(file))
        if (!byId.has(source.id)) byId.set(source.id, source);
    }
    const manifest = JSON.parse(readFileSync(join(dir, "profile.json"), "utf8")) as {
      extends?: string;
    };
    dir = manifest.extends === undefined ? undefined : resolveProfileDir(manifest.extends, dir);
  }
  return [...byId.values()];
}

function readSourcesFile(file: string): ProfileSource[] {
  try {
    const { sources } = JSON.parse(readFileSync(file, "utf8")) as { sources: ProfileSource[] };
    if (!Array.isArray(sources)) throw new Error("no sources list");
    for (const [index, source] of sources.entries()) {
      const missing = REQUIRED_FIELDS.filter((field) => typeof source?.[field] !== "string");
      if (missing.length) throw new Error(`source ${index + 1} has no ${missing.join(", ")}`);
    }
    return sources;
  } catch (error) {
    throw new XpoError("XPO_PROFILE_INVALID", `sources.json: ${(error as Error).message}`, {
      file,
      remedy:
        'Give sources.json a "sources" list of {id, title, kind, publisher, date, what, where} (url where the source has one).',
    });
  }
}
