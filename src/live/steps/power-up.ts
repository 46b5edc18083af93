// Power-up: voltage, current limit and OVP set and read back before output on; inrush observed.
import { XpoError } from "../../model/errors.js";
import { round } from "../judge.js";
import { type BenchContext, defineStep } from "../step.js";

// Set the supply and read the settings back; throws (output still off) when they differ.
async function configureSupply(ctx: BenchContext): Promise<void> {
  const { supply } = ctx.instruments;
  const safety = ctx.station.config.safety;
  const nominalV = ctx.conditions.nominalV;
  await supply.output(false);
  // Protection is set at every start, never inherited from an earlier run (station or full scale).
  const ovp = safety.overVoltageProtectionV ?? supply.range.voltage?.max;
  if (ovp === undefined)
    throw new XpoError(
      "XPO_STATION_INVALID",
      `the ${supply.driverName} driver states no voltage range and the station sets no overVoltageProtectionV; the output stays off`,
      {
        instrument: supply.describe(),
        remedy: "Set safety.overVoltageProtectionV in the station file.",
      },
    );
  await supply.clearProtection();
  await supply.setOverVoltageProtection(ovp);
  await ctx.safety.setVoltage(nominalV);
  await supply.setCurrentLimit(safety.supplyCurrentLimitA);
  const setV = await supply.voltageSetpoint();
  const setI = await supply.currentLimit();
  const setOvp = await supply.overVoltageProtection();
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-3 * Math.max(1, Math.abs(b)) + 1e-3;
  if (!near(setV, nominalV) || !near(setI, safety.supplyCurrentLimitA) || !near(setOvp, ovp))
    throw new XpoError(
      "XPO_SAFETY_TRIP",
      `the supply reads back ${setV} V / ${setI} A / OVP ${setOvp} V, not the ${nominalV} V / ${safety.supplyCurrentLimitA} A / OVP ${ovp} V just set; the output stays off`,
      { instrument: supply.describe() },
    );
  ctx.recorder.event(
    "info",
    "supply-configured",
    `supply set to ${setV} V with a ${setI} A current limit and OVP ${setOvp} V before output on`,
    { step: ctx.step },
  );
}

// Sample the current right after output on; trips above the station's maxCurrentA.
async function observeInrush(ctx: BenchContext): Promise<number> {
  const { supply } = ctx.instruments;
  const { maxCurrentA } = ctx.station.config.safety;
  let peak = 0;
  for (let i = 0; i < ctx.timing.inrushSamples; i++) {
    const amps = (await supply.measureCurrent()).value;
    ctx.recorder.reading("inrush current", "A", amps, [], supply.describe());
    peak = Math.max(peak, amps);
    if (!(amps <= maxCurrentA)) {
      await ctx.safety.tripNow({
        kind: "over-current",
        message: `inrush current ${round(amps)} A above the station's maxCurrentA ${maxCurrentA} A`,
        final: true,
        step: ctx.step,
      });
      ctx.safety.check();
    }
  }
  return peak;
}

export const powerUp = defineStep({
  id: "power-up",
  title: "Voltage and current limit set before output on; inrush observed",
  kind: "setup",
  limitIds: [],
  async run(ctx) {
    await configureSupply(ctx);
    await ctx.safety.outputOn();
    ctx.recorder.event("info", "output-on", `supply output on at ${ctx.conditions.nominalV} V`, {
      step: ctx.step,
    });
    ctx.recorder.flushReadings();
    const peak = await observeInrush(ctx);
    ctx.recorder.event(
      "info",
      "inrush",
      `inrush peak ${round(peak)} A over ${ctx.timing.inrushSamples} samples`,
      { step: ctx.step, data: { inrushPeakA: round(peak) } },
    );
    await ctx.safety.wait(ctx.timing.settleS);
  },
});
