// Waiting on the module over the management bus (role mgmt): poll until a state is reached
// or twice the advertised duration has passed, and judge the time against what the module
// advertises. Times are bench seconds (real time x the station's time scale).

import type { CmisBus } from "./cmis-bus.js";
import { judgeReading } from "./judge.js";
import type { BenchContext, JudgeContext } from "./step.js";

/** Give up waiting at this multiple of the advertised duration (the judged ratio). */
const GIVE_UP = 2;
/** Polls per advertised duration. */
const POLLS = 40;

export interface Timed {
  /** When the poll that saw the state (or the last one) was sent, bench seconds from the start. */
  seconds: number;
  reached: boolean;
  /** That poll's round trip: the state changed before its reply, so at most this much later. */
  pollS: number;
}

type WaitContext = Pick<BenchContext, "safety" | "timing">;

// Wait until `done()` or GIVE_UP x `advertisedS`; the bench seconds it took (or waited).
export async function timeUntil(
  ctx: WaitContext,
  advertisedS: number,
  done: () => Promise<boolean>,
): Promise<Timed> {
  const start = performance.now();
  const since = (t: number) => ((t - start) / 1000) * ctx.timing.timeScale;
  for (;;) {
    // Timed to when the first successful poll was sent: its reply latency is not counted.
    const sent = performance.now();
    const reached = await done();
    const timed = { seconds: since(sent), reached, pollS: since(performance.now()) - since(sent) };
    if (reached) return timed;
    ctx.safety.check();
    if (timed.seconds >= GIVE_UP * advertisedS) return timed;
    await ctx.safety.wait(advertisedS / POLLS);
  }
}

// Wait until the module reports `state` (00h:3), as timeUntil.
export function untilModuleState(
  ctx: WaitContext,
  bus: CmisBus,
  state: string,
  advertisedS: number,
): Promise<Timed> {
  return timeUntil(ctx, advertisedS, async () => (await bus.moduleState()) === state);
}

// Judge a measured duration as a ratio of the advertised one (a module that never got there
// is judged at the time waited, GIVE_UP x: a fail). The poll's round trip is the reading's
// uncertainty (its guard): a time that passes only without it is marginal, never a pass.
export function judgeTime<L extends string>(
  ctx: JudgeContext<L>,
  limitId: NoInfer<L>,
  subject: string,
  timed: Timed,
  advertisedS: number,
  bus: CmisBus,
): void {
  judgeReading(ctx, limitId, timed.seconds / advertisedS, {
    subject,
    accuracy: { relative: 0, absolute: timed.pollS / advertisedS },
    evidence: {
      instrument: bus.adapter.describe(),
      memory: `${timed.reached ? "reached" : "not reached"} after ${timed.seconds.toFixed(2)} s (poll round trip ${timed.pollS.toFixed(2)} s); advertised ${advertisedS} s`,
    },
  });
}
