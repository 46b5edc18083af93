// Derived quantities: arithmetic across datasheet fields, computed before checking so that
// limits on them are ordinary schemas under /derived. Pure: no I/O, no limit numbers.
import type { CoolantProperties } from "../schema/profile.js";

export interface DerivedQuantity {
  value?: number;
  /** The formula with the inputs filled in, e.g. "480 W / 40 V". */
  formula: string;
  /** Paths of the inputs; the first is the evidence location. */
  inputs: string[][];
  /** Why it could not be computed (an input missing or unusable). */
  missing?: string;
}

type Doc = Record<string, unknown>;

function get(doc: unknown, path: readonly string[]): unknown {
  let node = doc;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Doc)[key];
  }
  return node;
}

function num(doc: unknown, path: readonly string[]): number | undefined {
  const value = get(doc, path);
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function quantity(
  inputs: string[][],
  doc: unknown,
  compute: (values: number[]) => { value: number; formula: string },
): DerivedQuantity {
  const values = inputs.map((path) => num(doc, path));
  const absent = inputs
    .filter((_, index) => values[index] === undefined)
    .map((path) => path.join("."));
  if (absent.length > 0)
    return { inputs, formula: "", missing: `needs ${absent.join(" and ")} in the datasheet` };
  return { inputs, ...compute(values as number[]) };
}

// Round a derived value for display and comparison (binary noise only).
function round(value: number): number {
  return Number(value.toPrecision(10));
}

// Compute every derived quantity of a datasheet document.
export function computeDerived(
  doc: unknown,
  coolants: Record<string, CoolantProperties>,
): Record<string, DerivedQuantity> {
  const derived: Record<string, DerivedQuantity> = {
    stackHeightMm: quantity(
      [
        ["mechanical", "rowsPer1RU"],
        ["mechanical", "heightMm"],
      ],
      doc,
      ([rows, height]) => ({
        value: round(rows! * height!),
        formula: `${rows} rows x ${height} mm`,
      }),
    ),
    aggregateBandwidthGbps: quantity(
      [
        ["electrical", "laneCount"],
        ["electrical", "laneRateGbps"],
      ],
      doc,
      ([lanes, rate]) => ({
        value: round(lanes! * rate!),
        formula: `${lanes} lanes x ${rate} Gb/s`,
      }),
    ),
    inputCurrentAtMinVoltageA: quantity(
      [
        ["power", "maxPowerW"],
        ["power", "inputVoltage", "minV"],
      ],
      doc,
      ([power, volts]) => ({ value: round(power! / volts!), formula: `${power} W / ${volts} V` }),
    ),
  };
  const aggregate = derived.aggregateBandwidthGbps?.value;
  derived.energyPerBitPj = quantity([["power", "maxPowerW"]], doc, ([power]) => ({
    value: round((power! / (aggregate ?? Number.NaN)) * 1000),
    formula: `${power} W / ${aggregate} Gb/s`,
  }));
  if (aggregate === undefined || aggregate <= 0)
    derived.energyPerBitPj = {
      inputs: [["power", "maxPowerW"]],
      formula: "",
      missing: "needs electrical.laneCount and electrical.laneRateGbps in the datasheet",
    };

  const coolantName = get(doc, ["cooling", "coolant"]);
  const coolant = typeof coolantName === "string" ? coolants[coolantName] : undefined;
  derived.coolantTemperatureRiseK = quantity(
    [
      ["power", "maxPowerW"],
      ["cooling", "flowLpm", "min"],
    ],
    doc,
    ([power, flow]) => {
      const rho = coolant?.densityKgPerL ?? Number.NaN;
      const cp = coolant?.specificHeatJPerKgK ?? Number.NaN;
      // dT = P / (mass flow * cp), mass flow in kg/s = rho [kg/L] * Q [L/min] / 60.
      return {
        value: round(power! / (((rho * flow!) / 60) * cp)),
        formula: `${power} W / (${rho} kg/L x ${flow} L/min / 60 x ${cp} J/(kg.K))`,
      };
    },
  );
  if (!coolant && derived.coolantTemperatureRiseK.missing === undefined)
    derived.coolantTemperatureRiseK = {
      inputs: [["cooling", "coolant"]],
      formula: "",
      missing: `coolant ${JSON.stringify(coolantName)} has no properties in schemas/coolants.json`,
    };
  return derived;
}
