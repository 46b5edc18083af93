// Thermal: full power at the lowest MSA flow and the highest MSA inlet temperature; the case
// temperature, the coolant rise, and the rise against P / (rho Q cp) as a bench check.
import { computeCoolantRise } from "../../check/derive.js";
import { findInvalidReading, getGuard, type Reading } from "../../instruments/driver.js";
import { isOperating, judgeReading, recordUnchecked, round } from "../judge.js";
import { getInputMeter } from "../power-point.js";
import { defineStep, type StepContext } from "../step.js";
import { powerNominal } from "./power-nominal.js";

const THERMAL_LIMITS = ["XPO-COOL-007", "XPO-COOL-008", "DECL-CASE-MAX", "CHECK-COOL-DT"] as const;
type ThermalContext = StepContext<(typeof THERMAL_LIMITS)[number]>;

/** The readings at the thermal condition, each with the command that made it. */
interface ThermalReadings {
  caseC: Reading;
  inlet: Reading;
  outlet: Reading;
  flow: Reading;
  power: Reading;
  /** The fluid the chiller reports (asked during the settle, where its reply costs no time). */
  fluid: string | undefined;
  conditions: Record<string, number | string>;
}

// Wait until the inlet is within tolerance of the target; false (limits recorded as errors) on timeout.
async function waitForInlet(ctx: ThermalContext): Promise<boolean> {
  const { coolant } = ctx.instruments;
  const { maxInletC } = ctx.conditions;
  const { inletWaitS, inletToleranceK, timeScale } = ctx.timing;
  const deadline = performance.now() + (inletWaitS * 1000) / timeScale;
  let inlet = (await coolant.inletTemperature()).value;
  while (Math.abs(inlet - maxInletC) > inletToleranceK) {
    if (performance.now() > deadline) {
      const reason = `the coolant inlet reached ${round(inlet)} °C, not ${maxInletC} °C ± ${inletToleranceK} K, within ${inletWaitS} s`;
      for (const id of THERMAL_LIMITS) recordUnchecked(ctx, id, "error", reason);
      return false;
    }
    await ctx.safety.wait(Math.max(1, inletWaitS / 100));
    inlet = (await coolant.inletTemperature()).value;
  }
  return true;
}

// Settle at full power, then read case, inlet, outlet, flow and module power.
async function readThermal(ctx: ThermalContext): Promise<ThermalReadings> {
  const { coolant, thermal } = ctx.instruments;
  const fluid = coolant.fluid().catch(() => undefined);
  await ctx.safety.wait(ctx.timing.thermalSettleS);
  // Independent instruments answer in parallel (the coolant's three reads stay in order on its
  // one session): the step takes the slowest instrument's time, not the sum.
  const [caseC, inlet, outlet, flow, power] = await Promise.all([
    thermal.caseTemperature(),
    coolant.inletTemperature(),
    coolant.outletTemperature(),
    coolant.flow(),
    getInputMeter(ctx).measurePower(),
  ]);
  ctx.safety.check();
  const conditions = {
    supplyV: ctx.conditions.nominalV,
    flowLpm: round(flow.value),
    inletC: round(inlet.value),
    powerW: round(power.value),
  };
  return { caseC, inlet, outlet, flow, power, fluid: await fluid, conditions };
}

// Why the readings were not taken under the thermal condition (the module at its mission
// power, coolant flowing at the test flow, inlet at the test temperature); undefined when they were.
function findOffCondition(ctx: ThermalContext, r: ThermalReadings): string | undefined {
  const { coolant } = ctx.instruments;
  const meter = getInputMeter(ctx);
  const problems: string[] = [];
  for (const [what, reading, problem] of [
    [
      "module power",
      r.power,
      findInvalidReading(r.power.value, meter.range.power, meter.accuracy.power),
    ],
    [
      "coolant flow",
      r.flow,
      findInvalidReading(r.flow.value, coolant.range.flow, coolant.accuracy.flow),
    ],
    [
      "coolant inlet",
      r.inlet,
      findInvalidReading(r.inlet.value, coolant.range.temperature, coolant.accuracy.temperature),
    ],
    [
      "coolant outlet",
      r.outlet,
      findInvalidReading(r.outlet.value, coolant.range.temperature, coolant.accuracy.temperature),
    ],
  ] as const)
    if (problem !== undefined) problems.push(`${what} (${reading.command}): ${problem}`);
  if (problems.length > 0) return problems.join("; ");
  const nominalW = ctx.stateOf(powerNominal)?.nominalPowerW ?? ctx.datasheet?.maxPowerW;
  if (!isOperating(r.power.value, nominalW))
    problems.push(
      `the module drew ${round(r.power.value)} W${nominalW === undefined ? "" : `, not its ${round(nominalW)} W at the nominal voltage`} (has it shut itself down?)`,
    );
  const { minFlowLpm, maxInletC } = ctx.conditions;
  const flowGuard = getGuard(coolant.accuracy.flow, minFlowLpm);
  if (!(r.flow.value >= minFlowLpm - flowGuard))
    problems.push(
      `coolant flow ${round(r.flow.value)} L/min, not the test flow ${minFlowLpm} L/min`,
    );
  if (!(Math.abs(r.inlet.value - maxInletC) <= ctx.timing.inletToleranceK))
    problems.push(
      `coolant inlet ${round(r.inlet.value)} °C, not ${maxInletC} °C ± ${ctx.timing.inletToleranceK} K`,
    );
  return problems.length > 0 ? problems.join("; ") : undefined;
}

