// Power-down: output off and confirmed off.
import { XpoError } from "../../model/errors.js";
import { defineStep } from "../step.js";

export const powerDown = defineStep({
  id: "power-down",
  title: "Supply output off and confirmed off",
  kind: "setup",
  limitIds: [],
  async run(ctx) {
    await ctx.safety.outputOff("procedure complete");
    if (ctx.safety.confirmedOff !== true)
      throw new XpoError(
        "XPO_SAFETY_TRIP",
        "the supply output could not be confirmed off at the end of the run",
        { instrument: ctx.instruments.supply.describe() },
      );
  },
});
