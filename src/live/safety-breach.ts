// The safety monitor's judgement of one round of readings: a safety reading the instrument
// cannot make (overrange, NaN, infinite, outside its range) is a trip, as is a supply
// protection trip (OVP, OCP, OTP) and a breach of one of the station's interlocks.
import type { StationFile } from "../generated/station.js";
import { findInvalidReading, type Quantity, type RoleDriver } from "../instruments/driver.js";
import { GLANCE_DIGITS, roundSignificant } from "../model/round.js";

/** Why the safety controller switched the output off. */
export type TripKind =
  | "over-temperature"
  | "over-current"
  | "flow-loss"
  | "inlet-temperature"
  | "invalid-reading"
  | "supply-protection"
  | "instrument-error"
  | "instrument-timeout"
  | "interlock"
  | "interrupted"
  | "exception";

/** The readings of one monitor round the interlocks judge. */
export interface SafetyReadings {
  amps: number;
  caseC: number;
  flow: number;
  inlet: number;
  /** The supply's protection state ("none", or OVP, OCP, OTP ...). */
  protection: string;
}

/** The instruments those readings come from. */
export interface SafetyMeters {
  supply: RoleDriver;
  coolant: RoleDriver;
  thermal: RoleDriver;
}

export interface Breach {
  kind: TripKind;
  message: string;
}

// The first safety reading the instrument could not make, named with its instrument.
export function findBlindReading(r: SafetyReadings, m: SafetyMeters): Breach | undefined {
  const checks: [string, number, RoleDriver, Quantity][] = [
    ["case temperature", r.caseC, m.thermal, "temperature"],
    ["input current", r.amps, m.supply, "current"],
    ["coolant flow", r.flow, m.coolant, "flow"],
    ["coolant inlet", r.inlet, m.coolant, "temperature"],
  ];
  for (const [what, value, meter, quantity] of checks) {
    const problem = findInvalidReading(value, meter.range[quantity], meter.accuracy[quantity]);
    if (problem !== undefined)
      return {
        kind: "invalid-reading",
        message: `${what} from ${meter.describe()}: ${problem}; the interlock cannot judge it, so the output goes off`,
      };
  }
  return undefined;
}

// The first breach of a round of readings while powered; undefined when all is well.
export function findBreach(
  r: SafetyReadings,
  s: StationFile["safety"],
  m: SafetyMeters,
): Breach | undefined {
  if (r.protection !== "none")
    return {
      kind: "supply-protection",
      message: `the supply's ${r.protection} protection tripped (OUTP:PROT:TRIP? answered ${r.protection}); its output is off`,
    };
  const blind = findBlindReading(r, m);
  if (blind !== undefined) return blind;
  const fmt = (v: number) => roundSignificant(v, GLANCE_DIGITS);
  if (!(r.caseC <= s.maxCaseTemperatureC))
    return {
      kind: "over-temperature",
      message: `case temperature ${fmt(r.caseC)} °C above the station's maxCaseTemperatureC ${s.maxCaseTemperatureC} °C`,
    };
  if (!(r.amps <= s.maxCurrentA))
    return {
      kind: "over-current",
      message: `input current ${fmt(r.amps)} A above the station's maxCurrentA ${s.maxCurrentA} A`,
    };
  if (!(r.flow >= s.minFlowLpm))
    return {
      kind: "flow-loss",
      message: `coolant flow ${fmt(r.flow)} L/min below the station's minFlowLpm ${s.minFlowLpm} L/min`,
    };
  if (!(r.inlet <= s.maxInletTemperatureC))
    return {
      kind: "inlet-temperature",
      message: `coolant inlet ${fmt(r.inlet)} °C above the station's maxInletTemperatureC ${s.maxInletTemperatureC} °C`,
    };
  return undefined;
}
