// The simulated instruments: command tables over the shared bench model (the supply's
// table is in supply-commands.ts).
import type { Role } from "../model/roles.js";
import type { BenchModel } from "./bench-model.js";
import { findSimDialect } from "./dialects/index.js";
import { mgmtCommands } from "./mgmt-commands.js";
import {
  type CommandDef,
  formatNr3,
  parseBoolArg,
  parseNumberArg,
  ScpiFault,
  type UnitContext,
} from "./scpi-command.js";
import { ScpiInstrument } from "./scpi-engine.js";
import { supplyCommands } from "./supply-commands.js";

const bool = (v: boolean) => (v ? "1" : "0");

// Build the instrument that plays `role` on the bench.
export function createInstrument(role: Role, model: BenchModel): ScpiInstrument {
  const config = model.config;
  const depth = config.errorQueueDepth;
  const settings = config.instruments[role];
  const table: Record<Role, () => { commands: CommandDef[]; reset: () => void }> = {
    supply: () => supplyCommands(model),
    powermeter: () => ({ commands: powerMeterCommands(model), reset: () => {} }),
    coolant: () => coolantCommands(model),
    thermal: () => ({ commands: thermalCommands(model), reset: () => {} }),
    optical: () => ({ commands: opticalCommands(model), reset: () => {} }),
    ber: () => ({ commands: berCommands(model), reset: () => {} }),
    mgmt: () => mgmtCommands(model),
  };
  const instrument =
    settings.dialect === undefined
      ? new ScpiInstrument({ identity: settings.identity, depth, ...table[role]() })
      : findSimDialect(role, settings.dialect).create(model, depth);
  instrument.inputBufferBytes = settings.inputBufferBytes ?? instrument.inputBufferBytes;
  instrument.latency = settings.latency;
  for (const entry of settings.queuedErrors ?? [])
    instrument.status.push(entry.code, entry.message, entry.info);
  return instrument;
}

// An in-line DC power meter on the module's input.
function powerMeterCommands(model: BenchModel): CommandDef[] {
  const snap = () => model.snapshot().supply;
  return [
    { pattern: "MEASure:[SCALar]:VOLTage:[DC]", query: () => formatNr3(snap().voltage) },
    { pattern: "MEASure:[SCALar]:CURRent:[DC]", query: () => formatNr3(snap().current) },
    { pattern: "MEASure:[SCALar]:POWer:[DC]", query: () => formatNr3(snap().power) },
    { pattern: "READ", query: () => formatNr3(snap().power) },
    { pattern: "FETCh", query: () => formatNr3(snap().power) },
    {
      pattern: "MEASure:ALL",
      query: () =>
        [snap().voltage, snap().current, snap().power].map((v) => formatNr3(v)).join(","),
    },
  ];
}

// Chiller / coolant loop.
function coolantCommands(model: BenchModel): { commands: CommandDef[]; reset: () => void } {
  const c = model.coolant;
  const snap = () => model.snapshot().coolant;
  const commands: CommandDef[] = [
    {
      pattern: "[SOURce]:TEMPerature:[SPOint]",
      query: () => formatNr3(c.setpointC),
      set: (ctx) => {
        const v = parseNumberArg(ctx, 0, {
          min: 5,
          max: 60,
          def: model.config.coolant.setpointC,
          unit: "CEL",
        });
        model.change(() => {
          c.setpointC = v;
        });
      },
    },
    {
      pattern: "[SOURce]:FLOW:[SPOint]",
      query: () => formatNr3(c.flowSetpointLpm),
      set: (ctx) => {
        const v = parseNumberArg(ctx, 0, { min: 0, max: 10, def: model.config.coolant.flowLpm });
        model.change(() => {
          c.flowSetpointLpm = v;
        });
      },
    },
    {
      pattern: "OUTPut:[STATe]",
      query: () => bool(c.pumpOn),
      set: (ctx) => {
        const on = parseBoolArg(ctx);
        model.change(() => {
          c.pumpOn = on;
        });
      },
    },
    { pattern: "MEASure:TEMPerature:INLet", query: () => formatNr3(snap().inletC) },
    { pattern: "MEASure:TEMPerature:OUTLet", query: () => formatNr3(snap().outletC) },
    { pattern: "MEASure:FLOW", query: () => formatNr3(snap().flowLpm) },
    { pattern: "MEASure:PRESsure:[DIFFerential]", query: () => formatNr3(snap().pressureDropKPa) },
    { pattern: "SYSTem:FLUid", query: () => `"${model.config.coolant.fluid}"` },
  ];
  const reset = () =>
    model.change(() => {
      c.setpointC = model.config.coolant.setpointC;
      c.flowSetpointLpm = model.config.coolant.flowLpm;
      c.pumpOn = true;
    });
  return { commands, reset };
}

