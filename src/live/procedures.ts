// The live XPO procedure: ordered steps, each mapped to the limit ids it checks. `setup` steps
// (interlocks, power-up, power-down) run on every start and resume; `measure` steps are
// skipped on resume once recorded as completed. suites/live runs the same steps under vitest.
import { judgeValue } from "../check/evaluate.js";
import { type Accuracy, getGuard } from "../instruments/driver.js";
import type { Instruments } from "../instruments/open-instruments.js";
import { XpoError } from "../model/errors.js";
import type { Evidence } from "../model/evidence.js";
import type { CompiledLimit, Profile } from "../profile/load-profile.js";
import type { Station } from "../station/load-station.js";
import { appliesToDut, type DutDatasheet, type TestConditions } from "./live-limits.js";
import type { LiveRecorder } from "./recorder.js";
import type { SafetyController } from "./safety.js";

/** Bench timing, in bench seconds (divided by the station's time scale on a simulated bench). */
export interface Timing {
  timeScale: number;
  settleS: number;
  thermalSettleS: number;
  inletWaitS: number;
  inletToleranceK: number;
  inrushSamples: number;
}

export interface StepContext {
  instruments: Instruments;
  safety: SafetyController;
  recorder: LiveRecorder;
  profile: Profile;
  /** Profile limits plus the live extras (DECL-*, CHECK-*), by id. */
  limits: Map<string, CompiledLimit>;
  conditions: TestConditions;
  station: Station;
  datasheet?: DutDatasheet | undefined;
  timing: Timing;
  coolantRiseTolerance: number;
  /** Results later steps need (restored from the record on resume). */
  state: Record<string, number>;
  step: string;
}

export interface Step {
  id: string;
  title: string;
  kind: "setup" | "measure";
  limitIds: string[];
  run(ctx: StepContext): Promise<void>;
}

/** A module is taken to be operating when it draws at least this share of its nominal power. */
const OPERATING_SHARE = 0.5;

const round = (v: number) => Number(v.toPrecision(6));

// Record a verdict for a reading against a limit, with the instrument's accuracy as the guard.
export function judgeReading(
  ctx: StepContext,
  limitId: string,
  value: number,
  options: {
    subject: string;
    accuracy?: Accuracy | undefined;
    evidence?: Evidence;
    conditions?: Record<string, number | string>;
  },
): void {
  const limit = ctx.limits.get(limitId);
  if (limit === undefined) return;
  const base = {
    limitId,
    subject: options.subject,
    unit: limit.info.unit,
    ...(options.evidence ? { evidence: options.evidence } : {}),
    ...(options.conditions ? { conditions: options.conditions } : {}),
  };
  if (!Number.isFinite(value)) {
    ctx.recorder.verdict({
      ...base,
      observed: null,
      margin: null,
      outcome: "error",
      reason: `no valid reading (the instrument returned ${value}: no signal or overrange)`,
    });
    return;
  }
  const judged = judgeValue(limit, value, (v) => getGuard(options.accuracy, v));
  ctx.recorder.verdict({
    ...base,
    observed: round(value),
    ...judged,
    ...(judged.margin !== null ? { margin: round(judged.margin) } : {}),
  });
}

// Record a limit that was not checked, with why (not-applicable or error).
export function recordUnchecked(
  ctx: StepContext,
  limitId: string,
  outcome: "not-applicable" | "error",
  reason: string,
  subject = "live",
): void {
  const limit = ctx.limits.get(limitId);
  if (limit === undefined) return;
  ctx.recorder.verdict({
    limitId,
    subject,
    unit: limit.info.unit,
    observed: null,
    margin: null,
    outcome,
    reason,
  });
}

