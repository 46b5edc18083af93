// The Lauda driver against the simulated thermostat: fixed-width fields, OK acknowledgements,
// ERR_<n> as an error, and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DialectBench,
  faultCodes,
  readUnderFaults,
  startDialect,
} from "../../../test/support/dialect-bench.js";
import { expectAck } from "../line-dialect.js";
import { type LaudaCoolant, laudaField } from "./lauda.js";

let db: DialectBench<LaudaCoolant>;
beforeAll(async () => {
  db = await startDialect("coolant", "lauda", "lauda", { station: { timeoutMs: 300 } });
});
afterAll(() => db.stop());

describe("lauda", () => {
  it("writes numbers as XXX.XX fields (three digits, point, two)", () => {
    expect(laudaField(25)).toBe("025.00");
    expect(laudaField(7.456)).toBe("007.46");
    expect(laudaField(-5)).toBe("-05.00");
    expect(() => laudaField(1000)).toThrow(/does not fit/);
    expect(() => laudaField(Number.NaN)).toThrow(/does not fit/);
  });

  it("sets the setpoint with OUT_SP_00_XXX.XX, acknowledged OK, and reads it back", async () => {
    await db.driver.setTemperature(32.5);
    expect(await db.driver.temperatureSetpoint()).toBe(32.5);
    expect(db.bench.model.coolant.setpointC).toBe(32.5);
    const inlet = await db.driver.inletTemperature();
    expect(inlet.command).toBe("IN_PV_00");
    expect(inlet.value).toBeCloseTo(db.bench.state().coolant.inletC, 1);
  });

  it("a field that is not fixed-width is refused with ERR_<n>: an error naming it", async () => {
    await expect(expectAck(db.driver.session, "OUT_SP_00_25.0")).rejects.toMatchObject({
      code: "XPO_INSTRUMENT_ERROR",
      message: expect.stringMatching(/ERR_6/),
    });
    await expect(expectAck(db.driver.session, "OUT_XX")).rejects.toMatchObject({
      message: expect.stringMatching(/ERR_2/),
    });
  });

  it("timeout, garbage and disconnect are typed errors, then it reads again", async () => {
    const { codes, after } = await readUnderFaults(db, "coolant", "IN_PV_00", () =>
      db.driver.inletTemperature(),
    );
    expect(codes).toEqual(faultCodes);
    expect(Number.isFinite(after.value)).toBe(true);
  });
});
