// The six simulated instruments: command tables over the shared bench model.
import type { BenchModel } from "./bench-model.js";
import type { Role } from "./config.js";
import {
  type CommandDef,
  formatNr3,
  parseBoolArg,
  parseNumberArg,
  ScpiFault,
  ScpiInstrument,
  type UnitContext,
} from "./scpi-engine.js";

const bool = (v: boolean) => (v ? "1" : "0");

// Build the instrument that plays `role` on the bench.
export function createInstrument(role: Role, model: BenchModel): ScpiInstrument {
  const config = model.config;
  const depth = config.errorQueueDepth;
  const identity = config.instruments[role].identity;
  const table: Record<Role, () => { commands: CommandDef[]; reset: () => void }> = {
    supply: () => supplyCommands(model),
    powermeter: () => ({ commands: powerMeterCommands(model), reset: () => {} }),
    coolant: () => coolantCommands(model),
    thermal: () => ({ commands: thermalCommands(model), reset: () => {} }),
    optical: () => ({ commands: opticalCommands(model), reset: () => {} }),
    ber: () => ({ commands: berCommands(model), reset: () => {} }),
  };
  const { commands, reset } = table[role]();
  return new ScpiInstrument({ identity, depth, commands, reset });
}

// DC supply in the Chroma 62000P dialect (what libsigrok's scpi-pps sends) plus SCPI-99 forms.
function supplyCommands(model: BenchModel): { commands: CommandDef[]; reset: () => void } {
  const spec = model.config.instruments.supply;
  const s = model.supply;
  const snap = () => model.snapshot().supply;
  const output = {
    query: () => bool(model.snapshot().supply.output),
    set: (c: UnitContext) => {
      const on = parseBoolArg(c);
      model.change(() => {
        if (on) s.trip = "none";
        s.output = on;
      });
    },
  };
  const voltage = {
    query: () => formatNr3(s.voltageSetpoint),
    set: (c: UnitContext) => {
      const v = parseNumberArg(c, 0, { min: 0, max: spec.maxVoltage, def: 0, unit: "V" });
      model.change(() => {
        s.voltageSetpoint = v;
      });
    },
  };
  const current = {
    query: () => formatNr3(s.currentLimit),
    set: (c: UnitContext) => {
      const a = parseNumberArg(c, 0, { min: 0, max: spec.maxCurrent, def: 0, unit: "A" });
      model.change(() => {
        s.currentLimit = a;
      });
    },
  };
  const ovp = {
    query: () => formatNr3(s.ovpLevel),
    set: (c: UnitContext) => {
      const v = parseNumberArg(c, 0, {
        min: 0,
        max: spec.maxVoltage * 1.1,
        def: spec.maxVoltage,
        unit: "V",
      });
      model.change(() => {
        s.ovpLevel = v;
      });
    },
  };
  const ocp = {
    query: () => formatNr3(s.ocpLevel),
    set: (c: UnitContext) => {
      const a = parseNumberArg(c, 0, {
        min: 0,
        max: spec.maxCurrent * 1.1,
        def: spec.maxCurrent,
        unit: "A",
      });
      model.change(() => {
        s.ocpLevel = a;
      });
    },
  };
  const onOff = (get: () => boolean, put: (v: boolean) => void) => ({
    query: () => bool(get()),
    set: (c: UnitContext) => put(parseBoolArg(c)),
  });
  const commands: CommandDef[] = [
    {
      pattern: "CONFigure:REMote",
      ...onOff(
        () => s.remote,
        (v) => {
          s.remote = v;
        },
      ),
    },
    {
      pattern: "CONFigure:BEEPer",
      ...onOff(
        () => s.beeper,
        (v) => {
          s.beeper = v;
        },
      ),
    },
    { pattern: "CONFigure:OUTPut", ...output },
    { pattern: "OUTPut:[STATe]", ...output },
    { pattern: "MEASure:[SCALar]:VOLTage:[DC]", query: () => formatNr3(snap().voltage) },
    { pattern: "MEASure:[SCALar]:CURRent:[DC]", query: () => formatNr3(snap().current) },
    { pattern: "MEASure:[SCALar]:POWer:[DC]", query: () => formatNr3(snap().power) },
    { pattern: "[SOURce]:VOLTage:[LEVel]:[IMMediate]:[AMPLitude]", ...voltage },
    { pattern: "[SOURce]:CURRent:[LEVel]:[IMMediate]:[AMPLitude]", ...current },
    { pattern: "[SOURce]:CURRent:LIMit", ...current },
    { pattern: "[SOURce]:VOLTage:PROTection:HIGH", ...ovp },
    { pattern: "[SOURce]:VOLTage:PROTection:[LEVel]", ...ovp },
    { pattern: "[SOURce]:CURRent:PROTection:HIGH", ...ocp },
    { pattern: "[SOURce]:CURRent:PROTection:[LEVel]", ...ocp },
    { pattern: "OUTPut:MODE", query: () => snap().mode.toUpperCase() },
    {
      pattern: "OUTPut:PROTection:TRIPped",
      query: () => model.snapshot().supply.trip.toUpperCase(),
    },
    {
      pattern: "OUTPut:PROTection:CLEar",
      set: () =>
        model.change(() => {
          s.trip = "none";
        }),
    },
    {
      pattern: "SYSTem:REMote",
      set: () => {
        s.remote = true;
      },
    },
    {
      pattern: "SYSTem:LOCal",
      set: () => {
        s.remote = false;
      },
    },
  ];
  return { commands, reset: () => model.resetSupply() };
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
