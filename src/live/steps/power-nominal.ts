// Module power at each nominal voltage the profile names (XPO-PWR-004); the power at the
// nominal voltage is this step's state: power-range judges "operates at V" against it.
import { judgeOperation } from "../judge.js";
import { judgePower, measureAt } from "../power-point.js";
import { defineStep } from "../step.js";

/** What power-nominal keeps (the step-done data `{ nominalPowerW }`, as records have it). */
export interface NominalPower {
  nominalPowerW: number;
}

export const powerNominal = defineStep({
  id: "power-nominal",
  title: "Module power at the nominal input voltages",
  kind: "measure",
  limitIds: ["XPO-PWR-001", "XPO-PWR-004", "DECL-PWR-MAX"],
  state: {
    save: (state: NominalPower) => ({ nominalPowerW: state.nominalPowerW }),
    load: (data) =>
      typeof data.nominalPowerW === "number" ? { nominalPowerW: data.nominalPowerW } : undefined,
  },
  async run(ctx) {
    const { nominalV, nominalVoltages } = ctx.conditions;
    let nominalW: number | undefined;
    // The nominal voltage first: the others are judged against the power drawn there.
    for (const volts of [nominalV, ...nominalVoltages.filter((v) => v !== nominalV)]) {
      const point = await measureAt(ctx, volts);
      if (volts === nominalV) {
        nominalW = point.power.value;
        ctx.keep({ nominalPowerW: nominalW });
      }
      judgePower(ctx, point);
      judgeOperation(ctx, "XPO-PWR-004", { ...point, powerW: point.power.value }, nominalW);
    }
    await ctx.safety.setVoltage(nominalV);
  },
});
