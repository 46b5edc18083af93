// The DAQ970A driver against the simulated DAQ970A: thermocouple channel lists, and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DialectBench, startDialect } from "../../../test/support/dialect-bench.js";
import { thermalDriverCases } from "../../../test/support/thermal-driver-cases.js";
import type { KeysightDaq970aThermal } from "./keysight-daq970a.js";

let db: DialectBench<KeysightDaq970aThermal>;
beforeAll(async () => {
  db = await startDialect("thermal", "keysight-daq970a", "keysight-daq970a", {
    station: { channel: 101, timeoutMs: 300 },
  });
});
afterAll(() => db.stop());

describe("keysight-daq970a", () => {
  it("reads the case on the station's channel with MEAS:TEMP? TC,K,(@101)", async () => {
    expect(db.driver.identity).toMatch(/^Keysight Technologies,DAQ970A,/);
    const reading = await db.driver.caseTemperature();
    expect(reading.command).toBe("MEAS:TEMP? TC,K,(@101)");
    expect(reading.value).toBeCloseTo(db.bench.state().module.caseC, 2);
    const plate = await db.driver.temperature(102);
    expect(plate.value).toBeCloseTo(db.bench.state().coldPlateC, 2);
  });

  thermalDriverCases(() => db, "MEAS:TEMP");
});
