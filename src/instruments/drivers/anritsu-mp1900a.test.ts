// The MP1900A driver against the simulated analyzer: quoted replies, "-------" as no data,
// sync loss, several lanes per program message, and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DialectBench,
  faultCodes,
  powerModule,
  readUnderFaults,
  startDialect,
} from "../../../test/support/dialect-bench.js";
import { type AnritsuMp1900aBer, parseQuotedRate } from "./anritsu-mp1900a.js";

let db: DialectBench<AnritsuMp1900aBer>;
beforeAll(async () => {
  db = await startDialect("ber", "anritsu-mp1900a", "anritsu-mp1900a", {
    station: { timeoutMs: 300 },
  });
});
afterAll(() => db.stop());

describe("anritsu-mp1900a", () => {
  it('quoted replies: a rate inside quotes, "-------" is no data (NaN), bare text an error', () => {
    expect(parseQuotedRate('"1.2345E-07"', "q")).toBe(1.2345e-7);
    expect(parseQuotedRate('"-------"', "q")).toBeNaN();
    expect(() => parseQuotedRate("1.2E-07", "q")).toThrow(/not a quoted string/);
    expect(() => parseQuotedRate('"abc"', "q")).toThrow(/answered/);
  });

  it("reads each lane with one select-and-read message", async () => {
    powerModule(db.bench);
    db.bench.clock.setSpeed(0); // the case (and so the BER) holds still while we compare
    const one = await db.driver.lane(12);
    expect(one.command).toBe(':MOD:ID 12;:CALC:DATA:EAL? "CURRent:ER:TOTal"');
    expect(one.value).toBeCloseTo(db.bench.model.laneBer(12), 11);
    db.bench.clock.setSpeed(50);
    const { value } = await db.driver.allLanes();
    expect(value).toHaveLength(64);
    expect(value.every(Number.isFinite)).toBe(true);
  });

  it("reads all 64 lanes 8 per program message, each value its own lane's", async () => {
    powerModule(db.bench);
    const id = db.bench.faults.add({ kind: "lane-fail", role: "ber", lane: 13 });
    db.bench.clock.setSpeed(0);
    const before = db.driver.session.busy.operations;
    const { value } = await db.driver.allLanes();
    const operations = db.driver.session.busy.operations - before;
    const expected = Array.from({ length: 64 }, (_, i) => db.bench.model.laneBer(i + 1));
    db.bench.clock.setSpeed(50);
    db.bench.faults.remove(id);
    expect(operations).toBe(8);
    expect(value).toHaveLength(64);
    // Lane 13 lost sync in the middle of the second message: no data there, its neighbours read.
    expect(value[12]).toBeNaN();
    for (const lane of [1, 8, 9, 12, 14, 64])
      expect(value[lane - 1]).toBeCloseTo(expected[lane - 1] as number, 11);
  });

  it("one lane per message (station lanesPerMessage 1) reads the same lanes in 64 messages", async () => {
    powerModule(db.bench);
    const single = await db.open({ lanesPerMessage: 1 });
    expect(single.lanesPerMessage).toBe(1);
    const before = single.session.busy.operations;
    const { value } = await single.allLanes();
    expect(single.session.busy.operations - before).toBe(64);
    expect(value).toHaveLength(64);
    expect(value.every(Number.isFinite)).toBe(true);
  });

  it('no measurement running: every lane answers "-------" and reads NaN', async () => {
    powerModule(db.bench);
    await db.driver.session.write(":SENS:MEAS:ASTP");
    const stopped = await db.driver.lane(3);
    await db.driver.session.write(":SENS:MEAS:STAR");
    expect(stopped.value).toBeNaN();
    expect(Number.isFinite((await db.driver.lane(3)).value)).toBe(true);
  });

  it("a lane in sync loss: PSLoss says so and its rate is no data", async () => {
    powerModule(db.bench);
    const id = db.bench.faults.add({ kind: "lane-fail", role: "ber", lane: 4 });
    const locked = await db.driver.locked(4);
    const value = (await db.driver.lane(4)).value;
    db.bench.faults.remove(id);
    expect(locked).toBe(false);
    expect(value).toBeNaN();
    expect(await db.driver.locked(5)).toBe(true);
  });

  it("timeout, garbage and disconnect are typed errors, then it reads again", async () => {
    powerModule(db.bench);
    const { codes, after } = await readUnderFaults(db, "ber", "EAL", () => db.driver.lane(2));
    expect(codes).toEqual(faultCodes);
    expect(Number.isFinite(after.value)).toBe(true);
  });

  it("timeout, garbage and disconnect in a several-lane message are typed errors", async () => {
    powerModule(db.bench);
    const { codes, after } = await readUnderFaults(db, "ber", "MOD:ID 9;", () =>
      db.driver.allLanes(),
    );
    expect(codes).toEqual(faultCodes);
    expect(after.value.every(Number.isFinite)).toBe(true);
  });
});
