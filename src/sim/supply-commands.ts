// The simulated DC supply's command table, in the Chroma 62000P dialect (what libsigrok's
// scpi-pps sends) plus SCPI-99 forms.
import type { BenchModel } from "./bench-model.js";
import {
  type CommandDef,
  formatNr3,
  parseBoolArg,
  parseChoiceArg,
  parseNumberArg,
  type UnitContext,
} from "./scpi-command.js";

const bool = (v: boolean) => (v ? "1" : "0");

/** A setting with a query form and a command form. */
interface Setting {
  query: () => string;
  set: (c: UnitContext) => void;
}

// The supply's settings (output, levels, protection), each as a query and a command handler.
function supplySettings(
  model: BenchModel,
): Record<"output" | "voltage" | "current" | "ovp" | "ocp", Setting> {
  const spec = model.config.instruments.supply;
  const s = model.supply;
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
  return { output, voltage, current, ovp, ocp };
}

// SYST:COMM:RLST LOC|REM|RWL and its query (the N5700 form of local/remote).
function remoteLocalState(model: BenchModel): Setting {
  const s = model.supply;
  return {
    query: () => (s.lockout ? "RWL" : s.remote ? "REM" : "LOC"),
    set: (c) => {
      const state = parseChoiceArg(c, ["LOCal", "REMote", "RWLock"]);
      s.remote = state !== "LOCAL";
      s.lockout = state === "RWLOCK";
    },
  };
}

// Build the supply's command table and its *RST action.
export function supplyCommands(model: BenchModel): { commands: CommandDef[]; reset: () => void } {
  const s = model.supply;
  const snap = () => model.snapshot().supply;
  const { output, voltage, current, ovp, ocp } = supplySettings(model);
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
      pattern: "[SOURce]:CURRent:PROTection:STATe",
      ...onOff(
        () => s.ocpEnabled,
        (v) =>
          model.change(() => {
            s.ocpEnabled = v;
          }),
      ),
    },
    { pattern: "SYSTem:COMMunicate:RLSTate", ...remoteLocalState(model) },
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
