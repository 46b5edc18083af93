// Keysight N6900/N7900 Advanced Power System (here an 80 V class unit): the SCPI supply
// commands (`VOLT`, `CURR`, `OUTP`, `MEAS:VOLT?` ...) plus the external data log (Elog):
// `SENS:ELOG:FUNC:CURR ON`, `SENS:ELOG:FUNC:VOLT ON`, `...:MINM ON`, `SENS:ELOG:PER <s>`,
// `INIT:ELOG` (starts logging here: the trigger is immediate), `FETC:ELOG? <n>` (the oldest n
// records, oldest first: current avg[,min,max] then voltage avg[,min,max]), `ABOR:ELOG`.
// The Elog FIFO holds about 20 s of records: a host that does not drain it in time loses the
// oldest (this simulator overwrites them and counts the loss).
import type { BenchModel } from "../bench-model.js";
import { formatNr3, parseBoolArg, parseNumberArg, ScpiFault } from "../scpi-command.js";
import { ScpiInstrument } from "../scpi-engine.js";
import { supplyCommands } from "../supply-commands.js";
import type { SimDialect } from "./dialect.js";

/** Seconds of records the Elog FIFO holds. */
export const elogFifoSeconds = 20;

interface Elog {
  current: boolean;
  voltage: boolean;
  minMax: boolean;
  periodS: number;
  /** Virtual time of the next record, when running. */
  nextAt: number | undefined;
  fifo: number[][];
  /** Records overwritten before they were fetched. */
  lost: number;
}

// Add the records due up to now (values as measured now; the FIFO keeps the newest).
function sample(model: BenchModel, log: Elog): void {
  if (log.nextAt === undefined) return;
  const snap = model.snapshot();
  const capacity = Math.floor(elogFifoSeconds / log.periodS);
  const triple = (v: number) => (log.minMax ? [v, v, v] : [v]);
  const record = [
    ...(log.current ? triple(snap.supply.current) : []),
    ...(log.voltage ? triple(snap.supply.voltage) : []),
  ];
  while (log.nextAt <= snap.time) {
    log.fifo.push(record);
    log.nextAt += log.periodS;
    if (log.fifo.length > capacity) {
      log.fifo.shift();
      log.lost++;
    }
  }
}

function elogCommands(model: BenchModel, log: Elog) {
  const flag = (key: "current" | "voltage" | "minMax") => ({
    query: () => (log[key] ? "1" : "0"),
    set: (ctx: Parameters<typeof parseBoolArg>[0]) => {
      log[key] = parseBoolArg(ctx);
    },
  });
  return [
    { pattern: "[SENSe]:ELOG:FUNCtion:CURRent", ...flag("current") },
    { pattern: "[SENSe]:ELOG:FUNCtion:VOLTage", ...flag("voltage") },
    { pattern: "[SENSe]:ELOG:FUNCtion:CURRent:MINMax", ...flag("minMax") },
    { pattern: "[SENSe]:ELOG:FUNCtion:VOLTage:MINMax", ...flag("minMax") },
    {
      pattern: "[SENSe]:ELOG:PERiod",
      query: () => formatNr3(log.periodS),
      set: (ctx: Parameters<typeof parseBoolArg>[0]) => {
        log.periodS = parseNumberArg(ctx, 0, { min: 1.024e-4, max: 60, unit: "S" });
      },
    },
    {
      pattern: "INITiate:[IMMediate]:ELOG",
      set: () => {
        log.fifo = [];
        log.lost = 0;
        log.nextAt = model.snapshot().time + log.periodS;
      },
    },
    {
      pattern: "ABORt:ELOG",
      set: () => {
        log.nextAt = undefined;
      },
    },
    {
      pattern: "FETCh:ELOG",
      query: (ctx: Parameters<typeof parseBoolArg>[0]) => {
        const max = Math.round(parseNumberArg(ctx, 0, { min: 1, max: 100000 }));
        if (!log.current && !log.voltage)
          throw new ScpiFault(-221, "Settings conflict", "no Elog function enabled");
        sample(model, log);
        return log.fifo
          .splice(0, max)
          .flat()
          .map((v) => formatNr3(v, 6))
          .join(",");
      },
    },
  ];
}

export const keysightN7900: SimDialect = {
  name: "keysight-n7900",
  role: "supply",
  identity: "Keysight Technologies,N7954A,SIMN7954001,B.01.05.1215",
  create(model, depth) {
    const log: Elog = {
      current: false,
      voltage: false,
      minMax: false,
      periodS: 0.1,
      nextAt: undefined,
      fifo: [],
      lost: 0,
    };
    const { commands, reset } = supplyCommands(model);
    const instrument = new ScpiInstrument({
      identity: this.identity,
      depth,
      reset,
      commands: [...commands, ...elogCommands(model, log)],
    });
    elogLosses.set(instrument, log);
    return instrument;
  },
};

/** Per simulated N7900: how many Elog records were overwritten unread (tests read it). */
const elogLosses = new WeakMap<ScpiInstrument, Elog>();
export function elogLost(instrument: ScpiInstrument): number {
  return elogLosses.get(instrument)?.lost ?? 0;
}
