// Per lane: pre-FEC BER of every lane, and optical launch power where the variant has a limit.
import { judgeReading, recordUnchecked } from "../judge.js";
import { appliesToDut } from "../live-limits.js";
import { defineStep, type JudgeContext, type StepContext } from "../step.js";

type LaneLimit = "XPO-OPT-004" | "XPO-OPT-001";
type LaneContext = JudgeContext<LaneLimit> &
  Pick<StepContext, "instruments" | "safety" | "datasheet">;

const conditionsOf = (ctx: StepContext<LaneLimit>) => ({ supplyV: ctx.conditions.nominalV });

// Pre-FEC BER of every lane, when the station has a BER checker.
async function judgeBer(ctx: LaneContext, conditions: Record<string, number>): Promise<void> {
  const { ber } = ctx.instruments;
  if (ber === undefined) {
    recordUnchecked(
      ctx,
      "XPO-OPT-004",
      "not-applicable",
      "the station has no BER checker (role ber)",
    );
    return;
  }
  const { value, command } = await ber.allLanes();
  ctx.safety.check();
  for (const [index, lane] of value.entries())
    judgeReading(ctx, "XPO-OPT-004", lane, {
      subject: `lane ${index + 1} pre-FEC BER`,
      accuracy: ber.accuracy.ber,
      evidence: { instrument: ber.describe(), command },
      conditions,
    });
}

// Launch power of every lane, when the limit applies to the DUT and the station has a meter.
async function judgeLaunchPower(
  ctx: LaneContext,
  conditions: Record<string, number>,
): Promise<void> {
  const limit = ctx.limit("XPO-OPT-001");
  const { optical } = ctx.instruments;
  if (limit === undefined) return;
  if (!appliesToDut(limit, ctx.datasheet)) {
    const when = limit.info.appliesWhen ?? "its condition holds";
    recordUnchecked(ctx, "XPO-OPT-001", "not-applicable", `applies only when ${when}`);
    return;
  }
  if (optical === undefined) {
    const reason = "the station has no optical power meter (role optical)";
    recordUnchecked(ctx, "XPO-OPT-001", "not-applicable", reason);
    return;
  }
  const { value, command } = await optical.allLanes();
  ctx.safety.check();
  for (const [index, power] of value.entries())
    judgeReading(ctx, "XPO-OPT-001", power, {
      subject: `lane ${index + 1} launch power`,
      accuracy: optical.accuracy.opticalPower,
      evidence: { instrument: optical.describe(), command },
      conditions,
    });
}

export const lanes = defineStep({
  id: "lanes",
  title: "Pre-FEC BER and optical power of every lane",
  kind: "measure",
  limitIds: ["XPO-OPT-004", "XPO-OPT-001"],
  async run(ctx) {
    await ctx.safety.setVoltage(ctx.conditions.nominalV);
    await ctx.safety.wait(ctx.timing.settleS);
    await judgeBer(ctx, conditionsOf(ctx));
    await judgeLaunchPower(ctx, conditionsOf(ctx));
  },
});
