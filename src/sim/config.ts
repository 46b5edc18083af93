// Bench configuration: fixtures/sim/bench.yaml (or a user file) merged over nothing else, and
// coolant properties read from schemas/coolants.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import type { CoolantProperties } from "../model/coolant.js";
import { XpoError } from "../model/errors.js";
import type { Role } from "../model/roles.js";
import { repoRoot } from "../util/repo-root.js";
import type { CmisFault } from "./cmis-module.js";
import type { FaultSpec } from "./faults.js";
import type { LatencyConfig } from "./timing.js";

/** What every simulated instrument may set besides its identity (all optional). */
export interface InstrumentSettings {
  identity: string;
  /** Speak this vendor dialect (src/sim/dialects/index.ts) with its own identity; default:
   * the simulator's own SCPI forms answering `identity`. */
  dialect?: string;
  /** Reply latency: fixed + jitter, plus per-command extras (real ms). */
  latency?: LatencyConfig;
  /** Input buffer size in bytes, terminator included (default 4096; embedded SCPI: 256). */
  inputBufferBytes?: number;
  /** Entries already in the error queue when the bench starts (left by "an earlier session"). */
  queuedErrors?: { code: number; message?: string; info?: string }[];
  /** On the pty path, pace bytes at this baud rate (default: unpaced). */
  serial?: { baudRate?: number };
}

/** The management adapter's module: its CMIS image, real durations, and CMIS faults. */
export interface MgmtSettings {
  /** A CMIS dump in any format `xpo cmis decode` reads, relative to the repository. */
  image: string;
  /** Real ModulePwrUp / DataPathInit durations as shares of what the image advertises. */
  pwrUpShare: number;
  dpInitShare: number;
  /** LowPwrRequestSW set at power-on: the module waits in ModuleLowPwr for the host. */
  lowPwrAtPowerOn?: boolean;
  cmisFaults?: CmisFault[];
}

export interface VariantConfig {
  powerW: number;
  /** Power in CMIS ModuleLowPwr (only a bench with a management adapter has that state): default powerW. */
  lowPowerW?: number;
  lanePowerDbm: number;
  preFecBer: number;
}

export interface BenchConfig {
  clock: { speed: number };
  ports: { base: number; host: string };
  errorQueueDepth: number;
  module: {
    variant: string;
    lanes: number;
    variants: Record<string, VariantConfig>;
    operatingVoltage: { min: number; max: number };
    offResistanceOhm: number;
    thermal: {
      heatCapacityJPerK: number;
      plateResistanceKPerW: number;
      flowResistanceKPerWLpm: number;
      noFlowResistanceKPerW: number;
      ambientC: number;
      initialC: number;
      shutdownC: number;
    };
    ber: {
      referenceC: number;
      decadesPerK: number;
      laneSpreadDecades: number;
      failedLaneBer: number;
      failedLanePowerDbm: number;
    };
  };
  coolant: {
    fluid: string;
    setpointC: number;
    flowLpm: number;
    pressureDropKPaPerLpm2: number;
    inletTimeConstantS: number;
  };
  instruments: {
    supply: InstrumentSettings & {
      maxVoltage: number;
      maxCurrent: number;
      maxPowerW: number;
      voltage: number;
      currentLimit: number;
      /** RS-485 address a multidrop dialect (TDK-Lambda GEN) answers to (default 6). */
      address?: number;
    };
    mgmt: InstrumentSettings & MgmtSettings;
  } & Record<Exclude<Role, "supply" | "mgmt">, InstrumentSettings>;
  faults: FaultSpec[];
}

export const defaultBenchFile = pathToFileURL(join(repoRoot, "fixtures/sim/bench.yaml"));
const coolantsFile = pathToFileURL(join(repoRoot, "schemas/coolants.json"));

// Deep-merge plain objects (arrays and scalars replace).
function merge(base: unknown, over: unknown): unknown {
  if (
    typeof base !== "object" ||
    base === null ||
    Array.isArray(base) ||
    typeof over !== "object" ||
    over === null ||
    Array.isArray(over)
  )
    return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over as Record<string, unknown>)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    out[key] = merge(out[key], value);
  }
  return out;
}

function readYaml(file: string | URL): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new XpoError("XPO_FILE_NOT_FOUND", `cannot read simulator config ${String(file)}`, {
      file: String(file),
      cause: error,
    });
  }
  try {
    return parse(text);
  } catch (error) {
    throw new XpoError("XPO_YAML_SYNTAX", `simulator config ${String(file)} is not valid YAML`, {
      file: String(file),
      cause: error,
    });
  }
}

// Load the bench config: the shipped defaults, then `file` (partial) over them, then `overrides`.
export function loadBenchConfig(file?: string, overrides: unknown = {}): BenchConfig {
  let config = readYaml(defaultBenchFile);
  if (file !== undefined) config = merge(config, readYaml(file) ?? {});
  config = merge(config, overrides);
  const c = config as BenchConfig;
  if (c.module.variants[c.module.variant] === undefined)
    throw new XpoError(
      "XPO_USAGE",
      `module variant "${c.module.variant}" is not one of ${Object.keys(c.module.variants).join(", ")}`,
      { remedy: "Set module.variant in the simulator config to a listed variant." },
    );
  c.faults = c.faults ?? [];
  return c;
}

// Density and specific heat of a coolant, from schemas/coolants.json.
export function loadCoolant(fluid: string): CoolantProperties {
  const data = JSON.parse(readFileSync(coolantsFile, "utf8")) as {
    coolants: Record<string, CoolantProperties>;
  };
  const found = data.coolants[fluid];
  if (found === undefined)
    throw new XpoError(
      "XPO_USAGE",
      `coolant "${fluid}" is not in schemas/coolants.json (known: ${Object.keys(data.coolants).join(", ")})`,
    );
  return found;
}
