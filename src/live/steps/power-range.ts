// Module power and input current at the ends of the MSA input range (XPO-PWR-002/003 bounds).
import { judgeOperation, judgeReading, round } from "../judge.js";
import { getInputMeter, judgePower, measureAt } from "../power-point.js";
import { defineStep } from "../step.js";
import { powerNominal } from "./power-nominal.js";

export const powerRange = defineStep({
  id: "power-range",
  title: "Module power and input current across the input range",
  kind: "measure",
  limitIds: ["XPO-PWR-001", "XPO-PWR-002", "XPO-PWR-003", "XPO-PWR-005", "DECL-PWR-MAX"],
  async run(ctx) {
    const { minV, maxV, nominalV } = ctx.conditions;
    // "Operates at V" is judged against the nominal power: from power-nominal, else measured.
    const nominalW =
      ctx.stateOf(powerNominal)?.nominalPowerW ?? (await measureAt(ctx, nominalV)).power.value;
    const meter = getInputMeter(ctx);
    for (const [volts, id] of [
      [minV, "XPO-PWR-002"],
      [maxV, "XPO-PWR-003"],
    ] as const) {
      const point = await measureAt(ctx, volts);
      judgePower(ctx, point);
      judgeOperation(ctx, id, { ...point, powerW: point.power.value }, nominalW);
      if (volts === minV)
        judgeReading(ctx, "XPO-PWR-005", point.current.value, {
          subject: `input current at ${volts} V`,
          accuracy: meter.accuracy.current,
          range: meter.range.current,
          evidence: { instrument: meter.describe(), command: point.current.command },
          conditions: { supplyV: volts, powerW: round(point.power.value) },
        });
    }
    await ctx.safety.setVoltage(nominalV);
    await ctx.safety.wait(ctx.timing.settleS);
  },
});
