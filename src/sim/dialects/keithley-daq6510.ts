// Keithley DAQ6510 data-acquisition multimeter with a 7700 20-channel multiplexer in slot 1:
// channels are configured per channel list (`:SENS:FUNC "TEMP",(@101)`,
// `:SENS:TEMP:TRAN TC,(@101)`, `:SENS:TEMP:TC:TYPE K,(@101)`), then `:ROUT:CLOS (@101)` closes
// the channel and `:READ?` reads it (NR3). Reading a channel not set to temperature is a
// settings conflict (-221) in this simulation. Channel 101 is the module case, 102 the cold
// plate, the others ambient; an open thermocouple reads +9.9E37.
import type { BenchModel } from "../bench-model.js";
import { formatNr3, ScpiFault, type UnitContext } from "../scpi-command.js";
import { ScpiInstrument } from "../scpi-engine.js";
import type { SimDialect } from "./dialect.js";
import { parseScanList } from "./keysight-daq970a.js";

const types = ["B", "E", "J", "K", "N", "R", "S", "T"];

interface Channel {
  fn: string;
  transducer: string;
  type: string;
}

// Split `<value>,(@list)` into the value and the channels.
function valueAndChannels(ctx: UnitContext): { value: string; channels: number[] } {
  const text = ctx.args.join(",");
  const at = text.indexOf("(@");
  if (at < 0) throw new ScpiFault(-109, "Missing parameter", ctx.header);
  const value = text.slice(0, at).replace(/,\s*$/, "").trim();
  return {
    value: value.replace(/^["']|["']$/g, "").toUpperCase(),
    channels: parseScanList(text.slice(at)),
  };
}

function reading(model: BenchModel, ch: number): number {
  const snap = model.snapshot();
  return ch === 101
    ? snap.module.caseC
    : ch === 102
      ? snap.coldPlateC
      : model.config.module.thermal.ambientC;
}

export const keithleyDaq6510: SimDialect = {
  name: "keithley-daq6510",
  role: "thermal",
  identity: "KEITHLEY INSTRUMENTS,MODEL DAQ6510,SIM6510001,1.7.12b",
  create(model, depth) {
    const channels = new Map<number, Channel>();
    let closed: number | undefined;
    const channel = (ch: number) => {
      const c = channels.get(ch) ?? { fn: "VOLT:DC", transducer: "TC", type: "K" };
      channels.set(ch, c);
      return c;
    };
    const perChannel = (apply: (c: Channel, value: string) => void) => (ctx: UnitContext) => {
      const { value, channels: list } = valueAndChannels(ctx);
      for (const ch of list) apply(channel(ch), value);
    };
    return new ScpiInstrument({
      identity: this.identity,
      depth,
      reset: () => {
        channels.clear();
        closed = undefined;
      },
      commands: [
        {
          pattern: "[SENSe]:FUNCtion:[ON]",
          set: perChannel((c, v) => {
            if (!["TEMP", "TEMPERATURE", "VOLT:DC", "VOLTAGE:DC"].includes(v))
              throw new ScpiFault(-224, "Illegal parameter value", v);
            c.fn = v.startsWith("TEMP") ? "TEMP" : "VOLT:DC";
          }),
        },
        {
          pattern: "[SENSe]:TEMPerature:TRANsducer",
          set: perChannel((c, v) => {
            if (!["TC", "TCOUPLE", "RTD", "THER"].includes(v))
              throw new ScpiFault(-224, "Illegal parameter value", v);
            c.transducer = v.startsWith("TC") ? "TC" : v;
          }),
        },
        {
          pattern: "[SENSe]:TEMPerature:TCouple:TYPE",
          set: perChannel((c, v) => {
            if (!types.includes(v)) throw new ScpiFault(-224, "Illegal parameter value", v);
            c.type = v;
          }),
        },
        {
          pattern: "ROUTe:CLOSe",
          set: (ctx) => {
            const list = parseScanList(ctx.args.join(","));
            if (list.length !== 1) throw new ScpiFault(-221, "Settings conflict", ctx.header);
            closed = list[0];
          },
        },
        {
          pattern: "READ",
          query: () => {
            const c = closed === undefined ? undefined : channels.get(closed);
            if (closed === undefined || c?.fn !== "TEMP" || c.transducer !== "TC")
              throw new ScpiFault(-221, "Settings conflict", "READ?");
            return formatNr3(reading(model, closed), 9);
          },
        },
      ],
    });
  },
};
