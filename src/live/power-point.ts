// Module power at one supply voltage, shared by the power steps: set, settle, read V, I and P
// (from the power meter when the station has one), and judge P against the power limits.
import type { Reading } from "../instruments/driver.js";
import type { Evidence } from "../model/evidence.js";
import { judgeReading, round } from "./judge.js";
import type { BenchContext, JudgeContext } from "./step.js";

export interface PowerPoint {
  volts: number;
  voltage: Reading;
  current: Reading;
  power: Reading;
  /** The meter and the command(s) the power reading came from. */
  evidence: Evidence;
}

// The instrument that measures the module's input: the power meter, else the supply.
export function getInputMeter(ctx: Pick<BenchContext, "instruments">) {
  return ctx.instruments.powermeter ?? ctx.instruments.supply;
}

// Set the supply, let the module settle, and read V, I, P.
export async function measureAt(ctx: BenchContext, volts: number): Promise<PowerPoint> {
  await ctx.safety.setVoltage(volts);
  await ctx.safety.wait(ctx.timing.settleS);
  const meter = getInputMeter(ctx);
  const voltage = await meter.measureVoltage();
  const current = await meter.measureCurrent();
  const power = await meter.measurePower();
  ctx.safety.check();
  return {
    volts,
    voltage,
    current,
    power,
    evidence: { instrument: meter.describe(), command: power.command },
  };
}

type PowerLimit = "XPO-PWR-001" | "DECL-PWR-MAX";

// Judge the module power of a point against XPO-PWR-001 and the DUT's declared maximum.
export function judgePower(
  ctx: JudgeContext<PowerLimit> & Pick<BenchContext, "instruments">,
  point: PowerPoint,
): void {
  const meter = getInputMeter(ctx);
  const accuracy = meter.accuracy.power;
  const conditions = { supplyV: point.volts, measuredV: round(point.voltage.value) };
  const subject = `module power at ${point.volts} V`;
  for (const id of ["XPO-PWR-001", "DECL-PWR-MAX"] as const)
    judgeReading(ctx, id, point.power.value, {
      subject,
      accuracy,
      range: meter.range.power,
      evidence: point.evidence,
      conditions,
    });
}
