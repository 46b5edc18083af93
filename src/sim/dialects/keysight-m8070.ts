// Keysight M8040A/M8050A BERT under the M8070 system software: locations are quoted names
// ('M1.DataIn1'), replies are parenthesised tuples with the location quoted, and a group name
// ('Lanes', every lane's input) answers for all its members in one reply. Instantaneous BER:
// `:FETC:IBER? 'M1.DataIn<n>'` -> (timestamp,"M1.DataIn<n>",BER); sync loss:
// `:STAT:INST:SLOS? '<location>'` -> 1 while the checker has no pattern lock (module dark or
// the lane failed). A location that does not exist queues an error.
import type { BenchModel } from "../bench-model.js";
import { formatNr3, parseStringArg, ScpiFault, type UnitContext } from "../scpi-command.js";
import { ScpiInstrument } from "../scpi-engine.js";
import type { SimDialect } from "./dialect.js";

/** The group holding every lane's error detector input. */
export const laneGroup = "Lanes";

// The lanes a location or group names.
function lanesOf(model: BenchModel, ctx: UnitContext): number[] {
  const name = parseStringArg(ctx);
  const lanes = model.config.module.lanes;
  if (name === laneGroup) return Array.from({ length: lanes }, (_, i) => i + 1);
  const m = /^M1\.DataIn(\d+)$/.exec(name);
  const lane = Number(m?.[1]);
  if (!m || lane < 1 || lane > lanes) throw new ScpiFault(-224, "Illegal parameter value", name);
  return [lane];
}

const synced = (ber: number) => Number.isFinite(ber) && ber < 1e-3;

export const keysightM8070: SimDialect = {
  name: "keysight-m8070",
  role: "ber",
  identity: "Keysight Technologies,M8070B,SIM8070001,10.5.120.5",
  create(model, depth) {
    const stamp = () => model.snapshot().time.toFixed(3);
    return new ScpiInstrument({
      identity: this.identity,
      depth,
      reset: () => {},
      commands: [
        {
          pattern: "FETCh:IBERate",
          query: (ctx) =>
            lanesOf(model, ctx)
              .map((lane) => {
                const ber = model.laneBer(lane);
                // Without sync the detector has nothing to count: the ratio field is NaN.
                const value = synced(ber) ? formatNr3(ber, 6) : "9.91E+37";
                return `(${stamp()},"M1.DataIn${lane}",${value})`;
              })
              .join(","),
        },
        {
          pattern: "STATus:INSTrument:SLOSs",
          query: (ctx) =>
            lanesOf(model, ctx)
              .map((lane) => (synced(model.laneBer(lane)) ? "0" : "1"))
              .join(","),
        },
      ],
    });
  },
};
