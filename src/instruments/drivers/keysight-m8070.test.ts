// The M8070 driver against the simulated M8040A/M8070B: tuple replies, the group query for all
// lanes in one exchange, sync loss, and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DialectBench,
  faultCodes,
  powerModule,
  readUnderFaults,
  startDialect,
} from "../../../test/support/dialect-bench.js";
import { type KeysightM8070Ber, parseIberTuples } from "./keysight-m8070.js";

let db: DialectBench<KeysightM8070Ber>;
beforeAll(async () => {
  db = await startDialect("ber", "keysight-m8070", "keysight-m8070", {
    station: { timeoutMs: 300 },
  });
});
afterAll(() => db.stop());

describe("keysight-m8070", () => {
  it("parses parenthesised tuples with quoted locations; rejects anything else", () => {
    expect(parseIberTuples('(12.5,"M1.DataIn1",1.5E-07),(12.5,"M1.DataIn2",9.91E+37)')).toEqual([
      { location: "M1.DataIn1", ber: 1.5e-7 },
      { location: "M1.DataIn2", ber: Number.NaN },
    ]);
    expect(() => parseIberTuples("1.5E-07")).toThrow(/not an IBER tuple/);
    expect(() => parseIberTuples('(1,"M1.DataIn1",2) junk')).toThrow(/not an IBER tuple/);
  });

  it("reads all 64 lanes from the group in one IBER and one SLOS exchange", async () => {
    powerModule(db.bench);
    db.bench.clock.setSpeed(0); // the case (and so the BER) holds still while we compare
    const { value, command } = await db.driver.allLanes();
    expect(command).toBe("FETC:IBER? 'Lanes'; STAT:INST:SLOS? 'Lanes'");
    expect(value).toHaveLength(64);
    for (const lane of [1, 33, 64])
      expect(value[lane - 1] ?? 0).toBeCloseTo(db.bench.model.laneBer(lane), 12);
    db.bench.clock.setSpeed(50);
    const one = await db.driver.lane(7);
    expect(one.command).toBe("FETC:IBER? 'M1.DataIn7'");
  });

  it("a lane in sync loss reads NaN (never a ratio); the others still read", async () => {
    powerModule(db.bench);
    const id = db.bench.faults.add({ kind: "lane-fail", role: "ber", lane: 9 });
    const { value } = await db.driver.allLanes();
    expect(await db.driver.locked(9)).toBe(false);
    expect(await db.driver.locked(10)).toBe(true);
    db.bench.faults.remove(id);
    expect(value[8]).toBeNaN();
    expect(value.filter(Number.isNaN)).toHaveLength(1);
  });

  it("timeout, garbage and disconnect are typed errors, then it reads again", async () => {
    powerModule(db.bench);
    const { codes, after } = await readUnderFaults(db, "ber", "IBER", () => db.driver.allLanes());
    expect(codes).toEqual(faultCodes);
    expect(after.value.every(Number.isFinite)).toBe(true);
  });
});
