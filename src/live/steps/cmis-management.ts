// The module's own word, live (role mgmt, a management-bus host adapter): with the module
// powered, clear LowPwrRequestSW and time it to ModuleReady against the MaxDurationModulePwrUp
// it advertises; clear DataPathDeinit bank by bank and time each bank's lanes to
// DataPathActivated against MaxDurationDPInit; then count the module flags latched. Times are
// bench seconds (real time x the station's time scale). A module that never gets there is
// judged at twice its advertised time (a fail); a bus that does not answer is an error of the
// station (the driver's typed error ends the run with the supply off).
import { CmisBus, DATA_PATH_ACTIVATED, DATA_PATH_DEACTIVATED, MODULE_READY } from "../cmis-bus.js";
import { judgeReading, recordUnchecked } from "../judge.js";
import { defineStep, type StepContext } from "../step.js";

const LIMITS = ["CMIS-LIVE-PWRUP", "CMIS-LIVE-DPINIT", "CMIS-LIVE-FLAGS"] as const;
type CmisLimit = (typeof LIMITS)[number];
type Ctx = StepContext<CmisLimit>;

const PAGE_CONTROL = 0x10;
const PAGE_STATUS = 0x11;
/** The byte of page 10h whose bits deinitialise the bank's data paths (CMIS DataPathDeinit). */
const DATA_PATH_DEINIT = 128;
const LOW_PWR_REQUEST_SW = 0x10;
/** Give up waiting at this multiple of the advertised duration (the judged ratio). */
const GIVE_UP = 2;
/** Polls per advertised duration. */
const POLLS = 40;

// Wait until `done()` or GIVE_UP x `advertisedS`; the bench seconds it took (or waited).
async function timeUntil(ctx: Ctx, advertisedS: number, done: () => Promise<boolean>) {
  const start = performance.now();
  const since = (t: number) => ((t - start) / 1000) * ctx.timing.timeScale;
  for (;;) {
    // Timed to when the first successful poll was sent: its reply latency is not counted.
    const sent = performance.now();
    if (await done()) return { seconds: since(sent), reached: true };
    ctx.safety.check();
    if (since(sent) >= GIVE_UP * advertisedS) return { seconds: since(sent), reached: false };
    await ctx.safety.wait(advertisedS / POLLS);
  }
}

function judgeTime(
  ctx: Ctx,
  limitId: CmisLimit,
  subject: string,
  timed: { seconds: number; reached: boolean },
  advertisedS: number,
  bus: CmisBus,
) {
  judgeReading(ctx, limitId, timed.seconds / advertisedS, {
    subject,
    evidence: {
      instrument: bus.adapter.describe(),
      memory: `${timed.reached ? "reached" : "not reached"} after ${timed.seconds.toFixed(2)} s; advertised ${advertisedS} s`,
    },
  });
}

async function powerUp(ctx: Ctx, bus: CmisBus, advertisedS: number): Promise<boolean> {
  const control = (await bus.adapter.readBytes(26, 1)).value[0] ?? 0;
  await bus.adapter.writeBytes(26, [control & ~LOW_PWR_REQUEST_SW]);
  const timed = await timeUntil(
    ctx,
    advertisedS,
    async () => (await bus.field("moduleState"))?.text === MODULE_READY,
  );
  judgeTime(ctx, "CMIS-LIVE-PWRUP", "LowPwr to ModuleReady", timed, advertisedS, bus);
  return timed.reached;
}

// Every lane of `bank` in data-path state `state`.
async function bankIn(bus: CmisBus, bank: number, state: string): Promise<boolean> {
  const page = [{ page: PAGE_STATUS, bank }];
  const lanes = (await bus.read(page))("dataPathState").filter((f) => f.bank === bank);
  return lanes.length > 0 && lanes.every((f) => f.text === state);
}

// Per bank: deinitialise its data paths, then time DataPathInit. A module may have started its
// data paths on its own at ModuleReady; timing a write of 0 to lanes already Activated would
// pass without measuring anything, so the lanes must be seen Deactivated first.
async function initBanks(ctx: Ctx, bus: CmisBus, durations: BankDurations): Promise<void> {
  const banks = Math.ceil(ctx.conditions.laneCount / bus.map.lanesPerBank);
  for (let bank = 0; bank < banks; bank++) {
    const subject = `bank ${bank} DataPathInit`;
    await bus.writeUpper(bank, PAGE_CONTROL, DATA_PATH_DEINIT, [0xff]);
    const deinit = await timeUntil(ctx, durations.deinitS, () =>
      bankIn(bus, bank, DATA_PATH_DEACTIVATED),
    );
    if (!deinit.reached) {
      const reason = `the data paths of bank ${bank} never reached DataPathDeactivated after DataPathDeinit 0xFF (waited ${deinit.seconds.toFixed(2)} s, advertised MaxDurationDPDeinit ${durations.deinitS} s): DataPathInit could not be timed`;
      recordUnchecked(ctx, "CMIS-LIVE-DPINIT", "error", reason, subject);
      continue;
    }
    await bus.writeUpper(bank, PAGE_CONTROL, DATA_PATH_DEINIT, [0x00]);
    const timed = await timeUntil(ctx, durations.initS, () =>
      bankIn(bus, bank, DATA_PATH_ACTIVATED),
    );
    judgeTime(ctx, "CMIS-LIVE-DPINIT", subject, timed, durations.initS, bus);
  }
}

interface BankDurations {
  initS: number;
  deinitS: number;
}

async function judgeFlags(ctx: Ctx, bus: CmisBus): Promise<void> {
  const read = await bus.read();
  const names = ["temperatureFlags", "supplyFlags", "moduleAuxFlags"];
  const set = names.flatMap((name) => read(name).filter((f) => Number(f.raw ?? 0) !== 0));
  const count = set.reduce((n, f) => n + Number(f.raw).toString(2).replaceAll("0", "").length, 0);
  judgeReading(ctx, "CMIS-LIVE-FLAGS", count, {
    subject: "module flags 00h:9-11",
    evidence: {
      instrument: bus.adapter.describe(),
      memory:
        set
          .map((f) => `page 00h byte ${f.offset} ${f.name} = 0x${Number(f.raw).toString(16)}`)
          .join("; ") || "none set",
    },
  });
}

export const cmisManagement = defineStep({
  id: "cmis-management",
  title: "CMIS power-up, DataPathInit and flags over the management bus",
  kind: "measure",
  limitIds: LIMITS,
  async run(ctx) {
    const { mgmt } = ctx.instruments;
    if (mgmt === undefined) {
      const reason = "the station has no management-bus adapter (role mgmt)";
      for (const id of LIMITS) recordUnchecked(ctx, id, "not-applicable", reason);
      return;
    }
    const bus = new CmisBus(mgmt, ctx.profile.dir);
    const advertised = await bus.read();
    const seconds = (name: string) => Number(advertised(name)[0]?.value) / 1000;
    if (await powerUp(ctx, bus, seconds("modulePwrUpDuration")))
      await initBanks(ctx, bus, {
        initS: seconds("dpInitDuration"),
        deinitS: seconds("dpDeinitDuration"),
      });
    else recordUnchecked(ctx, "CMIS-LIVE-DPINIT", "error", "the module never reached ModuleReady");
    await judgeFlags(ctx, bus);
  },
});
