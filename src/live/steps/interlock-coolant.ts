// Interlock: coolant flowing and inlet cool enough before the supply output may go on.
import { XpoError } from "../../model/errors.js";
import { round } from "../judge.js";
import { findBlindReading } from "../safety-breach.js";
import { defineStep } from "../step.js";

export const interlockCoolant = defineStep({
  id: "interlock-coolant",
  title: "Coolant flow and inlet temperature confirmed before power",
  kind: "setup",
  limitIds: [],
  async run(ctx) {
    const { coolant } = ctx.instruments;
    const flow = (await coolant.flow()).value;
    const inlet = (await coolant.inletTemperature()).value;
    const safety = ctx.station.config.safety;
    const needFlow = Math.max(ctx.conditions.minFlowLpm, safety.minFlowLpm);
    const maxInlet = Math.min(ctx.conditions.maxInletC, safety.maxInletTemperatureC);
    const problems: string[] = [];
    const blind = findBlindReading(
      { amps: 0, caseC: 0, flow, inlet, protection: "none" },
      { supply: ctx.instruments.supply, coolant, thermal: ctx.instruments.thermal },
    );
    if (blind !== undefined) problems.push(blind.message.replace(/, so the output goes off$/, ""));
    else if (!(flow >= needFlow))
      problems.push(
        `coolant flow ${round(flow)} L/min is below ${needFlow} L/min (XPO-COOL-002 / station minFlowLpm)`,
      );
    if (blind === undefined && !(inlet <= maxInlet))
      problems.push(
        `coolant inlet ${round(inlet)} °C is above ${maxInlet} °C (XPO-COOL-004 / station maxInletTemperatureC)`,
      );
    if (problems.length > 0)
      throw new XpoError(
        "XPO_SAFETY_TRIP",
        `interlock: ${problems.join("; ")}; the supply output stays off`,
        {
          instrument: coolant.describe(),
          remedy: "Start the coolant loop at the flow and temperature shown, then run again.",
        },
      );
    ctx.recorder.event(
      "info",
      "interlock",
      `coolant flow ${round(flow)} L/min >= ${needFlow} L/min and inlet ${round(inlet)} °C <= ${maxInlet} °C: power may go on`,
      { step: ctx.step },
    );
  },
});
