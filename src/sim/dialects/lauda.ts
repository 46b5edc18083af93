// Lauda thermostats (Eco, Variocool, RE/Proline families) over RS-232/USB: CRLF both ways,
// fixed-width numeric fields. `TYPE` identifies; `IN_PV_00` is the bath (the module's inlet),
// `IN_PV_01` the external sensor (the module's outlet), `IN_SP_00` the setpoint, all answered
// as XXX.XX; `OUT_SP_00_XXX.XX` sets it (exactly three digits, a point and two: 025.00 or
// -05.00); `START`/`STOP` run the pump. Every command is acknowledged with `OK`, a bad one with
// `ERR_<n>`. Not confirmed from a public guide, the simulator's own: the `TYPE` reply text, the
// error numbers, the flow reading `IN_PV_08` and the flow setpoint `OUT_SP_08_XXX.XX` (L/min).
import type { BenchModel } from "../bench-model.js";
import type { SimDialect } from "./dialect.js";
import { LineInstrument } from "./line-instrument.js";

/** A fixed-width field: 025.00, -05.00 (six characters). */
export function laudaField(value: number): string {
  if (!Number.isFinite(value)) return "---.--";
  const text = Math.abs(value)
    .toFixed(2)
    .padStart(value < 0 ? 5 : 6, "0");
  return value < 0 ? `-${text}` : text;
}

const fieldPattern = /^(\d{3}\.\d{2}|-\d{2}\.\d{2})$/;

function handle(model: BenchModel, identity: string, line: string): string {
  const c = model.coolant;
  const snap = () => model.snapshot().coolant;
  const reads: Record<string, () => number> = {
    IN_PV_00: () => snap().inletC,
    IN_PV_01: () => snap().outletC,
    IN_PV_08: () => snap().flowLpm,
    IN_SP_00: () => c.setpointC,
    IN_SP_08: () => c.flowSetpointLpm,
  };
  const upper = line.toUpperCase();
  if (upper === "TYPE") return identity;
  const read = reads[upper];
  if (read !== undefined) return laudaField(read());
  if (upper === "START" || upper === "STOP") {
    model.change(() => {
      c.pumpOn = upper === "START";
    });
    return "OK";
  }
  const m = /^OUT_SP_(00|08)_(.*)$/.exec(upper);
  if (m === null) return "ERR_2";
  if (!fieldPattern.test(m[2] ?? "")) return "ERR_6";
  const v = Number(m[2]);
  model.change(() => {
    if (m[1] === "00") c.setpointC = v;
    else c.flowSetpointLpm = v;
  });
  return "OK";
}

export const lauda: SimDialect = {
  name: "lauda",
  role: "coolant",
  identity: "VC5000",
  create(model, depth) {
    return new LineInstrument({
      identity: this.identity,
      depth,
      inputEnd: 0x0a,
      replyEnd: "\r\n",
      handle: (line) => handle(model, this.identity, line),
    });
  },
};
