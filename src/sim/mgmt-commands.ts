// The simulated management-bus host adapter: a SCPI-fronted I2C host with one XPO module at
// 7-bit address 0x50 (CMIS's 8-bit A0h), serving the CMIS register file of cmis-module.ts.
// Its command forms are this project's own (docs/cmis.md says which adapters it is modelled
// on): `I2C:READ? <addr>,<offset>,<count>` answers comma-separated decimal bytes,
// `I2C:WRITe <addr>,<offset>,<byte>[,<byte>...]` writes one transaction (so bank and page
// select at 126-127 go in one two-byte write). A module that does not acknowledge (unpowered,
// or another address) is error -240 and no reply, as a SCPI instrument treats a failed query.
import { join } from "node:path";
import { loadMemoryMap } from "../cmis/map.js";
import { readCmisInput } from "../cmis/read-input.js";
import { XpoError } from "../model/errors.js";
import { repoRoot } from "../util/repo-root.js";
import type { BenchModel } from "./bench-model.js";
import { CMIS_FAULTS, type CmisFault, SimCmisModule } from "./cmis-module.js";
import { type CommandDef, ScpiFault, type UnitContext } from "./scpi-command.js";

/** The module's 7-bit I2C address (SFF-8636/CMIS two-wire address A0h). */
const MODULE_ADDRESS = 0x50;
const MAX_TRANSFER = 128;
/** Bus clock the adapter starts with (I2C fast mode); CMIS allows up to 1 MHz. */
const DEFAULT_FREQUENCY_HZ = 400_000;

// Parse the integer argument `index` (decimal or 0x hex) in [min, max].
function intArg(ctx: UnitContext, index: number, min: number, max: number): number {
  const raw = (ctx.args[index] ?? "").trim();
  if (raw === "") throw new ScpiFault(-109, "Missing parameter", ctx.header);
  const value = /^0x[0-9a-f]+$/i.test(raw) ? Number.parseInt(raw, 16) : Number(raw);
  if (!Number.isInteger(value)) throw new ScpiFault(-104, "Data type error", raw);
  if (value < min || value > max) throw new ScpiFault(-222, "Data out of range", raw);
  return value;
}

// The config's CMIS faults; a name the simulator does not know is refused, not ignored.
function cmisFaults(names: readonly string[] = []): Set<CmisFault> {
  const unknown = names.filter((name) => !(CMIS_FAULTS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new XpoError(
      "XPO_USAGE",
      `instruments.mgmt.cmisFaults: unknown fault ${unknown.join(", ")}`,
      { remedy: `Use any of: ${CMIS_FAULTS.join(", ")}.` },
    );
  return new Set(names as CmisFault[]);
}

// Build the module from the config's image and keep it fed by the bench physics.
function createModule(model: BenchModel): SimCmisModule {
  const settings = model.config.instruments.mgmt;
  const map = loadMemoryMap();
  const { image } = readCmisInput(join(repoRoot, settings.image), map);
  const module = new SimCmisModule(
    image,
    map,
    () => model.now(),
    {
      pwrUpShare: settings.pwrUpShare,
      dpInitShare: settings.dpInitShare,
      lowPwrAtPowerOn: settings.lowPwrAtPowerOn === true,
    },
    cmisFaults(settings.cmisFaults),
  );
  // The module draws its low power until it is out of ModuleLowPwr (CMIS power modes).
  model.setPowerDraw((running, fullW) => {
    module.setPower(running);
    return module.inLowPower() ? (model.variant().lowPowerW ?? fullW) : fullW;
  });
  model.watchCase((caseC) => module.setTemperature(caseC));
  return module;
}

// The monitors read on a bus command: per-lane Tx power and the input voltage. (Power and
// case temperature follow the bench on every step of its model: setPowerDraw, watchCase.)
function sync(model: BenchModel, module: SimCmisModule): void {
  const snap = model.snapshot();
  if (!snap.module.running) return;
  module.setInputVoltage(snap.supply.voltage);
  for (let lane = 1; lane <= model.config.module.lanes; lane++) {
    const dbm = model.laneOpticalDbm(lane);
    module.setLaneTxPower(lane, Number.isFinite(dbm) ? 10 ** (dbm / 10) : 0);
  }
}

// Run a bus transaction; a module that does not answer is a NACK (-240).
function onBus<T>(ctx: UnitContext, action: () => T): T {
  if (intArg(ctx, 0, 0, 0x7f) !== MODULE_ADDRESS)
    throw new ScpiFault(-240, "Hardware error", "no acknowledge from that address");
  try {
    return action();
  } catch (error) {
    if (error instanceof ScpiFault) throw error;
    throw new ScpiFault(-240, "Hardware error", "the module does not acknowledge (NACK)");
  }
}

export function mgmtCommands(model: BenchModel): { commands: CommandDef[]; reset: () => void } {
  const module = createModule(model);
  const bus = { frequencyHz: DEFAULT_FREQUENCY_HZ };
  const commands: CommandDef[] = [
    {
      pattern: "I2C:READ",
      query: (ctx) => {
        const offset = intArg(ctx, 1, 0, 255);
        const count = intArg(ctx, 2, 1, Math.min(MAX_TRANSFER, 256 - offset));
        sync(model, module);
        return onBus(ctx, () => module.read(offset, count)).join(",");
      },
    },
    {
      pattern: "I2C:WRITe",
      set: (ctx) => {
        const offset = intArg(ctx, 1, 0, 255);
        const bytes = ctx.args.slice(2).map((_, i) => intArg(ctx, i + 2, 0, 255));
        if (bytes.length === 0) throw new ScpiFault(-109, "Missing parameter", ctx.header);
        if (offset + bytes.length > 256) throw new ScpiFault(-222, "Data out of range", ctx.header);
        sync(model, module);
        onBus(ctx, () => module.write(offset, bytes));
      },
    },
    { pattern: "I2C:ADDRess", query: () => `${MODULE_ADDRESS}` },
    {
      // The addresses that acknowledge: the module's when it is powered, none otherwise.
      pattern: "I2C:SCAN",
      query: () => (model.snapshot().module.running ? `${MODULE_ADDRESS}` : ""),
    },
    {
      pattern: "I2C:FREQuency",
      query: () => `${bus.frequencyHz}`,
      set: (ctx) => {
        bus.frequencyHz = intArg(ctx, 0, 10_000, 1_000_000);
      },
    },
  ];
  return { commands, reset: () => (bus.frequencyHz = DEFAULT_FREQUENCY_HZ) };
}
