// The DAQ6510 driver against the simulated DAQ6510: thermocouple channel lists, and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DialectBench, startDialect } from "../../../test/support/dialect-bench.js";
import { thermalDriverCases } from "../../../test/support/thermal-driver-cases.js";
import type { KeithleyDaq6510Thermal } from "./keithley-daq6510.js";

let db: DialectBench<KeithleyDaq6510Thermal>;
beforeAll(async () => {
  db = await startDialect("thermal", "keithley-daq6510", "keithley-daq6510", {
    station: { channel: 101, timeoutMs: 300 },
  });
});
afterAll(() => db.stop());

describe("keithley-daq6510", () => {
  it("sets the channel to a type K thermocouple once, then closes it and reads :READ?", async () => {
    expect(db.driver.identity).toMatch(/^KEITHLEY INSTRUMENTS,MODEL DAQ6510,/);
    const reading = await db.driver.caseTemperature();
    expect(reading.command).toBe(":READ?");
    expect(reading.value).toBeCloseTo(db.bench.state().module.caseC, 2);
    const plate = await db.driver.temperature(102);
    expect(plate.value).toBeCloseTo(db.bench.state().coldPlateC, 2);
  });

  thermalDriverCases(() => db, "READ?");
});
