// Santec MPM-210H multi-port optical power meter mainframe with MPM-211 modules (4 ports each):
// its legacy (non-SCPI) command set on LAN port 5000 with CRLF both ways. `READ? <module>`
// answers the module's four powers, comma separated; `WAV`, `UNIT`, `AVG`, `AUTO` set and
// answer nothing; `ERR?` reports the last error. One simulated mainframe holds a module per
// four lanes (modules 0..15 for 64 lanes; a real MPM-210H has 5 slots, so a 64-lane bench uses
// several), lane n on module floor((n-1)/4), port (n-1)%4+1. A dark port reads -99.999 dBm:
// that value is the simulator's choice (the guide was not found), below every module's range.
import type { BenchModel } from "../bench-model.js";
import type { SimDialect } from "./dialect.js";
import { fixed, LineInstrument } from "./line-instrument.js";

const dark = -99.999;

interface MpmState {
  wavelengthNm: number;
  unit: number;
  averagingMs: number;
  error: string;
}

function readModule(model: BenchModel, state: MpmState, arg: string): string | undefined {
  const module = Number(arg);
  const modules = Math.ceil(model.config.module.lanes / 4);
  if (!/^\d+$/.test(arg) || module >= modules) {
    state.error = `-222,"Data out of range: module ${arg}"`;
    return undefined;
  }
  return [1, 2, 3, 4]
    .map((port) => {
      const dbm = model.laneOpticalDbm(module * 4 + port);
      return fixed(Number.isFinite(dbm) ? dbm : dark, 3);
    })
    .join(",");
}

// Set one of the numeric settings; a malformed value is remembered for ERR?.
function setNumber(state: MpmState, key: "wavelengthNm" | "unit" | "averagingMs", arg: string) {
  const value = Number(arg);
  if (arg === "" || !Number.isFinite(value)) state.error = `-104,"Data type error: ${arg}"`;
  else state[key] = value;
  return undefined;
}

export const santecMpm210h: SimDialect = {
  name: "santec-mpm210h",
  role: "optical",
  identity: "SANTEC,MPM-210H,SIM210H0001,Ver1.50",
  create(model, depth) {
    const state: MpmState = {
      wavelengthNm: 1310,
      unit: 0,
      averagingMs: 100,
      error: '0,"No error"',
    };
    const handlers: Record<string, (arg: string) => string | undefined> = {
      "*IDN?": () => this.identity,
      "READ?": (arg) => readModule(model, state, arg),
      WAV: (arg) => setNumber(state, "wavelengthNm", arg),
      "WAV?": () => fixed(state.wavelengthNm, 3),
      UNIT: (arg) => setNumber(state, "unit", arg),
      "UNIT?": () => String(state.unit),
      AVG: (arg) => setNumber(state, "averagingMs", arg),
      AUTO: () => undefined,
      ZERO: () => undefined,
      "ERR?": () => {
        const e = state.error;
        state.error = '0,"No error"';
        return e;
      },
    };
    return new LineInstrument({
      identity: this.identity,
      depth,
      inputEnd: 0x0a,
      replyEnd: "\r\n",
      handle: (line) => {
        const [head = "", ...rest] = line.split(/\s+/);
        const handler = handlers[head.toUpperCase()];
        if (handler === undefined) {
          state.error = `-113,"Undefined header: ${head}"`;
          return undefined;
        }
        return handler(rest.join(" "));
      },
    });
  },
};
