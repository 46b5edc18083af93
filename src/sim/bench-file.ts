// A bench file (fixtures/benches/*.yaml): one combination of instrument dialects, as the
// simulator settings that serve it (`sim`, merged over the demo bench) and the station settings
// that drive it (`station`, merged over the example station: drivers, channels, addresses, and
// `omitRoles` for roles the bench has no instrument for). `xpo demo --bench` and
// `xpo sim --bench` read it.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { XpoError } from "../model/errors.js";
import { ROLES, type Role } from "../model/roles.js";

export interface BenchFile {
  name: string;
  /** Merged over the demo bench's simulator config. */
  sim: Record<string, unknown>;
  /** Merged over the example station (drivers and per-instrument settings). */
  station: Record<string, unknown>;
  /** The roles served and driven (every role not omitted). */
  roles: Role[];
  omitRoles: Role[];
}

const remedy =
  "A bench file has `name`, `sim` (simulator settings) and `station` (station settings, optional `omitRoles`): see docs/simulator.md#bench-files.";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Read and check a bench file; every problem is a usage error naming the file.
export function loadBenchFile(file: string): BenchFile {
  let data: unknown;
  try {
    data = parse(readFileSync(file, "utf8"));
  } catch (error) {
    const code =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "XPO_FILE_NOT_FOUND" : "XPO_YAML_SYNTAX";
    throw new XpoError(code, `cannot read bench file ${file}: ${(error as Error).message}`, {
      file,
      remedy,
      cause: error,
    });
  }
  const fail = (why: string) =>
    new XpoError("XPO_USAGE", `bench file ${file}: ${why}`, { file, remedy });
  if (!isObject(data) || typeof data.name !== "string") throw fail("it needs a `name`");
  const sim = data.sim ?? {};
  const station = data.station ?? {};
  if (!isObject(sim) || !isObject(station)) throw fail("`sim` and `station` must be mappings");
  const { omitRoles = [], ...rest } = station as { omitRoles?: unknown };
  if (!Array.isArray(omitRoles) || omitRoles.some((r) => !ROLES.includes(r as Role)))
    throw fail(`omitRoles must list roles among ${ROLES.join(", ")}`);
  const omitted = omitRoles as Role[];
  return {
    name: data.name,
    sim,
    station: rest,
    omitRoles: omitted,
    roles: ROLES.filter((r) => !omitted.includes(r)),
  };
}
