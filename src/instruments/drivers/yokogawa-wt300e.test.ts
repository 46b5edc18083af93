// The WT300E driver against the simulated WT310E: the numeric list, no-data and overrange
// markers (never a reading), and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DialectBench,
  faultCodes,
  powerModule,
  readUnderFaults,
  startDialect,
} from "../../../test/support/dialect-bench.js";
import type { YokogawaWt300ePowerMeter } from "./yokogawa-wt300e.js";

let db: DialectBench<YokogawaWt300ePowerMeter>;
beforeAll(async () => {
  db = await startDialect("powermeter", "yokogawa-wt300e", "yokogawa-wt300e", {
    station: { timeoutMs: 300 },
  });
  powerModule(db.bench);
});
afterAll(() => db.stop());

describe("yokogawa-wt300e", () => {
  it("maps U, I, P of element 1 to items 1-3 and reads each with :NUM:NORM:VAL? <item>", async () => {
    expect(db.driver.identity).toMatch(/^YOKOGAWA,WT310E,/);
    const s = db.bench.state().supply;
    const v = await db.driver.measureVoltage();
    const i = await db.driver.measureCurrent();
    const p = await db.driver.measurePower();
    expect([v.command, i.command, p.command]).toEqual([
      ":NUM:NORM:VAL? 1",
      ":NUM:NORM:VAL? 2",
      ":NUM:NORM:VAL? 3",
    ]);
    expect(v.value).toBeGreaterThan(40);
    expect(v.value).toBeCloseTo(s.voltage, 2);
    expect(i.value).toBeCloseTo(s.current, 2);
    expect(p.value).toBeCloseTo(s.power, 0);
  });

  it("the list holds exactly the three items prepare set (the instrument's own state)", async () => {
    const session = (
      db.driver as unknown as { session: { queryString(c: string): Promise<string> } }
    ).session;
    expect(await session.queryString(":NUM:NORM:ITEM2?")).toBe("I,1");
    expect((await session.queryString(":NUM:NORM:VAL?")).split(",")).toHaveLength(3);
  });

  it.each([
    ["no data (NAN)", "NAN"],
    ["overrange (INF)", "INF"],
    ["no data, older firmware (9.91E+37)", "9.91E+37"],
  ])("%s is not finite: never a reading", async (_label, reply) => {
    const id = db.bench.faults.add({ kind: "overrange", role: "powermeter", match: "VAL?", reply });
    const reading = await db.driver.measurePower();
    db.bench.faults.remove(id);
    expect(Number.isFinite(reading.value)).toBe(false);
  });

  it("timeout, garbage and disconnect are typed errors, then it reads again", async () => {
    const { codes, after } = await readUnderFaults(db, "powermeter", "VAL?", () =>
      db.driver.measurePower(),
    );
    expect(codes).toEqual(faultCodes);
    expect(Number.isFinite(after.value)).toBe(true);
  });
});
