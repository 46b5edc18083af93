// Derived quantities: arithmetic across datasheet fields, computed before checking so that
// limits on them are ordinary schemas under /derived. Pure: no I/O, no limit numbers.

import type { CoolantProperties } from "../model/coolant.js";
import { COMPUTED_DIGITS, roundSignificant } from "../model/round.js";

export interface DerivedQuantity {
  value?: number;
  /** The formula with the inputs filled in, e.g. "480 W / 40 V". */
  formula: string;
  /** Paths of the inputs; the first is the evidence location. */
  inputs: (string | number)[][];
  /** Why it could not be computed (an input missing or unusable). */
  missing?: string;
  /** The inputs are there but the result is Infinity or NaN: its limit fails, never n/a. */
  notFinite?: number;
}

function get(doc: unknown, path: readonly (string | number)[]): unknown {
  let node = doc;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

// How far the most power-hungry operating mode is above the declared maximum power (a mode
// drawing more than maxPowerW contradicts it); its line is the evidence.
function deriveModeExcess(doc: unknown): DerivedQuantity {
  const modes = get(doc, ["power", "modes"]);
  const max = get(doc, ["power", "maxPowerW"]);
  const inputs: (string | number)[][] = [
    ["power", "modes"],
    ["power", "maxPowerW"],
  ];
  if (!Array.isArray(modes) || modes.length === 0)
    return { inputs, formula: "", missing: "needs power.modes in the datasheet" };
  if (typeof max !== "number" || !Number.isFinite(max))
    return { inputs, formula: "", missing: "needs power.maxPowerW in the datasheet" };
  let highest = -1;
  for (const [index, mode] of modes.entries()) {
    const power = (mode as { powerW?: unknown } | null)?.powerW;
    const best = (modes[highest] as { powerW: number } | undefined)?.powerW ?? -Infinity;
    if (typeof power === "number" && Number.isFinite(power) && power > best) highest = index;
  }
  if (highest < 0) return { inputs, formula: "", missing: "needs a mode with powerW" };
  const mode = modes[highest] as { mode?: unknown; powerW: number };
  return {
    inputs: [
      ["power", "modes", highest, "powerW"],
      ["power", "maxPowerW"],
    ],
    value: round(mode.powerW - max),
    formula: `mode ${JSON.stringify(mode.mode)} ${mode.powerW} W - maxPowerW ${max} W`,
  };
}

// Round away binary noise (0.1 * 3 = 0.30000000000000004) before comparing.
function round(value: number): number {
  return roundSignificant(value, COMPUTED_DIGITS);
}

// Coolant temperature rise [K] of `powerW` carried by `flowLpm` of a coolant:
// dT = P / (mass flow x cp), mass flow [kg/s] = rho [kg/L] x Q [L/min] / 60.
export function computeCoolantRise(
  powerW: number,
  flowLpm: number,
  coolant: CoolantProperties,
): number {
  return powerW / (((coolant.densityKgPerL * flowLpm) / 60) * coolant.specificHeatJPerKgK);
}

type Compute = (values: number[]) => { value: number; formula: string } | { missing: string };

function derive(doc: unknown, inputs: (string | number)[][], compute: Compute): DerivedQuantity {
  const values: number[] = [];
  const absent: string[] = [];
  for (const path of inputs) {
    const value = get(doc, path);
    if (typeof value === "number" && Number.isFinite(value)) values.push(value);
    else absent.push(path.join("."));
  }
  if (absent.length > 0)
    return { inputs, formula: "", missing: `needs ${absent.join(" and ")} in the datasheet` };
  const result = compute(values);
  if ("missing" in result) return { inputs, formula: "", missing: result.missing };
  if (!Number.isFinite(result.value))
    return { inputs, formula: result.formula, notFinite: result.value };
  return { inputs, value: round(result.value), formula: result.formula };
}

// Compute every derived quantity of a datasheet document.
export function computeDerived(
  doc: unknown,
  coolants: Record<string, CoolantProperties>,
): Record<string, DerivedQuantity> {
  const coolantName = get(doc, ["cooling", "coolant"]);
  const coolant = typeof coolantName === "string" ? coolants[coolantName] : undefined;
  return {
    stackHeightMm: derive(
      doc,
      [
        ["mechanical", "rowsPer1RU"],
        ["mechanical", "heightMm"],
      ],
      ([rows = 0, height = 0]) => ({
        value: rows * height,
        formula: `${rows} rows x ${height} mm`,
      }),
    ),
    aggregateBandwidthGbps: derive(
      doc,
      [
        ["electrical", "laneCount"],
        ["electrical", "laneRateGbps"],
      ],
      ([lanes = 0, rate = 0]) => ({
        value: lanes * rate,
        formula: `${lanes} lanes x ${rate} Gb/s`,
      }),
    ),
    inputCurrentAtMinVoltageA: derive(
      doc,
      [
        ["power", "maxPowerW"],
        ["power", "inputVoltage", "minV"],
      ],
      ([power = 0, volts = 0]) => ({ value: power / volts, formula: `${power} W / ${volts} V` }),
    ),
    energyPerBitPj: derive(
      doc,
      [
        ["power", "maxPowerW"],
        ["electrical", "laneCount"],
        ["electrical", "laneRateGbps"],
      ],
      // W / (Gb/s) = nJ/bit; x1000 for pJ/bit.
      ([power = 0, lanes = 0, rate = 0]) => ({
        value: (power / (lanes * rate)) * 1000,
        formula: `${power} W / (${lanes} x ${rate} Gb/s)`,
      }),
    ),
    modePowerAboveMaxW: deriveModeExcess(doc),
    coolantTemperatureRiseK: derive(
      doc,
      [
        ["power", "maxPowerW"],
        ["cooling", "flowLpm", "min"],
      ],
      ([power = 0, flow = 0]) => {
        if (!coolant)
          return {
            missing: `coolant ${JSON.stringify(coolantName)} has no properties in schemas/coolants.json`,
          };
        const { densityKgPerL: rho, specificHeatJPerKgK: cp } = coolant;
        return {
          value: computeCoolantRise(power, flow, coolant),
          formula: `${power} W / (${rho} kg/L x ${flow} L/min / 60 x ${cp} J/(kg.K))`,
        };
      },
    ),
  };
}
