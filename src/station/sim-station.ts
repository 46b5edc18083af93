// Write a station file for a simulated bench started in-process (xpo demo, tests): the
// example station's settings with the bench's actual resources and time scale.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import type { StationFile } from "../generated/station.js";
import { writeFileFresh } from "../util/fresh-file.js";
import { repoRoot } from "../util/repo-root.js";

export const exampleStationFile = join(repoRoot, "fixtures", "stations", "sim-station.yaml");
export const demoBenchFile = join(repoRoot, "fixtures", "stations", "sim-bench.yaml");
export const demoDatasheet = join(
  repoRoot,
  "fixtures",
  "datasheets",
  "pass",
  "borealis-xpo-dr8-lro.yaml",
);

/** What a station needs to know of a running bench: where each role listens, and its speed. */
interface BenchAddresses {
  instruments: readonly { role: string; resource: string }[];
  clock: { getSpeed(): number };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

// Write `dir/<name>` pointing at the bench; `overrides` merge into the example station.
export function writeSimStation(
  bench: BenchAddresses,
  dir: string,
  overrides: DeepPartial<StationFile> & { omitRoles?: string[] } = {},
  name = "station.yaml",
): string {
  const station = parse(readFileSync(exampleStationFile, "utf8")) as StationFile;
  const { omitRoles, ...rest } = overrides;
  station.name = `${station.name} (in-process, speed ${bench.clock.getSpeed()})`;
  station.dut = { datasheet: demoDatasheet };
  const instruments = station.instruments as unknown as Record<string, { resource: string }>;
  for (const info of bench.instruments)
    if (instruments[info.role])
      instruments[info.role] = { ...instruments[info.role], resource: info.resource };
  for (const role of omitRoles ?? []) delete instruments[role];
  station.timing = { ...station.timing, timeScale: bench.clock.getSpeed() };
  const merged = merge(station, rest) as StationFile;
  const file = join(dir, name);
  // Created fresh (never written through a link planted at its path), like every output.
  writeFileFresh(file, [stringify(merged)]);
  return file;
}

function merge(base: unknown, over: unknown): unknown {
  if (
    typeof base !== "object" ||
    base === null ||
    typeof over !== "object" ||
    over === null ||
    Array.isArray(over)
  )
    return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) out[key] = merge(out[key], value);
  return out;
}