// Record whether the module operates at a voltage the profile requires (XPO-PWR-002/003/004).
function judgeOperation(
  ctx: StepContext,
  limitId: string,
  volts: number,
  powerW: number,
  evidence: Evidence,
): void {
  const limit = ctx.limits.get(limitId);
  if (limit === undefined) return;
  const nominal = ctx.state.nominalPowerW;
  const operates = nominal === undefined ? powerW > 0 : powerW >= OPERATING_SHARE * nominal;
  const inside = limit.validate(volts);
  ctx.recorder.verdict({
    limitId,
    subject: `operation at ${volts} V`,
    unit: limit.info.unit,
    observed: volts,
    margin: null,
    outcome: operates && inside ? "pass" : "fail",
    reason: operates
      ? `the module operated at ${volts} V (drew ${round(powerW)} W)`
      : `the module did not operate at ${volts} V: it drew ${round(powerW)} W, under ${OPERATING_SHARE * 100} % of its ${nominal === undefined ? "nominal" : `${round(nominal)} W nominal`} power`,
    evidence,
    conditions: { supplyV: volts },
  });
}

interface PowerPoint {
  volts: number;
  voltage: number;
  current: number;
  power: number;
  evidence: Evidence;
}

// Set the supply, let the module settle, and read V, I, P (power meter when the station has one).
async function measureAt(ctx: StepContext, volts: number): Promise<PowerPoint> {
  await ctx.safety.setVoltage(volts);
  await ctx.safety.wait(ctx.timing.settleS);
  const meter = ctx.instruments.powermeter ?? ctx.instruments.supply;
  const voltage = await meter.measureVoltage();
  const current = await meter.measureCurrent();
  const power = await meter.measurePower();
  ctx.safety.check();
  return {
    volts,
    voltage,
    current,
    power,
    evidence: { instrument: meter.describe(), command: "MEAS:POW?" },
  };
}

function judgePower(ctx: StepContext, point: PowerPoint): void {
  const meter = ctx.instruments.powermeter ?? ctx.instruments.supply;
  const conditions = { supplyV: point.volts, measuredV: round(point.voltage) };
  const subject = `module power at ${point.volts} V`;
  judgeReading(ctx, "XPO-PWR-001", point.power, {
    subject,
    accuracy: meter.accuracy.power,
    evidence: point.evidence,
    conditions,
  });
  judgeReading(ctx, "DECL-PWR-MAX", point.power, {
    subject,
    accuracy: meter.accuracy.power,
    evidence: point.evidence,
    conditions,
  });
}

// Interlock: coolant flowing and inlet cool enough before the supply output may go on.
const interlockCoolant: Step = {
  id: "interlock-coolant",
  title: "Coolant flow and inlet temperature confirmed before power",
  kind: "setup",
  limitIds: [],
  async run(ctx) {
    const { coolant } = ctx.instruments;
    const flow = await coolant.flow();
    const inlet = await coolant.inletTemperature();
    const needFlow = Math.max(ctx.conditions.minFlowLpm, ctx.station.config.safety.minFlowLpm);
    const maxInlet = Math.min(
      ctx.conditions.maxInletC,
      ctx.station.config.safety.maxInletTemperatureC,
    );
    const problems: string[] = [];
    if (!(flow >= needFlow))
      problems.push(
        `coolant flow ${round(flow)} L/min is below ${needFlow} L/min (XPO-COOL-002 / station minFlowLpm)`,
      );
    if (!(inlet <= maxInlet))
      problems.push(
        `coolant inlet ${round(inlet)} °C is above ${maxInlet} °C (XPO-COOL-004 / station maxInletTemperatureC)`,
      );
    if (problems.length > 0)
      throw new XpoError(
        "XPO_SAFETY_TRIP",
        `interlock: ${problems.join("; ")}; the supply output stays off`,
        {
          instrument: coolant.describe(),
          remedy: "Start the coolant loop at the flow and temperature shown, then run again.",
        },
      );
    ctx.recorder.event(
      "info",
      "interlock",
      `coolant flow ${round(flow)} L/min >= ${needFlow} L/min and inlet ${round(inlet)} °C <= ${maxInlet} °C: power may go on`,
      { step: ctx.step },
    );
  },
};

