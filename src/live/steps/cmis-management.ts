// The module's own word, live (role mgmt, a management-bus host adapter): set LowPwrRequestSW
// and wait for ModuleLowPwr (the module may have powered itself up at power-on); its supply
// power there against the datasheet's low-power mode; clear LowPwrRequestSW and time it to ModuleReady against the MaxDurationModulePwrUp it
// advertises; DataPathInit bank by bank against MaxDurationDPInit, and whether each bank
// answers only to its own controls (../cmis-banks.ts); the supply power in ModuleReady with
// every data path up against the mission mode; then the module flags latched. A bus that does
// not answer is an error of the station (the driver's typed error ends the run, supply off).
import { initBanks } from "../cmis-banks.js";
import { CmisBus, MODULE_LOW_PWR, MODULE_READY } from "../cmis-bus.js";
import { judgeFlags } from "../cmis-flags.js";
import { judgeTime, untilModuleState } from "../cmis-wait.js";
import { judgeReading, recordUnchecked, round } from "../judge.js";
import { getInputMeter } from "../power-point.js";
import { defineStep, type StepContext } from "../step.js";

const LIMITS = [
  "CMIS-LIVE-PWRUP",
  "CMIS-LIVE-DPINIT",
  "CMIS-LIVE-BANKSEL",
  "CMIS-LIVE-FLAGS",
  "DECL-PWR-LOWPWR",
  "DECL-PWR-READY",
] as const;
type CmisLimit = (typeof LIMITS)[number];
type Ctx = StepContext<CmisLimit>;

// Request low power and wait for ModuleLowPwr: whether the module powered itself up at
// power-on (request clear) or waited for the host, the timed power-up starts from there.
async function enterLowPower(ctx: Ctx, bus: CmisBus, advertisedS: number): Promise<boolean> {
  await bus.writeField("lowPwrRequestSW", true);
  return (await untilModuleState(ctx, bus, MODULE_LOW_PWR, advertisedS)).reached;
}

async function powerUp(ctx: Ctx, bus: CmisBus, advertisedS: number): Promise<boolean> {
  await bus.writeField("lowPwrRequestSW", false);
  const timed = await untilModuleState(ctx, bus, MODULE_READY, advertisedS);
  judgeTime(ctx, "CMIS-LIVE-PWRUP", "LowPwr to ModuleReady", timed, advertisedS, bus);
  return timed.reached;
}

// The supply power with the module in `state` (settled, and still in it after the reading):
// a reading taken in another state is an error, never judged.
async function judgeModePower(
  ctx: Ctx,
  bus: CmisBus,
  limitId: "DECL-PWR-LOWPWR" | "DECL-PWR-READY",
  state: string,
): Promise<void> {
  if (ctx.limit(limitId) === undefined) return; // the datasheet declares no such mode
  const subject = `module power in ${state}`;
  await ctx.safety.wait(ctx.timing.settleS);
  const meter = getInputMeter(ctx);
  const before = await bus.moduleState();
  const power = await meter.measurePower();
  const after = await bus.moduleState();
  ctx.safety.check();
  if (before !== state || after !== state) {
    const reason = `the module was in ${before} before and ${after} after the power reading, not ${state}: not judged`;
    recordUnchecked(ctx, limitId, "error", reason, subject);
    return;
  }
  judgeReading(ctx, limitId, power.value, {
    subject,
    accuracy: meter.accuracy.power,
    range: meter.range.power,
    evidence: { instrument: meter.describe(), command: power.command },
    conditions: {
      supplyV: ctx.conditions.nominalV,
      moduleState: state,
      powerW: round(power.value),
    },
  });
}

export const cmisManagement = defineStep({
  id: "cmis-management",
  title: "CMIS power modes, DataPathInit and flags over the management bus",
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
    if (!(await enterLowPower(ctx, bus, seconds("modulePwrDnDuration")))) {
      const reason = `the module did not reach ${MODULE_LOW_PWR} after LowPwrRequestSW was set (waited twice its MaxDurationModulePwrDn): nothing could be timed from there`;
      for (const id of LIMITS.filter((l) => l !== "CMIS-LIVE-FLAGS"))
        recordUnchecked(ctx, id, "error", reason);
      await judgeFlags(ctx, bus, "power-up to DataPathInit");
      return;
    }
    await judgeModePower(ctx, bus, "DECL-PWR-LOWPWR", MODULE_LOW_PWR);
    if (await powerUp(ctx, bus, seconds("modulePwrUpDuration"))) {
      await initBanks(ctx, bus, {
        initS: seconds("dpInitDuration"),
        deinitS: seconds("dpDeinitDuration"),
      });
      await judgeModePower(ctx, bus, "DECL-PWR-READY", MODULE_READY);
    } else {
      const reason = "the module never reached ModuleReady";
      for (const id of ["CMIS-LIVE-DPINIT", "CMIS-LIVE-BANKSEL", "DECL-PWR-READY"] as const)
        recordUnchecked(ctx, id, "error", reason);
    }
    await judgeFlags(ctx, bus, "power-up to DataPathInit");
  },
});
