// Keysight DAQ970A (and 34970A/34972A) data-acquisition unit with a DAQM901A multiplexer in
// slot 1: `MEAS:TEMP? TC,K,(@101)` with three-digit channel lists (slot x 100 + channel),
// readings as NR3 in a comma list, SCPI error queue. Channel 101 is the module case, 102 the
// cold plate, the other channels of the card read ambient. An open thermocouple reads +9.9E37.
import type { BenchModel } from "../bench-model.js";
import { formatNr3, parseChoiceArg, ScpiFault, type UnitContext } from "../scpi-command.js";
import { ScpiInstrument } from "../scpi-engine.js";
import type { SimDialect } from "./dialect.js";

const probes = ["TCouple", "DEFault"];
const types = ["B", "E", "J", "K", "N", "R", "S", "T", "DEFault"];
/** DAQM901A: 20 channels in slot 1. */
const first = 101;
const last = 120;

// The channels of a scan list `(@101)`, `(@101,102)` or `(@101:103)`.
export function parseScanList(text: string): number[] {
  const m = /^\(@([\d,:\s]+)\)$/.exec(text.trim());
  if (!m) throw new ScpiFault(-104, "Data type error", text);
  const out: number[] = [];
  for (const part of (m[1] ?? "").split(",")) {
    const [a, b] = part.split(":").map((x) => Number(x.trim()));
    if (a === undefined || !Number.isInteger(a)) throw new ScpiFault(-104, "Data type error", text);
    for (let ch = a; ch <= (b ?? a); ch++) out.push(ch);
  }
  // A channel that is not on the card: the instrument rejects the whole list.
  if (out.some((ch) => ch < first || ch > last))
    throw new ScpiFault(-222, "Data out of range", text);
  return out;
}

function measureTemperature(model: BenchModel, ctx: UnitContext): string {
  if (ctx.args.length < 3) throw new ScpiFault(-109, "Missing parameter", ctx.header);
  parseChoiceArg(ctx, probes, 0);
  parseChoiceArg(ctx, types, 1);
  const snap = model.snapshot();
  const read = (ch: number) =>
    ch === 101
      ? snap.module.caseC
      : ch === 102
        ? snap.coldPlateC
        : model.config.module.thermal.ambientC;
  return parseScanList(ctx.args.slice(2).join(","))
    .map((ch) => formatNr3(read(ch), 9))
    .join(",");
}

export const keysightDaq970a: SimDialect = {
  name: "keysight-daq970a",
  role: "thermal",
  identity: "Keysight Technologies,DAQ970A,SIM970A0001,A.03.02-01.00-03.02-00.02-02.00-02-02",
  create(model, depth) {
    return new ScpiInstrument({
      identity: this.identity,
      depth,
      reset: () => {},
      commands: [
        { pattern: "MEASure:TEMPerature", query: (ctx) => measureTemperature(model, ctx) },
      ],
    });
  },
};