const thermalChannels = ["CASE", "COLDPLATE"];

// Parse a channel list `(@1)`, `(@1,2)` or `(@1:2)`; default all.
function channelList(ctx: UnitContext, count: number): number[] {
  const raw = ctx.args.join(",").trim();
  if (raw === "") return Array.from({ length: count }, (_, i) => i + 1);
  const m = /^\(@([\d,:\s]+)\)$/.exec(raw);
  if (!m) throw new ScpiFault(-104, "Data type error", raw);
  const out: number[] = [];
  for (const part of (m[1] ?? "").split(",")) {
    const [a, b] = part.split(":").map((x) => Number(x.trim()));
    if (a === undefined || !Number.isInteger(a)) throw new ScpiFault(-104, "Data type error", raw);
    const end = b ?? a;
    for (let ch = a; ch <= end; ch++) out.push(ch);
  }
  if (out.some((ch) => ch < 1 || ch > count)) throw new ScpiFault(-222, "Data out of range", raw);
  return out;
}

// Temperature logger: channel 1 module case, channel 2 cold plate.
function thermalCommands(model: BenchModel): CommandDef[] {
  const read = (ch: number) => {
    const snap = model.snapshot();
    return ch === 1 ? snap.module.caseC : snap.coldPlateC;
  };
  return [
    {
      pattern: "MEASure:TEMPerature",
      query: (ctx) =>
        channelList(ctx, 2)
          .map((ch) => formatNr3(read(ch)))
          .join(","),
    },
    {
      pattern: "ROUTe:CHANnel:LABel",
      query: (ctx) =>
        channelList(ctx, 2)
          .map((ch) => `"${thermalChannels[ch - 1]}"`)
          .join(","),
    },
  ];
}

function laneArg(model: BenchModel, ctx: UnitContext): number {
  const lanes = model.config.module.lanes;
  return Math.round(parseNumberArg(ctx, 0, { min: 1, max: lanes, def: 1 }));
}

// Optical power meter, one head per lane (dBm).
function opticalCommands(model: BenchModel): CommandDef[] {
  const lanes = model.config.module.lanes;
  return [
    {
      pattern: "MEASure:POWer",
      query: (ctx) => formatNr3(model.laneOpticalDbm(laneArg(model, ctx)), 4),
    },
    {
      pattern: "MEASure:POWer:ALL",
      query: () =>
        Array.from({ length: lanes }, (_, i) => formatNr3(model.laneOpticalDbm(i + 1), 4)).join(
          ",",
        ),
    },
    { pattern: "SENSe:LANE:COUNt", query: () => String(lanes) },
  ];
}

// 64-lane BER checker: per-lane pre-FEC BER, as text or as a binary block of float64 LE.
function berCommands(model: BenchModel): CommandDef[] {
  const lanes = model.config.module.lanes;
  const all = () => Array.from({ length: lanes }, (_, i) => model.laneBer(i + 1));
  return [
    { pattern: "FETCh:BER", query: (ctx) => formatNr3(model.laneBer(laneArg(model, ctx)), 3) },
    {
      pattern: "FETCh:BER:ALL",
      query: () =>
        all()
          .map((v) => formatNr3(v, 3))
          .join(","),
    },
    {
      pattern: "FETCh:BER:BLOCk",
      query: () => {
        const bytes = Buffer.alloc(lanes * 8);
        for (const [i, v] of all().entries()) bytes.writeDoubleLE(v, i * 8);
        const len = String(bytes.length);
        return `#${len.length}${len}${bytes.toString("latin1")}`;
      },
    },
    {
      pattern: "FETCh:LOCK",
      query: (ctx) => {
        const ber = model.laneBer(laneArg(model, ctx));
        return bool(Number.isFinite(ber) && ber < 1e-3);
      },
    },
    { pattern: "SENSe:LANE:COUNt", query: () => String(lanes) },
  ];
}
