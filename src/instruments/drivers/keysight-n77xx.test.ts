// The N77xx driver against the simulated N7745C: per-port reads in W, the all-port block, the
// under-range marker, the float32 logging block, and faults.
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

  it("the all-port block of a dark module reads no light on every lane, not a power", async () => {
    const { value, command } = await db.driver.allLanes();
    expect(command).toBe("READ:POW:ALL?");
    expect(value).toHaveLength(64);
    expect(value.every((v) => v === Number.NEGATIVE_INFINITY)).toBe(true);
  });

  it("reads every lane in one READ:POW:ALL? block (float32 W per port) and converts to dBm", async () => {
    powerModule(db.bench);
    const before = db.driver.session.busy.operations;
    const { value, command } = await db.driver.allLanes();
    // The ports are in W already (the first read set them): one query, not one per port.
    expect(db.driver.session.busy.operations - before).toBe(1);
    expect(command).toBe("READ:POW:ALL?");
    expect(value).toHaveLength(64);
    for (const lane of [1, 17, 64])
      expect(value[lane - 1]).toBeCloseTo(db.bench.model.laneOpticalDbm(lane), 4);
  });

  it("a fresh driver puts every port in W (several per message) before the block read", async () => {
    powerModule(db.bench);
    await db.driver.session.write("SENS7:POW:UNIT 0"); // port 7 left in dBm by someone else
    const fresh = await db.open();
    const before = fresh.session.busy.operations;
    const { value } = await fresh.allLanes();
    // 64 ports at 16 unit settings per message: 4 writes, then the one block query.
    expect(fresh.session.busy.operations - before).toBe(5);
    expect(await fresh.session.query("SENS7:POW:UNIT?")).toBe("+1");
    expect(value[6]).toBeCloseTo(db.bench.model.laneOpticalDbm(7), 4);
  });

  it("timeout, garbage and disconnect on the all-port block are typed errors, then it reads", async () => {
    powerModule(db.bench);
    const { codes, after } = await readUnderFaults(db, "optical", "POW:ALL", () =>
      db.driver.allLanes(),
    );
    expect(codes).toEqual(faultCodes);
    expect(after.value).toHaveLength(64);
    expect(Number.isFinite(after.value[0])).toBe(true);
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
