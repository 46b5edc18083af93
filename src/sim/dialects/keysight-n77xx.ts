// Keysight N7744C/N7745C multiport optical power meter (N77xx): per-port `:READ<n>:POW?`
// (W or dBm after `:SENS<n>:POW:UNIT 1|0`), wavelength and averaging time per port, and the
// logging function: `:SENS<n>:FUNC:PAR:LOGG N,t`, `:SENS<n>:FUNC:STAT LOGG,STAR`, its state
// query, and `:SENS<n>:FUNC:RES?`, an IEEE definite block of N float32 LE values in W; every
// port at once with `:READ:POW:ALL?` / `:FETC:POW:ALL?`, a definite block of one float32 LE
// value per port (in each port's unit), port 1 first. A dark port reads a value above 1e20
// (under-range). One simulated unit serves a port per module lane (a real N7745C has 8 ports;
// a 64-lane bench chains eight), so port n is lane n.
import type { BenchModel } from "../bench-model.js";
import {
  formatNr3,
  parseChoiceArg,
  parseNumberArg,
  ScpiFault,
  type UnitContext,
} from "../scpi-command.js";
import { ScpiInstrument } from "../scpi-engine.js";
import type { SimDialect } from "./dialect.js";

/** What a dark (under-range) port reads: float32's largest value, far above 1e20. */
const underRange = 3.4028234663852886e38;

interface Port {
  watts: boolean;
  wavelengthM: number;
  averagingS: number;
  log: { samples: number; periodS: number; startedAt: number } | undefined;
}

function portOf(model: BenchModel, ports: Map<number, Port>, ctx: UnitContext): Port {
  const n = ctx.suffixes[0] ?? 1;
  if (n < 1 || n > model.config.module.lanes) throw new ScpiFault(-222, "Data out of range");
  let port = ports.get(n);
  if (port === undefined) {
    port = { watts: true, wavelengthM: 1310e-9, averagingS: 0.1, log: undefined };
    ports.set(n, port);
  }
  return port;
}

function readWatts(model: BenchModel, lane: number): number {
  const dbm = model.laneOpticalDbm(lane);
  return Number.isFinite(dbm) ? 10 ** (dbm / 10) / 1000 : underRange;
}

function readPower(model: BenchModel, ports: Map<number, Port>, ctx: UnitContext): string {
  const port = portOf(model, ports, ctx);
  const watts = readWatts(model, ctx.suffixes[0] ?? 1);
  if (port.watts || watts >= underRange) return formatNr3(watts, 9);
  return formatNr3(10 * Math.log10(watts * 1000), 9);
}

// Bytes as an IEEE 488.2 definite block (latin1 text, one char per byte).
function definiteBlock(bytes: Buffer): string {
  const len = String(bytes.length);
  return `#${len.length}${len}${bytes.toString("latin1")}`;
}

// The logging result: N float32 LE samples in W, as a definite block.
function logResult(model: BenchModel, ports: Map<number, Port>, ctx: UnitContext): string {
  const port = portOf(model, ports, ctx);
  if (port.log === undefined) throw new ScpiFault(-221, "Settings conflict", "no logging run");
  const bytes = Buffer.alloc(port.log.samples * 4);
  for (let i = 0; i < port.log.samples; i++)
    bytes.writeFloatLE(readWatts(model, ctx.suffixes[0] ?? 1), i * 4);
  return definiteBlock(bytes);
}

// Every port's power (in its unit) as float32 LE, port 1 first, in one definite block.
function allPorts(model: BenchModel, ports: Map<number, Port>): string {
  const count = model.config.module.lanes;
  const bytes = Buffer.alloc(count * 4);
  for (let n = 1; n <= count; n++) {
    const watts = readWatts(model, n);
    const inWatts = ports.get(n)?.watts ?? true;
    const value = inWatts || watts >= underRange ? watts : 10 * Math.log10(watts * 1000);
    bytes.writeFloatLE(value, (n - 1) * 4);
  }
  return definiteBlock(bytes);
}

function portCommands(model: BenchModel, ports: Map<number, Port>) {
  const port = (ctx: UnitContext) => portOf(model, ports, ctx);
  return [
    { pattern: "READ:POWer:ALL", query: () => allPorts(model, ports) },
    { pattern: "FETCh:POWer:ALL", query: () => allPorts(model, ports) },
    { pattern: "READ:POWer", query: (ctx: UnitContext) => readPower(model, ports, ctx) },
    { pattern: "FETCh:POWer", query: (ctx: UnitContext) => readPower(model, ports, ctx) },
    {
      pattern: "[SENSe]:POWer:UNIT",
      query: (ctx: UnitContext) => (port(ctx).watts ? "+1" : "+0"),
      set: (ctx: UnitContext) => {
        const unit = parseChoiceArg(ctx, ["0", "1", "DBM", "Watt"]);
        port(ctx).watts = unit === "1" || unit === "WATT";
      },
    },
    {
      pattern: "[SENSe]:POWer:WAVelength",
      query: (ctx: UnitContext) => formatNr3(port(ctx).wavelengthM),
      set: (ctx: UnitContext) => {
        port(ctx).wavelengthM = parseNumberArg(ctx, 0, { min: 1e-6, max: 1.7e-6, unit: "M" });
      },
    },
    {
      pattern: "[SENSe]:POWer:ATIMe",
      query: (ctx: UnitContext) => formatNr3(port(ctx).averagingS),
      set: (ctx: UnitContext) => {
        port(ctx).averagingS = parseNumberArg(ctx, 0, { min: 1e-4, max: 10, unit: "S" });
      },
    },
  ];
}

function loggingCommands(model: BenchModel, ports: Map<number, Port>) {
  const port = (ctx: UnitContext) => portOf(model, ports, ctx);
  return [
    {
      pattern: "[SENSe]:FUNCtion:PARameter:LOGGing",
      set: (ctx: UnitContext) => {
        const samples = Math.round(parseNumberArg(ctx, 0, { min: 1, max: 100000 }));
        const periodS = parseNumberArg(ctx, 1, { min: 1e-4, max: 10, unit: "S" });
        port(ctx).log = { samples, periodS, startedAt: Number.POSITIVE_INFINITY };
      },
    },
    {
      pattern: "[SENSe]:FUNCtion:STATe",
      query: (ctx: UnitContext) => {
        const log = port(ctx).log;
        if (log === undefined) return "NONE,COMPLETE";
        const done = model.snapshot().time >= log.startedAt + log.samples * log.periodS;
        return `LOGGING_STABILITY,${done ? "COMPLETE" : "PROGRESS"}`;
      },
      set: (ctx: UnitContext) => {
        const log = port(ctx).log;
        parseChoiceArg(ctx, ["LOGGing"], 0);
        const action = parseChoiceArg(ctx, ["STARt", "STOP"], 1);
        if (log === undefined) throw new ScpiFault(-221, "Settings conflict", "no logging set up");
        log.startedAt = action === "START" ? model.snapshot().time : Number.POSITIVE_INFINITY;
      },
    },
    {
      pattern: "[SENSe]:FUNCtion:RESult",
      query: (ctx: UnitContext) => logResult(model, ports, ctx),
    },
  ];
}

export const keysightN77xx: SimDialect = {
  name: "keysight-n77xx",
  role: "optical",
  identity: "Keysight Technologies,N7745C,SIMN7745001,V5.00",
  create(model, depth) {
    const ports = new Map<number, Port>();
    return new ScpiInstrument({
      identity: this.identity,
      depth,
      reset: () => ports.clear(),
      commands: [...portCommands(model, ports), ...loggingCommands(model, ports)],
    });
  },
};