// Power-up: voltage, current limit and OVP set and read back before output on; inrush observed.
const powerUp: Step = {
  id: "power-up",
  title: "Voltage and current limit set before output on; inrush observed",
  kind: "setup",
  limitIds: [],
  async run(ctx) {
    const { supply } = ctx.instruments;
    const safety = ctx.station.config.safety;
    await supply.output(false);
    await ctx.safety.setVoltage(ctx.conditions.nominalV);
    await supply.setCurrentLimit(safety.supplyCurrentLimitA);
    if (safety.overVoltageProtectionV !== undefined)
      await supply.setOverVoltageProtection(safety.overVoltageProtectionV);
    const setV = await supply.voltageSetpoint();
    const setI = await supply.currentLimit();
    if (
      Math.abs(setV - ctx.conditions.nominalV) >
        1e-6 * Math.max(1, ctx.conditions.nominalV) + 1e-3 ||
      Math.abs(setI - safety.supplyCurrentLimitA) > 1e-3 * safety.supplyCurrentLimitA + 1e-3
    )
      throw new XpoError(
        "XPO_SAFETY_TRIP",
        `the supply reads back ${setV} V / ${setI} A, not the ${ctx.conditions.nominalV} V / ${safety.supplyCurrentLimitA} A just set; the output stays off`,
        { instrument: supply.describe() },
      );
    ctx.recorder.event(
      "info",
      "supply-configured",
      `supply set to ${setV} V with a ${setI} A current limit before output on`,
      { step: ctx.step },
    );
    await ctx.safety.outputOn();
    let peak = 0;
    for (let i = 0; i < ctx.timing.inrushSamples; i++) {
      const amps = await supply.measureCurrent();
      ctx.recorder.reading("inrush current", "A", amps, [], supply.describe());
      peak = Math.max(peak, amps);
      if (!(amps <= safety.maxCurrentA)) {
        await ctx.safety.tripNow({
          kind: "over-current",
          message: `inrush current ${round(amps)} A above the station's maxCurrentA ${safety.maxCurrentA} A`,
          final: true,
          step: ctx.step,
        });
        ctx.safety.check();
      }
    }
    ctx.recorder.event(
      "info",
      "output-on",
      `supply output on at ${ctx.conditions.nominalV} V; inrush peak ${round(peak)} A over ${ctx.timing.inrushSamples} samples`,
      { step: ctx.step, data: { inrushPeakA: round(peak) } },
    );
    await ctx.safety.wait(ctx.timing.settleS);
  },
};

// Module power at each nominal voltage the profile names.
const powerNominal: Step = {
  id: "power-nominal",
  title: "Module power at the nominal input voltages",
  kind: "measure",
  limitIds: ["XPO-PWR-001", "XPO-PWR-004", "DECL-PWR-MAX"],
  async run(ctx) {
    const voltages = [
      ctx.conditions.nominalV,
      ...ctx.conditions.nominalVoltages.filter((v) => v !== ctx.conditions.nominalV),
    ];
    for (const volts of voltages) {
      const point = await measureAt(ctx, volts);
      if (volts === ctx.conditions.nominalV) ctx.state.nominalPowerW = point.power;
      judgePower(ctx, point);
      judgeOperation(ctx, "XPO-PWR-004", volts, point.power, point.evidence);
    }
    await ctx.safety.setVoltage(ctx.conditions.nominalV);
  },
};

// Per lane: pre-FEC BER of every lane, and optical launch power where the variant has a limit.
const lanes: Step = {
  id: "lanes",
  title: "Pre-FEC BER and optical power of every lane",
  kind: "measure",
  limitIds: ["XPO-OPT-004", "XPO-OPT-001"],
  async run(ctx) {
    await ctx.safety.setVoltage(ctx.conditions.nominalV);
    await ctx.safety.wait(ctx.timing.settleS);
    const conditions = { supplyV: ctx.conditions.nominalV };
    const { ber, optical } = ctx.instruments;
    if (ber === undefined)
      recordUnchecked(
        ctx,
        "XPO-OPT-004",
        "not-applicable",
        "the station has no BER checker (role ber)",
      );
    else {
      const values = await ber.allLanes();
      ctx.safety.check();
      for (const [index, value] of values.entries())
        judgeReading(ctx, "XPO-OPT-004", value, {
          subject: `lane ${index + 1} pre-FEC BER`,
          accuracy: ber.accuracy.ber,
          evidence: { instrument: ber.describe(), command: "FETC:BER:ALL?" },
          conditions,
        });
    }
    const opt = ctx.limits.get("XPO-OPT-001");
    if (opt === undefined) return;
    if (!appliesToDut(opt, ctx.datasheet))
      recordUnchecked(
        ctx,
        "XPO-OPT-001",
        "not-applicable",
        `applies only when ${opt.info.appliesWhen ?? "its condition holds"}`,
      );
    else if (optical === undefined)
      recordUnchecked(
        ctx,
        "XPO-OPT-001",
        "not-applicable",
        "the station has no optical power meter (role optical)",
      );
    else {
      const values = await optical.allLanes();
      ctx.safety.check();
      for (const [index, value] of values.entries())
        judgeReading(ctx, "XPO-OPT-001", value, {
          subject: `lane ${index + 1} launch power`,
          accuracy: optical.accuracy.opticalPower,
          evidence: { instrument: optical.describe(), command: "MEAS:POW:ALL?" },
          conditions,
        });
    }
  },
};

