// DataPathInit bank by bank over the management bus, and whether each bank answers only to its
// own controls. Per bank: DataPathDeinit 0xFF, every lane seen DataPathDeactivated, then 0x00
// and timed to DataPathActivated. A module may have started its data paths on its own at
// ModuleReady; timing a write of 0 to lanes already Activated would pass without measuring
// anything, so the lanes must be seen Deactivated first. After bank b is deactivated, bank b-1
// (Activated just before) must still be Activated: a module that ignores BankSelect applies
// every bank's controls to bank 0, and its reads of "bank b" are bank 0's, so only a change
// seen in another bank gives it away.
import {
  type CmisBus,
  DATA_PATH_ACTIVATED,
  DATA_PATH_DEACTIVATED,
  DATA_PATH_DEINIT,
  PAGE_CONTROL,
  PAGE_STATUS,
} from "./cmis-bus.js";
import { judgeTime, timeUntil } from "./cmis-wait.js";
import { judgeReading, recordUnchecked } from "./judge.js";
import type { BenchContext, JudgeContext } from "./step.js";

type BankLimit = "CMIS-LIVE-DPINIT" | "CMIS-LIVE-BANKSEL";
type Ctx = JudgeContext<BankLimit> & Pick<BenchContext, "safety" | "timing" | "conditions">;

export interface BankDurations {
  initS: number;
  deinitS: number;
}

// Every lane of `bank` in data-path state `state`.
async function bankIn(bus: CmisBus, bank: number, state: string): Promise<boolean> {
  const page = [{ page: PAGE_STATUS, bank }];
  const lanes = (await bus.read(page))("dataPathState").filter((f) => f.bank === bank);
  return lanes.length > 0 && lanes.every((f) => f.text === state);
}

// Deinitialise then initialise each bank, timing DataPathInit; then judge bank isolation.
export async function initBanks(ctx: Ctx, bus: CmisBus, durations: BankDurations): Promise<void> {
  const banks = Math.ceil(ctx.conditions.laneCount / bus.map.lanesPerBank);
  const followers: string[] = [];
  let pairs = 0;
  let previousActivated = false;
  for (let bank = 0; bank < banks; bank++) {
    const subject = `bank ${bank} DataPathInit`;
    await bus.writeUpper(bank, PAGE_CONTROL, DATA_PATH_DEINIT, [0xff]);
    const deinit = await timeUntil(ctx, durations.deinitS, () =>
      bankIn(bus, bank, DATA_PATH_DEACTIVATED),
    );
    if (!deinit.reached) {
      const reason = `the data paths of bank ${bank} never reached DataPathDeactivated after DataPathDeinit 0xFF (waited ${deinit.seconds.toFixed(2)} s, advertised MaxDurationDPDeinit ${durations.deinitS} s): DataPathInit could not be timed`;
      recordUnchecked(ctx, "CMIS-LIVE-DPINIT", "error", reason, subject);
      previousActivated = false;
      continue;
    }
    if (previousActivated) {
      pairs++;
      if (!(await bankIn(bus, bank - 1, DATA_PATH_ACTIVATED)))
        followers.push(`bank ${bank - 1} left DataPathActivated on bank ${bank}'s DataPathDeinit`);
    }
    await bus.writeUpper(bank, PAGE_CONTROL, DATA_PATH_DEINIT, [0x00]);
    const timed = await timeUntil(ctx, durations.initS, () =>
      bankIn(bus, bank, DATA_PATH_ACTIVATED),
    );
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
