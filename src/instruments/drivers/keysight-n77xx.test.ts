// The N77xx driver against the simulated N7745C: per-port reads in W, the under-range marker,
// the float32 logging block, and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DialectBench,
  faultCodes,
  powerModule,
  readUnderFaults,
  startDialect,
} from "../../../test/support/dialect-bench.js";
import { type KeysightN77xxOptical, wattsToDbm } from "./keysight-n77xx.js";

let db: DialectBench<KeysightN77xxOptical>;
beforeAll(async () => {
  db = await startDialect("optical", "keysight-n77xx", "keysight-n77xx", {
    station: { timeoutMs: 300 },
  });
});
afterAll(() => db.stop());

describe("keysight-n77xx", () => {
  it("a dark port answers above 1e20 W: the driver reads no light (-Infinity), not a power", async () => {
    const reading = await db.driver.lanePower(5);
    expect(reading.command).toBe("READ5:POW?");
    expect(reading.value).toBe(Number.NEGATIVE_INFINITY);
    expect(wattsToDbm(3.4e38)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("reads every lane's port in W and converts to dBm", async () => {
    powerModule(db.bench);
    const { value } = await db.driver.allLanes();
    expect(value).toHaveLength(64);
    for (const lane of [1, 17, 64])
      expect(value[lane - 1]).toBeCloseTo(db.bench.model.laneOpticalDbm(lane), 4);
  });

  it("the logging function returns N float32 LE samples in W as a definite block", async () => {
    powerModule(db.bench);
    const { value, command } = await db.driver.logPower(3, 50, 0.01);
    expect(command).toBe("SENS3:FUNC:RES?");
    expect(value).toHaveLength(50);
    const expected = db.bench.model.laneOpticalDbm(3);
    for (const v of value) expect(v).toBeCloseTo(expected, 4);
  });

  it("timeout, garbage and disconnect are typed errors, then it reads again", async () => {
    powerModule(db.bench);
    const { codes, after } = await readUnderFaults(db, "optical", "READ", () =>
      db.driver.lanePower(2),
    );
    expect(codes).toEqual(faultCodes);
    expect(Number.isFinite(after.value)).toBe(true);
  });
});
