// Module physics on a frozen virtual clock: power by variant, I = P/V, coolant dT = P/(rho Q cp),
// first-order case temperature, overheating without flow, supply protection.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BenchModel } from "./bench-model.js";
import { VirtualClock } from "./clock.js";
import { loadBenchConfig, loadCoolant } from "./config.js";
import { FaultSet, parseFault } from "./faults.js";

function makeBench(variant = "coherent-lite") {
  const config = loadBenchConfig(undefined, { module: { variant } });
  const clock = new VirtualClock(0);
  const faults = new FaultSet();
  const model = new BenchModel(config, loadCoolant(config.coolant.fluid), clock, faults);
  const on = (volts = 48, amps = 10) =>
    model.change(() => {
      model.supply.voltageSetpoint = volts;
      model.supply.currentLimit = amps;
      model.supply.output = true;
    });
  return { config, clock, faults, model, on };
}

// Power draw by variant and supply voltage, and the coolant's temperature rise.
function definePowerTests(): void {
  it("draws nothing until the output is on and the voltage is in range", () => {
    const { model, on } = makeBench();
    expect(model.snapshot().module.powerW).toBe(0);
    on(30);
    expect(model.snapshot().module.running).toBe(false);
    on(48);
    const s = model.snapshot();
    expect(s.module.running).toBe(true);
    expect(s.supply.power).toBeCloseTo(250);
    expect(s.supply.current).toBeCloseTo(250 / 48);
  });

  it("power follows the optics variant", () => {
    for (const [variant, watts] of [
      ["lpo", 80],
      ["coherent-lite", 250],
    ] as const) {
      const { model, on } = makeBench(variant);
      on(54);
      expect(model.snapshot().supply.power).toBeCloseTo(watts);
      expect(model.snapshot().supply.current).toBeCloseTo(watts / 54);
    }
  });

  it("coolant rise is P/(rho Q cp) with properties from schemas/coolants.json", () => {
    const { model, on, clock } = makeBench();
    on();
    clock.advance(1);
    const pg25 = JSON.parse(
      readFileSync(new URL("../../schemas/coolants.json", import.meta.url), "utf8"),
    ).coolants.PG25;
    const s = model.snapshot();
    const expected = 250 / ((pg25.densityKgPerL * 1) / 60) / pg25.specificHeatJPerKgK;
    expect(s.coolant.outletC - s.coolant.inletC).toBeCloseTo(expected, 6);
  });
}

// Case temperature, overheating without flow, supply protection and BER over temperature.
function defineResponseTests(): void {
  it("case temperature settles (first order) and falls with more flow or colder inlet", () => {
    const { model, on, clock } = makeBench();
    on();
    clock.advance(1);
    const early = model.snapshot().module.caseC;
    clock.advance(60);
    const settled = model.snapshot().module.caseC;
    expect(early).toBeLessThan(settled);
    clock.advance(60);
    expect(model.snapshot().module.caseC).toBeCloseTo(settled, 3);
    model.change(() => void Object.assign(model.coolant, { flowSetpointLpm: 3 }));
    clock.advance(60);
    expect(model.snapshot().module.caseC).toBeLessThan(settled - 5);
  });

  it("full power with no flow overheats within seconds and the module shuts down", () => {
    const { model, on, clock, faults } = makeBench();
    on();
    clock.advance(30);
    faults.add(parseFault("flow-loss@coolant"));
    expect(model.snapshot().coolant.flowLpm).toBe(0);
    clock.advance(10);
    const s = model.snapshot();
    expect(s.module.thermalShutdown).toBe(true);
    expect(s.module.running).toBe(false);
    expect(s.supply.power).toBeLessThan(5);
  });

  it("current limit below demand: CC, module cannot run; OCP level below demand trips the output", () => {
    const { model, on } = makeBench();
    on(48, 2);
    expect(model.snapshot().supply.mode).toBe("cc");
    expect(model.snapshot().module.running).toBe(false);
    model.change(() => void Object.assign(model.supply, { ocpLevel: 4 }));
    on(48, 10);
    expect(model.snapshot().supply).toMatchObject({ output: false, trip: "ocp" });
    model.change(
      () => void Object.assign(model.supply, { ocpLevel: 60, ovpLevel: 50, trip: "none" }),
    );
    on(55, 10);
    expect(model.snapshot().supply.trip).toBe("ovp");
  });

  it("BER is NaN when dark, per lane otherwise, rising with temperature", () => {
    const { model, on, clock } = makeBench();
    expect(model.laneBer(1)).toBeNaN();
    expect(model.laneOpticalDbm(1)).toBe(Number.NEGATIVE_INFINITY);
    on();
    clock.advance(60);
    const cool = model.laneBer(3);
    expect(cool).toBeGreaterThan(0);
    model.change(() => void Object.assign(model.coolant, { setpointC: 40 }));
    clock.advance(200);
    expect(model.laneBer(3)).toBeGreaterThan(cool);
  });
}

describe("simulated XPO module", () => {
  definePowerTests();
  defineResponseTests();
});

describe("fault specs", () => {
  it("parses kind@role,key=value", () => {
    expect(parseFault("stall@supply,match=MEAS:VOLT?,count=1")).toEqual({
      kind: "stall",
      role: "supply",
      match: "MEAS:VOLT?",
      count: 1,
    });
    expect(parseFault("slow@powermeter,delay=800")).toMatchObject({ delayMs: 800 });
    expect(() => parseFault("melt@supply")).toThrow(/unknown kind/);
    expect(() => parseFault("stall@toaster")).toThrow(/role/);
  });
});