// Module power and input current at the ends of the MSA input range.
const powerRange: Step = {
  id: "power-range",
  title: "Module power and input current across the input range",
  kind: "measure",
  limitIds: ["XPO-PWR-001", "XPO-PWR-002", "XPO-PWR-003", "XPO-PWR-005", "DECL-PWR-MAX"],
  async run(ctx) {
    if (ctx.state.nominalPowerW === undefined)
      ctx.state.nominalPowerW = (await measureAt(ctx, ctx.conditions.nominalV)).power;
    const meter = ctx.instruments.powermeter ?? ctx.instruments.supply;
    for (const [volts, id] of [
      [ctx.conditions.minV, "XPO-PWR-002"],
      [ctx.conditions.maxV, "XPO-PWR-003"],
    ] as const) {
      const point = await measureAt(ctx, volts);
      judgePower(ctx, point);
      judgeOperation(ctx, id, volts, point.power, point.evidence);
      if (volts === ctx.conditions.minV)
        judgeReading(ctx, "XPO-PWR-005", point.current, {
          subject: `input current at ${volts} V`,
          accuracy: meter.accuracy.current,
          evidence: { instrument: meter.describe(), command: "MEAS:CURR?" },
          conditions: { supplyV: volts, powerW: round(point.power) },
        });
    }
    await ctx.safety.setVoltage(ctx.conditions.nominalV);
    await ctx.safety.wait(ctx.timing.settleS);
  },
};

