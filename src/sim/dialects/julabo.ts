// Julabo circulators (FP/CF/Dyneo families), RS-232: 4800 baud 7E1 with hardware handshake,
// commands end with CR, replies with CRLF. `version` identifies, `status` answers "03 REMOTE
// START"-style text, `in_pv_00` is the bath (outflow: the module's inlet), `in_pv_02` the
// external Pt100 (the module's outlet), `in_sp_00`/`out_sp_00 <°C>` the setpoint,
// `out_mode_05 1|0` starts/stops. OUT commands answer nothing.
// Pacing: the manual asks for >= 250 ms between OUT commands and >= 10 ms between IN commands;
// this simulator IGNORES a command that comes sooner (and counts it), as a real unit may lose it.
// Not confirmed from a public guide, the simulator's own: the flow reading `in_pv_03` and the
// flow setpoint `in_sp_07`/`out_sp_07 <L/min>` (Julabo circulators have pump stages, not flow).
import type { BenchModel } from "../bench-model.js";
import type { SimDialect } from "./dialect.js";
import { fixed, LineInstrument } from "./line-instrument.js";

/** Minimum gaps the manual asks for, ms. */
export const julaboPacing = { outMs: 250, inMs: 10 };

type Handler = (arg: string) => string | undefined;

function handlers(model: BenchModel, identity: string): Record<string, Handler> {
  const c = model.coolant;
  const snap = () => model.snapshot().coolant;
  const set = (apply: (v: number) => void) => (arg: string) => {
    const v = Number(arg);
    if (arg !== "" && Number.isFinite(v)) model.change(() => apply(v));
    return undefined;
  };
  return {
    version: () => identity,
    status: () => (c.pumpOn ? "03 REMOTE START" : "02 REMOTE STOP"),
    in_pv_00: () => fixed(snap().inletC, 2),
    in_pv_02: () => fixed(snap().outletC, 2),
    in_pv_03: () => fixed(snap().flowLpm, 2),
    in_sp_00: () => fixed(c.setpointC, 2),
    in_sp_07: () => fixed(c.flowSetpointLpm, 2),
    in_mode_05: () => (c.pumpOn ? "1" : "0"),
    out_sp_00: set((v) => {
      c.setpointC = v;
    }),
    out_sp_07: set((v) => {
      c.flowSetpointLpm = v;
    }),
    out_mode_05: set((v) => {
      c.pumpOn = v !== 0;
    }),
  };
}

export const julabo: SimDialect = {
  name: "julabo",
  role: "coolant",
  identity: "JULABO FP51-SL VERSION 4.0",
  create(model, depth) {
    const table = handlers(model, this.identity);
    const last = { out: Number.NEGATIVE_INFINITY, in: Number.NEGATIVE_INFINITY };
    const instrument: LineInstrument = new LineInstrument({
      identity: this.identity,
      depth,
      inputEnd: 0x0d,
      replyEnd: "\r\n",
      handle: (line) => {
        const [head = "", arg = ""] = line.split(/\s+/, 2);
        const key = head.toLowerCase();
        const out = key.startsWith("out_");
        const now = performance.now();
        const gap = out ? julaboPacing.outMs : julaboPacing.inMs;
        if (now - (out ? last.out : last.in) < gap) {
          instrument.pacingViolations++;
          return undefined;
        }
        if (out) last.out = now;
        else last.in = now;
        return table[key]?.(arg);
      },
    });
    return instrument;
  },
};
