// TDK-Lambda Genesys (GEN) supply in its legacy GEN protocol (here a GEN80-19, 80 V / 19 A,
// 1520 W): CR ends every command and every reply; a unit on the RS-485 chain listens only
// after `ADR <n>` names its address (until then it ignores everything); every command that is
// not a query answers `OK`; `PV`/`PC` set voltage and current, `MV?`/`MC?` measure,
// `OUT 1|0`, `OVP`, `MODE?` (CV, CC or OFF), `RMT`, `FLT?` (fault register, hex). Errors are
// answered in place of OK: C01 unknown command, C03 bad parameter, E01 a voltage the unit
// cannot program (above its rating or too close to the OVP level). The error codes follow the
// Genesys manual as summarised by public drivers; their exact texts were not confirmed.
import type { BenchModel } from "../bench-model.js";
import type { SimDialect } from "./dialect.js";
import { fixed, LineInstrument } from "./line-instrument.js";

type Handler = (arg: string) => string;

// Parse a numeric argument; undefined for a malformed one.
const numberOf = (arg: string) => (/^[+-]?\d+(\.\d*)?$/.test(arg) ? Number(arg) : undefined);

function handlers(model: BenchModel, identity: string): Record<string, Handler> {
  const spec = model.config.instruments.supply;
  const s = model.supply;
  const snap = () => model.snapshot().supply;
  const setLevel = (max: number, apply: (v: number) => boolean) => (arg: string) => {
    const v = numberOf(arg);
    if (v === undefined || v < 0) return "C03";
    if (v > max) return "E01";
    let ok = true;
    model.change(() => {
      ok = apply(v);
    });
    return ok ? "OK" : "E01";
  };
  return {
    "IDN?": () => identity,
    "REV?": () => "1U:4.1",
    RMT: () => {
      s.remote = true;
      return "OK";
    },
    "RMT?": () => (s.remote ? "REM" : "LOC"),
    // The unit refuses a voltage above OVP / 1.05.
    PV: setLevel(spec.maxVoltage, (v) => {
      if (v > s.ovpLevel / 1.05) return false;
      s.voltageSetpoint = v;
      return true;
    }),
    "PV?": () => fixed(s.voltageSetpoint, 3),
    "MV?": () => fixed(snap().voltage, 3),
    PC: setLevel(spec.maxCurrent, (a) => {
      s.currentLimit = a;
      return true;
    }),
    "PC?": () => fixed(s.currentLimit, 3),
    "MC?": () => fixed(snap().current, 3),
    OVP: setLevel(spec.maxVoltage * 1.1, (v) => {
      s.ovpLevel = v;
      return true;
    }),
    "OVP?": () => fixed(s.ovpLevel, 2),
    OUT: (arg) => {
      const on = /^(1|ON)$/i.test(arg);
      if (!on && !/^(0|OFF)$/i.test(arg)) return "C03";
      model.change(() => {
        if (on) s.trip = "none";
        s.output = on;
      });
      return "OK";
    },
    "OUT?": () => (snap().output ? "ON" : "OFF"),
    "MODE?": () => (snap().output ? snap().mode.toUpperCase() : "OFF"),
    "FLT?": () => (snap().trip === "none" ? "00" : "08"),
    CLS: () => {
      model.change(() => {
        s.trip = "none";
      });
      return "OK";
    },
  };
}

export const tdkLambdaGen: SimDialect = {
  name: "tdk-lambda-gen",
  role: "supply",
  identity: "LAMBDA,GEN80-19",
  create(model, depth) {
    const address = model.config.instruments.supply.address ?? 6;
    const table = handlers(model, this.identity);
    let selected = false;
    return new LineInstrument({
      identity: this.identity,
      depth,
      inputEnd: 0x0d,
      replyEnd: "\r",
      reset: () => model.resetSupply(),
      handle: (line) => {
        const [head = "", arg = ""] = line.toUpperCase().split(/\s+/, 2);
        if (head === "ADR") {
          selected = numberOf(arg) === address;
          return selected ? "OK" : undefined;
        }
        if (!selected) return undefined;
        return (table[head] ?? (() => "C01"))(arg);
      },
    });
  },
};