// Thermal: full power at the lowest MSA flow and the highest MSA inlet temperature.
const thermal: Step = {
  id: "thermal",
  title: "Case temperature and coolant rise at minimum flow and highest inlet temperature",
  kind: "measure",
  limitIds: ["XPO-COOL-007", "XPO-COOL-008", "DECL-CASE-MAX", "CHECK-COOL-DT"],
  async run(ctx) {
    const { coolant, thermal: logger } = ctx.instruments;
    const meter = ctx.instruments.powermeter ?? ctx.instruments.supply;
    const flowBefore = await coolant.flowSetpoint();
    const tempBefore = await coolant.temperatureSetpoint();
    const { minFlowLpm, maxInletC } = ctx.conditions;
    try {
      await ctx.safety.setVoltage(ctx.conditions.nominalV);
      await coolant.setFlow(minFlowLpm);
      await coolant.setTemperature(maxInletC);
      const deadline = performance.now() + (ctx.timing.inletWaitS * 1000) / ctx.timing.timeScale;
      let inlet = await coolant.inletTemperature();
      while (Math.abs(inlet - maxInletC) > ctx.timing.inletToleranceK) {
        if (performance.now() > deadline) {
          for (const id of this.limitIds)
            recordUnchecked(
              ctx,
              id,
              "error",
              `the coolant inlet reached ${round(inlet)} °C, not ${maxInletC} °C ± ${ctx.timing.inletToleranceK} K, within ${ctx.timing.inletWaitS} s`,
            );
          return;
        }
        await ctx.safety.wait(Math.max(1, ctx.timing.inletWaitS / 100));
        inlet = await coolant.inletTemperature();
      }
      await ctx.safety.wait(ctx.timing.thermalSettleS);
      const caseC = await logger.caseTemperature();
      inlet = await coolant.inletTemperature();
      const outlet = await coolant.outletTemperature();
      const flow = await coolant.flow();
      const power = await meter.measurePower();
      ctx.safety.check();
      const conditions = {
        supplyV: ctx.conditions.nominalV,
        flowLpm: round(flow),
        inletC: round(inlet),
        powerW: round(power),
      };
      const caseEvidence = {
        instrument: logger.describe(),
        command: `MEAS:TEMP? (@${logger.caseChannel})`,
      };
      judgeReading(ctx, "XPO-COOL-007", caseC, {
        subject: "case temperature",
        accuracy: logger.accuracy.temperature,
        evidence: caseEvidence,
        conditions,
      });
      judgeReading(ctx, "DECL-CASE-MAX", caseC, {
        subject: "case temperature",
        accuracy: logger.accuracy.temperature,
        evidence: caseEvidence,
        conditions,
      });
      const rise = outlet - inlet;
      const tAcc = coolant.accuracy.temperature;
      const riseAccuracy = {
        relative: 0,
        absolute:
          2 * (tAcc?.absolute ?? 0) + (tAcc?.relative ?? 0) * (Math.abs(inlet) + Math.abs(outlet)),
      };
      const coolantEvidence = {
        instrument: coolant.describe(),
        command: "MEAS:TEMP:OUTL?; MEAS:TEMP:INL?",
      };
      judgeReading(ctx, "XPO-COOL-008", rise, {
        subject: "coolant temperature rise",
        accuracy: riseAccuracy,
        evidence: coolantEvidence,
        conditions,
      });
      const fluidName = await coolant.fluid().catch(() => ctx.datasheet?.coolant ?? "");
      const fluid =
        ctx.profile.coolants[fluidName] ??
        (ctx.datasheet?.coolant ? ctx.profile.coolants[ctx.datasheet.coolant] : undefined);
      if (fluid === undefined || !(flow > 0))
        recordUnchecked(
          ctx,
          "CHECK-COOL-DT",
          "error",
          fluid === undefined
            ? `coolant "${fluidName}" is not in schemas/coolants.json`
            : "no coolant flow",
          "coolant rise ratio",
        );
      else {
        const computed = power / ((fluid.densityKgPerL * flow) / 60) / fluid.specificHeatJPerKgK;
        const ratio = rise / computed;
        const flowRel = coolant.accuracy.flow
          ? coolant.accuracy.flow.relative + coolant.accuracy.flow.absolute / flow
          : 0;
        const powerRel = meter.accuracy.power
          ? meter.accuracy.power.relative + meter.accuracy.power.absolute / Math.max(power, 1e-9)
          : 0;
        const relative = flowRel + powerRel + riseAccuracy.absolute / Math.max(computed, 1e-9);
        judgeReading(ctx, "CHECK-COOL-DT", ratio, {
          subject: "coolant rise ratio",
          accuracy: { relative, absolute: 0 },
          evidence: coolantEvidence,
          conditions: {
            ...conditions,
            measuredRiseK: round(rise),
            computedRiseK: round(computed),
            fluid: fluidName,
          },
        });
      }
    } finally {
      if (!ctx.safety.signal.aborted) {
        await coolant.setFlow(flowBefore);
        await coolant.setTemperature(tempBefore);
      }
    }
  },
};

// Power-down: output off and confirmed off.
const powerDown: Step = {
  id: "power-down",
  title: "Supply output off and confirmed off",
  kind: "setup",
  limitIds: [],
  async run(ctx) {
    await ctx.safety.outputOff("procedure complete");
    if (ctx.safety.confirmedOff !== true)
      throw new XpoError(
        "XPO_SAFETY_TRIP",
        "the supply output could not be confirmed off at the end of the run",
        {
          instrument: ctx.instruments.supply.describe(),
        },
      );
  },
};

/** The live procedure, in order. power-down always runs last. */
export const liveSteps: readonly Step[] = [
  interlockCoolant,
  powerUp,
  powerNominal,
  lanes,
  powerRange,
  thermal,
  powerDown,
];
