// Test helper: the cases every thermocouple data-logger driver must pass against its simulated
// dialect: a bad channel is the instrument's error, an open thermocouple is never a
// temperature, and timeout / garbage / disconnect are typed errors after which it reads again.
import { expect, it } from "vitest";
import type { ScpiThermalLogger } from "../../src/instruments/drivers/scpi-thermal.js";
import { type DialectBench, faultCodes, readUnderFaults } from "./dialect-bench.js";

// Register the cases; `match` is the reading command the faults hit (e.g. "MEAS:TEMP").
export function thermalDriverCases(
  bench: () => DialectBench<ScpiThermalLogger>,
  match: string,
): void {
  it("a channel that is not slot x 100 + channel is the instrument's error, not a reading", async () => {
    const wrong = await bench().open({ channel: 1 });
    await expect(wrong.caseTemperature()).rejects.toMatchObject({
      code: "XPO_INSTRUMENT_ERROR",
      message: expect.stringMatching(/-222/),
    });
  });

  it("an open thermocouple (+9.9E37) reads as not finite: never a temperature", async () => {
    const db = bench();
    const id = db.bench.faults.add({ kind: "overrange", role: "thermal", match });
    const reading = await db.driver.caseTemperature();
    db.bench.faults.remove(id);
    expect(Number.isFinite(reading.value)).toBe(false);
  });

  it("timeout, garbage and disconnect are typed errors, then it reads again", async () => {
    const db = bench();
    const { codes, after } = await readUnderFaults(db, "thermal", match, () =>
      db.driver.caseTemperature(),
    );
    expect(codes).toEqual(faultCodes);
    expect(Number.isFinite(after.value)).toBe(true);
  });
}
