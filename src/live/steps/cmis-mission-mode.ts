// Bring the module to mission mode over the management bus when it is not (role mgmt), on every
// start and resume. A first run finds it in ModuleReady already (cmis-management took it there:
// one read, nothing to do). A resumed run powered the module up anew, so it is back in
// ModuleLowPwr and later steps would see its low power: clear LowPwrRequestSW, wait for
// ModuleReady, and start every bank's data paths. Nothing is judged here (the timings were
// judged by cmis-management); what it did, or could not do, is an event of the record.
import { lanesIn } from "../cmis-banks.js";
import { CmisBus, DATA_PATH_ACTIVATED, MODULE_READY } from "../cmis-bus.js";
import { timeUntil, untilModuleState } from "../cmis-wait.js";
import { defineStep, type StepContext } from "../step.js";

type Ctx = StepContext<never>;

// Clear every bank's DataPathDeinit and wait until every lane is DataPathActivated.
async function activateAll(ctx: Ctx, bus: CmisBus, banks: number, advertisedS: number) {
  for (let bank = 0; bank < banks; bank++) await bus.writeField("dataPathDeinit", false, bank);
  return timeUntil(ctx, advertisedS, () => lanesIn(bus, DATA_PATH_ACTIVATED, banks));
}

export const cmisMissionMode = defineStep({
  id: "cmis-mission-mode",
  title: "Module in mission mode over the management bus (after a resume's power-up)",
  kind: "setup",
  limitIds: [],
  async run(ctx) {
    const { mgmt } = ctx.instruments;
    if (mgmt === undefined) return;
    const bus = new CmisBus(mgmt, ctx.profile.dir);
    const banks = bus.bankCount(ctx.conditions.laneCount);
    const read = await bus.read();
    const state = read("moduleState")[0]?.text;
    if (state === MODULE_READY && (await lanesIn(bus, DATA_PATH_ACTIVATED, banks))) return;
    const seconds = (name: string) => Number(read(name)[0]?.value) / 1000;
    if (state !== MODULE_READY) await bus.writeField("lowPwrRequestSW", false);
    const ready =
      state === MODULE_READY ||
      (await untilModuleState(ctx, bus, MODULE_READY, seconds("modulePwrUpDuration"))).reached;
    const active = ready
      ? await activateAll(ctx, bus, banks, seconds("dpInitDuration"))
      : undefined;
    const done = active?.reached === true;
    ctx.recorder.event(
      done ? "info" : "warning",
      "cmis-mission-mode",
      done
        ? `the module was in ${state}, its data paths not all up: now ModuleReady with every data path activated`
        : `the module was in ${state} and did not reach ${ready ? "DataPathActivated on every lane" : MODULE_READY}: the later steps may find it not operating`,
      { step: "cmis-mission-mode" },
    );
  },
});
