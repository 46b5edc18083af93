// The DAQ970A driver against the simulated DAQ970A: thermocouple channel lists, and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DialectBench,
  faultCodes,
  readUnderFaults,
  startDialect,
} from "../../../test/support/dialect-bench.js";
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

  it("a channel that is not slot x 100 + channel is the instrument's error, not a reading", async () => {
    const wrong = await db.open({ channel: 1 });
    await expect(wrong.caseTemperature()).rejects.toMatchObject({
      code: "XPO_INSTRUMENT_ERROR",
      message: expect.stringMatching(/-222/),
    });
  });

  it("an open thermocouple (+9.9E37) reads as not finite: never a temperature", async () => {
    const id = db.bench.faults.add({ kind: "overrange", role: "thermal", match: "MEAS:TEMP" });
    const reading = await db.driver.caseTemperature();
    db.bench.faults.remove(id);
    expect(Number.isFinite(reading.value)).toBe(false);
  });

  it("timeout, garbage and disconnect are typed errors, then it reads again", async () => {
    const { codes, after } = await readUnderFaults(db, "thermal", "MEAS:TEMP", () =>
      db.driver.caseTemperature(),
    );
    expect(codes).toEqual(faultCodes);
    expect(Number.isFinite(after.value)).toBe(true);
  });
});
