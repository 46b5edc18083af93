// Per lane: pre-FEC BER of every lane, and optical launch power where the variant has a limit.
import { type JudgeOptions, judgeReading, recordUnchecked } from "../judge.js";
import { appliesToDut } from "../live-limits.js";
import { defineStep, type JudgeContext, type StepContext } from "../step.js";

type LaneLimit = "XPO-OPT-004" | "XPO-OPT-001";
type LaneContext = JudgeContext<LaneLimit> &
  Pick<StepContext, "instruments" | "safety" | "datasheet" | "conditions">;

const conditionsOf = (ctx: StepContext<LaneLimit>) => ({ supplyV: ctx.conditions.nominalV });

// Read, then judge later: the two readouts run in parallel, their verdicts are recorded in order.
type Judgement = () => void;

// Pre-FEC BER of every lane, when the station has a BER checker.
async function readBer(ctx: LaneContext, conditions: Record<string, number>): Promise<Judgement> {
  const { ber } = ctx.instruments;
  if (ber === undefined)
    return () =>
      recordUnchecked(
        ctx,
        "XPO-OPT-004",
        "not-applicable",
        "the station has no BER checker (role ber)",
      );
  const { value, command } = await ber.allLanes();
  return () =>
    judgeLanes(ctx, "XPO-OPT-004", value, "pre-FEC BER", {
      accuracy: ber.accuracy.ber,
      range: ber.range.ber,
      evidence: { instrument: ber.describe(), command },
      conditions,
    });
}

// Launch power of every lane, when the limit applies to the DUT and the station has a meter.
async function readLaunchPower(
  ctx: LaneContext,
  conditions: Record<string, number>,
): Promise<Judgement> {
  const limit = ctx.limit("XPO-OPT-001");
  const { optical } = ctx.instruments;
  if (limit === undefined) return () => {};
  if (!appliesToDut(limit, ctx.datasheet)) {
    const when = limit.info.appliesWhen ?? "its condition holds";
    return () => recordUnchecked(ctx, "XPO-OPT-001", "not-applicable", `applies only when ${when}`);
  }
  if (optical === undefined) {
    const reason = "the station has no optical power meter (role optical)";
    return () => recordUnchecked(ctx, "XPO-OPT-001", "not-applicable", reason);
  }
  const { value, command } = await optical.allLanes();
  return () =>
    judgeLanes(ctx, "XPO-OPT-001", value, "launch power", {
      accuracy: optical.accuracy.opticalPower,
      range: optical.range.opticalPower,
      evidence: { instrument: optical.describe(), command },
      conditions,
    });
}

// Judge one value per lane of the DUT: a lane the reply has no value for is an error.
function judgeLanes(
  ctx: LaneContext,
  limitId: LaneLimit,
  values: readonly number[],
  what: string,
  options: Omit<JudgeOptions, "subject">,
): void {
  for (let lane = 1; lane <= ctx.conditions.laneCount; lane++) {
    const subject = `lane ${lane} ${what}`;
    const value = values[lane - 1];
    if (value === undefined)
      recordUnchecked(
        ctx,
        limitId,
        "error",
        `no value for lane ${lane}: ${options.evidence?.command ?? "the instrument"} returned ${values.length} values for a DUT with ${ctx.conditions.laneCount} lanes`,
        subject,
      );
    else judgeReading(ctx, limitId, value, { ...options, subject, lane });
  }
}

export const lanes = defineStep({
  id: "lanes",
  title: "Pre-FEC BER and optical power of every lane",
  kind: "measure",
  limitIds: ["XPO-OPT-004", "XPO-OPT-001"],
  async run(ctx) {
    await ctx.safety.setVoltage(ctx.conditions.nominalV);
    await ctx.safety.wait(ctx.timing.settleS);
    // The BER and optical readouts are independent instruments: read both at once.
    const judgements = await Promise.all([
      readBer(ctx, conditionsOf(ctx)),
      readLaunchPower(ctx, conditionsOf(ctx)),
    ]);
    ctx.safety.check();
    for (const judge of judgements) judge();
  },
});