// Case temperature against the MSA limit and the DUT's declared maximum.
function judgeCase(ctx: ThermalContext, r: ThermalReadings): void {
  const { thermal } = ctx.instruments;
  for (const id of ["XPO-COOL-007", "DECL-CASE-MAX"] as const)
    judgeReading(ctx, id, r.caseC.value, {
      subject: "case temperature",
      accuracy: thermal.accuracy.temperature,
      range: thermal.range.temperature,
      evidence: { instrument: thermal.describe(), command: r.caseC.command },
      conditions: r.conditions,
    });
}

// The coolant rise (outlet - inlet), guarded by both thermometers' accuracy; returns its guard.
function judgeRise(ctx: ThermalContext, r: ThermalReadings): number {
  const { coolant } = ctx.instruments;
  const tAcc = coolant.accuracy.temperature;
  const guard =
    2 * (tAcc?.absolute ?? 0) +
    (tAcc?.relative ?? 0) * (Math.abs(r.inlet.value) + Math.abs(r.outlet.value));
  judgeReading(ctx, "XPO-COOL-008", r.outlet.value - r.inlet.value, {
    subject: "coolant temperature rise",
    accuracy: { relative: 0, absolute: guard },
    evidence: {
      instrument: coolant.describe(),
      command: `${r.outlet.command}; ${r.inlet.command}`,
    },
    conditions: r.conditions,
  });
  return guard;
}

// The measured rise against P / (rho Q cp) for the fluid in the loop (CHECK-COOL-DT).
async function judgeRiseRatio(ctx: ThermalContext, r: ThermalReadings, riseGuard: number) {
  const { coolant } = ctx.instruments;
  const meter = getInputMeter(ctx);
  const declared = ctx.datasheet?.coolant;
  const fluidName = r.fluid ?? declared ?? "";
  const fluid =
    ctx.profile.coolants[fluidName] ?? (declared ? ctx.profile.coolants[declared] : undefined);
  const flow = r.flow.value;
  const power = r.power.value;
  if (fluid === undefined || !(flow > 0)) {
    const reason =
      fluid === undefined
        ? `coolant "${fluidName}" is not in schemas/coolants.json`
        : "no coolant flow";
    recordUnchecked(ctx, "CHECK-COOL-DT", "error", reason, "coolant rise ratio");
    return;
  }
  const rise = r.outlet.value - r.inlet.value;
  const computed = computeCoolantRise(power, flow, fluid);
  const flowAcc = coolant.accuracy.flow;
  const powerAcc = meter.accuracy.power;
  const flowRel = flowAcc ? flowAcc.relative + flowAcc.absolute / flow : 0;
  const powerRel = powerAcc ? powerAcc.relative + powerAcc.absolute / Math.max(power, 1e-9) : 0;
  const relative = flowRel + powerRel + riseGuard / Math.max(computed, 1e-9);
  judgeReading(ctx, "CHECK-COOL-DT", rise / computed, {
    subject: "coolant rise ratio",
    accuracy: { relative, absolute: 0 },
    evidence: {
      instrument: coolant.describe(),
      command: `${r.outlet.command}; ${r.inlet.command}; ${r.flow.command}`,
    },
    conditions: {
      ...r.conditions,
      measuredRiseK: round(rise),
      computedRiseK: round(computed),
      fluid: fluidName,
    },
  });
}

// Set the loop's flow and temperature. Both are queued at once, so they go out back to back:
// awaiting the first would let a safety-monitor poll in between, and on a chiller that needs
// 250 ms per set command (Julabo, Lauda) the step would wait for that poll too. The monitor's
// poll waits for both instead (about half a second on those chillers).
async function setLoop(ctx: ThermalContext, flowLpm: number, celsius: number): Promise<void> {
  const { coolant } = ctx.instruments;
  const results = await Promise.allSettled([
    coolant.setFlow(flowLpm),
    coolant.setTemperature(celsius),
  ]);
  for (const result of results) if (result.status === "rejected") throw result.reason;
}

export const thermal = defineStep({
  id: "thermal",
  title: "Case temperature and coolant rise at minimum flow and highest inlet temperature",
  kind: "measure",
  limitIds: THERMAL_LIMITS,
  async run(ctx) {
    const { coolant } = ctx.instruments;
    // The supply and the chiller are independent: the voltage is set while the loop's
    // setpoints are read (to be put back afterwards).
    const [flowBefore, tempBefore] = await Promise.all([
      coolant.flowSetpoint(),
      coolant.temperatureSetpoint(),
      ctx.safety.setVoltage(ctx.conditions.nominalV),
    ]);
    try {
      await setLoop(ctx, ctx.conditions.minFlowLpm, ctx.conditions.maxInletC);
      if (!(await waitForInlet(ctx))) return;
      const readings = await readThermal(ctx);
      const off = findOffCondition(ctx, readings);
      if (off !== undefined) {
        const reason = `the reading was not under its conditions: ${off}`;
        for (const id of THERMAL_LIMITS) recordUnchecked(ctx, id, "error", reason);
        return;
      }
      judgeCase(ctx, readings);
      const riseGuard = judgeRise(ctx, readings);
      await judgeRiseRatio(ctx, readings, riseGuard);
    } finally {
      // Put the loop back as it was, unless a trip is switching the bench off.
      if (!ctx.safety.signal.aborted) await setLoop(ctx, flowBefore, tempBefore);
    }
  },
});
