// The module's own monitors against the bench's reference instruments (role mgmt), read at the
// same moment at the thermal condition: its temperature monitor (00h:14) against the case
// thermocouple, and each lane's Tx power monitor (page 11h of its bank) against the optical
// power meter, within the CMIS profile's tolerance. The reference instrument's accuracy is the
// guard; a dark lane, a missing value or a module that is not in ModuleReady is an error. And
// the module flags latched since cmis-management read them (../cmis-flags.ts).
import { getGuard, type Reading } from "../../instruments/driver.js";
import { CmisBus, MODULE_READY } from "../cmis-bus.js";
import { judgeFlags } from "../cmis-flags.js";
import { judgeReading, recordUnchecked, round } from "../judge.js";
import { defineStep, type StepContext } from "../step.js";

const LIMITS = ["CMIS-LIVE-TEMP", "CMIS-LIVE-TXPWR", "CMIS-LIVE-FLAGS"] as const;
type Ctx = StepContext<(typeof LIMITS)[number]>;

// dBm of a power in mW (-Infinity for a dark lane: an invalid reading, never judged).
const dbm = (milliwatts: number) => 10 * Math.log10(milliwatts);

function judgeTemperature(ctx: Ctx, bus: CmisBus, caseC: Reading, moduleC: number): void {
  const { thermal } = ctx.instruments;
  judgeReading(ctx, "CMIS-LIVE-TEMP", moduleC - caseC.value, {
    subject: "temperature monitor - case temperature",
    accuracy: { relative: 0, absolute: getGuard(thermal.accuracy.temperature, caseC.value) },
    evidence: {
      instrument: `${bus.adapter.describe()}; ${thermal.describe()}`,
      command: caseC.command,
      memory: `page 00h byte 14 temperature = ${round(moduleC)} °C; case ${round(caseC.value)} °C`,
    },
    conditions: { caseC: round(caseC.value) },
  });
}

function judgeTxPower(ctx: Ctx, bus: CmisBus, meter: Reading<number[]>, moduleMw: number[]) {
  const { optical } = ctx.instruments;
  if (optical === undefined) return;
  for (let lane = 1; lane <= ctx.conditions.laneCount; lane++) {
    const subject = `lane ${lane} Tx power monitor - optical meter`;
    const meterDbm = meter.value[lane - 1];
    const mw = moduleMw[lane - 1];
    if (meterDbm === undefined || mw === undefined) {
      const missing = meterDbm === undefined ? `${meter.command} gave no value` : "no monitor";
      recordUnchecked(ctx, "CMIS-LIVE-TXPWR", "error", `lane ${lane}: ${missing}`, subject);
      continue;
    }
    judgeReading(ctx, "CMIS-LIVE-TXPWR", dbm(mw) - meterDbm, {
      subject,
      lane,
      accuracy: { relative: 0, absolute: getGuard(optical.accuracy.opticalPower, meterDbm) },
      evidence: {
        instrument: `${bus.adapter.describe()}; ${optical.describe()}`,
        command: meter.command,
        memory: `page 11h lane ${lane} Tx power = ${round(mw)} mW (${round(dbm(mw))} dBm); meter ${round(meterDbm)} dBm`,
      },
    });
  }
}

export const cmisMonitors = defineStep({
  id: "cmis-monitors",
  title: "The module's temperature and Tx power monitors against the bench instruments",
  kind: "measure",
  limitIds: LIMITS,
  async run(ctx) {
    const { mgmt, thermal, optical } = ctx.instruments;
    if (mgmt === undefined) {
      const reason = "the station has no management-bus adapter (role mgmt)";
      for (const id of LIMITS) recordUnchecked(ctx, id, "not-applicable", reason);
      return;
    }
    const bus = new CmisBus(mgmt, ctx.profile.dir);
    const pages = bus.pagesOf("txPower", bus.bankCount(ctx.conditions.laneCount));
    // Independent instruments, read at once: the module's monitors and the references.
    const [read, caseC, meter] = await Promise.all([
      bus.read(pages),
      thermal.caseTemperature(),
      optical?.allLanes(),
    ]);
    ctx.safety.check();
    const state = read("moduleState")[0]?.text;
    if (state !== MODULE_READY) {
      const reason = `the module was in ${state}, not ${MODULE_READY}: its monitors are not judged`;
      for (const id of LIMITS) recordUnchecked(ctx, id, "error", reason);
      return;
    }
    judgeTemperature(ctx, bus, caseC, Number(read("temperature")[0]?.value));
    await judgeFlags(ctx, bus, "DataPathInit to the thermal condition");
    if (meter === undefined) {
      const reason = "the station has no optical power meter (role optical)";
      recordUnchecked(ctx, "CMIS-LIVE-TXPWR", "not-applicable", reason);
      return;
    }
    const byLane: number[] = [];
    for (const f of read("txPower")) if (f.lane !== undefined) byLane[f.lane - 1] = Number(f.value);
    judgeTxPower(ctx, bus, meter, byLane);
  },
});
