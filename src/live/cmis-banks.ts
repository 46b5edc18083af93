// DataPathInit bank by bank over the management bus, and whether each bank answers only to its
// own controls. Per bank: DataPathDeinit 0xFF, every lane seen DataPathDeactivated, then 0x00
// and timed to DataPathActivated. A module may have started its data paths on its own at
// ModuleReady; timing a write of 0 to lanes already Activated would pass without measuring
// anything, so the lanes must be seen Deactivated first. After bank b is deactivated, bank b-1
// (Activated just before) must still be Activated: a module that ignores BankSelect applies
// every bank's controls to bank 0, and its reads of "bank b" are bank 0's, so only a change
// seen in another bank gives it away.
import { type CmisBus, DATA_PATH_ACTIVATED, DATA_PATH_DEACTIVATED } from "./cmis-bus.js";
import { judgeTime, timeUntil } from "./cmis-wait.js";
import { judgeReading, recordUnchecked } from "./judge.js";
import type { BenchContext, JudgeContext } from "./step.js";

type BankLimit = "CMIS-LIVE-DPINIT" | "CMIS-LIVE-BANKSEL";
type Ctx = JudgeContext<BankLimit> & Pick<BenchContext, "safety" | "timing" | "conditions">;

export interface BankDurations {
  initS: number;
  deinitS: number;
}

// Every lane of the first `banks` banks (or of bank `only`) in data-path state `state`.
export async function lanesIn(bus: CmisBus, state: string, banks: number, only?: number) {
  const pages = bus
    .pagesOf("dataPathState", banks)
    .filter((p) => only === undefined || p.bank === only);
  const lanes = (await bus.read(pages))("dataPathState").filter(
    (f) => only === undefined || f.bank === only,
  );
  return lanes.length > 0 && lanes.every((f) => f.text === state);
}

// Deinitialise then initialise each bank, timing DataPathInit; then judge bank isolation.
export async function initBanks(ctx: Ctx, bus: CmisBus, durations: BankDurations): Promise<void> {
  const banks = bus.bankCount(ctx.conditions.laneCount);
  const bankIn = (bank: number, state: string) => lanesIn(bus, state, banks, bank);
  const followers: string[] = [];
  let pairs = 0;
  let previousActivated = false;
  for (let bank = 0; bank < banks; bank++) {
    const subject = `bank ${bank} DataPathInit`;
    await bus.writeField("dataPathDeinit", true, bank);
    const deinit = await timeUntil(ctx, durations.deinitS, () =>
      bankIn(bank, DATA_PATH_DEACTIVATED),
    );
    if (!deinit.reached) {
      const reason = `the data paths of bank ${bank} never reached DataPathDeactivated after DataPathDeinit 0xFF (waited ${deinit.seconds.toFixed(2)} s, advertised MaxDurationDPDeinit ${durations.deinitS} s): DataPathInit could not be timed`;
      recordUnchecked(ctx, "CMIS-LIVE-DPINIT", "error", reason, subject);
      previousActivated = false;
      continue;
    }
    if (previousActivated) {
      pairs++;
      if (!(await bankIn(bank - 1, DATA_PATH_ACTIVATED)))
        followers.push(`bank ${bank - 1} left DataPathActivated on bank ${bank}'s DataPathDeinit`);
    }
    await bus.writeField("dataPathDeinit", false, bank);
    const timed = await timeUntil(ctx, durations.initS, () => bankIn(bank, DATA_PATH_ACTIVATED));
    judgeTime(ctx, "CMIS-LIVE-DPINIT", subject, timed, durations.initS, bus);
    previousActivated = timed.reached;
  }
  judgeIsolation(ctx, bus, followers, pairs);
}

function judgeIsolation(ctx: Ctx, bus: CmisBus, followers: string[], pairs: number): void {
  const subject = "banks answer only their own DataPathDeinit";
  if (pairs === 0) {
    const reason =
      "no two neighbouring banks both reached DataPathActivated, so no bank's isolation could be seen";
    recordUnchecked(ctx, "CMIS-LIVE-BANKSEL", "error", reason, subject);
    return;
  }
  judgeReading(ctx, "CMIS-LIVE-BANKSEL", followers.length, {
    subject,
    evidence: {
      instrument: bus.adapter.describe(),
      memory: followers.join("; ") || `${pairs} neighbouring bank pairs checked, none followed`,
    },
  });
}
