// The DAQ6510 driver against the simulated DAQ6510: thermocouple channel lists, and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DialectBench,
  faultCodes,
  readUnderFaults,
  startDialect,
} from "../../../test/support/dialect-bench.js";
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

  it("a channel that is not slot x 100 + channel is the instrument's error, not a reading", async () => {
    const wrong = await db.open({ channel: 1 });
    await expect(wrong.caseTemperature()).rejects.toMatchObject({
      code: "XPO_INSTRUMENT_ERROR",
      message: expect.stringMatching(/-222/),
    });
  });

  it("an open thermocouple (+9.9E37) reads as not finite: never a temperature", async () => {
    const id = db.bench.faults.add({ kind: "overrange", role: "thermal", match: "READ?" });
    const reading = await db.driver.caseTemperature();
    db.bench.faults.remove(id);
    expect(Number.isFinite(reading.value)).toBe(false);
  });

  it("timeout, garbage and disconnect are typed errors, then it reads again", async () => {
    const { codes, after } = await readUnderFaults(db, "thermal", "READ?", () =>
      db.driver.caseTemperature(),
    );
    expect(codes).toEqual(faultCodes);
    expect(Number.isFinite(after.value)).toBe(true);
  });
});
