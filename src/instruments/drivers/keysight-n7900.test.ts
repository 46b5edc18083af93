// The N7900 APS driver against the simulated unit: the external data log drained before its
// ~20 s FIFO overwrites records (and what is lost when it is not), and faults that end with
// the output off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DialectBench,
  faultCodes,
  readUnderFaults,
  startDialect,
} from "../../../test/support/dialect-bench.js";
import { elogFifoSeconds, elogLost } from "../../sim/dialects/keysight-n7900.js";
import type { ScpiInstrument } from "../../sim/scpi-engine.js";
import type { KeysightN7900Supply } from "./keysight-n7900.js";

const speed = 50;
const config = { instruments: { supply: { maxVoltage: 80, maxCurrent: 25, maxPowerW: 2000 } } };

let db: DialectBench<KeysightN7900Supply>;
beforeAll(async () => {
  db = await startDialect("supply", "keysight-n7900", "keysight-n7900", {
    config,
    speed,
    station: { timeoutMs: 300 },
  });
});
afterAll(() => db.stop());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Real ms for `s` bench seconds.
const benchSeconds = (s: number) => (s * 1000) / speed;

describe("keysight-n7900", () => {
  it("drains the Elog inside its FIFO: 30 bench seconds of records, none overwritten", async () => {
    const unit = db.bench.engines.supply as ScpiInstrument;
    await db.driver.setVoltage(48);
    await db.driver.setCurrentLimit(10);
    await db.driver.output(true);
    await db.driver.startLog(0.1, benchSeconds(5));
    await wait(benchSeconds(30));
    const records = await db.driver.stopLog();
    await db.driver.output(false);
    expect(elogLost(unit)).toBe(0);
    expect(records.length).toBeGreaterThanOrEqual(295);
    const last = records.at(-1);
    expect(last?.voltage.avg).toBeCloseTo(48, 1);
    expect(last?.current.max).toBeGreaterThan(0);
  });

  it("a host that does not drain in time loses the oldest records (the FIFO holds ~20 s)", async () => {
    const unit = db.bench.engines.supply as ScpiInstrument;
    await db.driver.startLog(0.1, 60_000);
    await wait(benchSeconds(30));
    const records = await db.driver.stopLog();
    expect(records.length).toBeLessThanOrEqual(elogFifoSeconds / 0.1);
    expect(elogLost(unit)).toBeGreaterThan(50);
  });

  it("reads power with MEAS:POW?", async () => {
    const power = await db.driver.measurePower();
    expect(power.command).toBe("MEAS:POW?");
  });

  it("timeout, garbage and disconnect while on are typed errors; it then switches off", async () => {
    await db.driver.setVoltage(48);
    await db.driver.output(true);
    const { codes, after } = await readUnderFaults(db, "supply", "MEAS:VOLT", () =>
      db.driver.measureVoltage(),
    );
    expect(codes).toEqual(faultCodes);
    expect(after.value).toBeCloseTo(48, 1);
    await db.driver.output(false);
    expect(await db.driver.isOutputOn()).toBe(false);
    expect(db.bench.state().supply.output).toBe(false);
  });
});
