// The TDK-Lambda GEN driver against the simulated Genesys: CR framing, ADR addressing, OK
// acknowledgements, error codes in place of OK, and faults that end with the output off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DialectBench,
  faultCodes,
  readUnderFaults,
  startDialect,
} from "../../../test/support/dialect-bench.js";
import type { TdkLambdaGenSupply } from "./tdk-lambda-gen.js";

const config = {
  instruments: { supply: { maxVoltage: 80, maxCurrent: 19, maxPowerW: 1520, address: 7 } },
};

let db: DialectBench<TdkLambdaGenSupply>;
beforeAll(async () => {
  db = await startDialect("supply", "tdk-lambda-gen", "tdk-lambda-gen", {
    config,
    station: { address: 7, timeoutMs: 300 },
  });
});
afterAll(() => db.stop());

describe("tdk-lambda-gen", () => {
  it("addresses the unit with ADR, identifies with IDN?, every set command is acknowledged", async () => {
    expect(db.driver.identity).toBe("LAMBDA,GEN80-19");
    await db.driver.setOverVoltageProtection(63);
    await db.driver.setVoltage(48);
    await db.driver.setCurrentLimit(10);
    expect(await db.driver.voltageSetpoint()).toBe(48);
    expect(await db.driver.currentLimit()).toBe(10);
    expect(await db.driver.overVoltageProtection()).toBe(63);
    await db.driver.output(true);
    expect(await db.driver.isOutputOn()).toBe(true);
    expect((await db.driver.measureVoltage()).value).toBeCloseTo(48, 1);
    const power = await db.driver.measurePower();
    expect(power.command).toBe("MV?; MC?");
    expect(power.value).toBeGreaterThan(0);
    await db.driver.output(false);
    expect(db.bench.state().supply.output).toBe(false);
  });

  it("an error code in place of OK is an instrument error naming the command", async () => {
    await db.driver.setOverVoltageProtection(50);
    await expect(db.driver.setVoltage(49)).rejects.toMatchObject({
      code: "XPO_INSTRUMENT_ERROR",
      message: expect.stringMatching(/"E01" to "PV 49"/),
    });
    await expect(db.driver.session.query("XYZ 1")).resolves.toBe("C01");
  });

  it("timeout, garbage and disconnect while on are typed errors; it then switches off", async () => {
    await db.driver.setOverVoltageProtection(63);
    await db.driver.setVoltage(48);
    await db.driver.output(true);
    const { codes, after } = await readUnderFaults(db, "supply", "MV?", () =>
      db.driver.measureVoltage(),
    );
    expect(codes).toEqual(faultCodes);
    expect(after.value).toBeCloseTo(48, 1);
    await db.driver.output(false);
    expect(await db.driver.isOutputOn()).toBe(false);
    expect(db.bench.state().supply.output).toBe(false);
  });

  // Last: as on a real RS-485 chain, ADR 3 deselects the unit at 7 for every later command.
  it("a unit at another address stays silent: a timeout naming ADR, before anything is set", async () => {
    await expect(db.open({ address: 3 })).rejects.toMatchObject({
      code: "XPO_INSTRUMENT_TIMEOUT",
      message: expect.stringMatching(/ADR 3/),
    });
  });
});
