// The Santec MPM-210H driver against the simulated mainframe: CRLF framing, READ? <module>
// with four powers per module, a dark port outside the range, and faults.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DialectBench,
  faultCodes,
  powerModule,
  readUnderFaults,
  startDialect,
} from "../../../test/support/dialect-bench.js";
import { findInvalidReading } from "../driver.js";
import type { SantecMpm210hOptical } from "./santec-mpm210h.js";

let db: DialectBench<SantecMpm210hOptical>;
beforeAll(async () => {
  db = await startDialect("optical", "santec-mpm210h", "santec-mpm210h", {
    station: { timeoutMs: 300 },
  });
});
afterAll(() => db.stop());

// Send raw bytes and collect what comes back within `ms`.
function raw(port: number, bytes: string, ms = 150): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let got = "";
    socket.on("data", (d) => {
      got += d.toString("latin1");
    });
    socket.on("error", reject);
    setTimeout(() => {
      socket.destroy();
      resolve(got);
    }, ms);
  });
}

describe("santec-mpm210h", () => {
  it("answers READ? <module> with four comma-separated powers ended by CRLF", async () => {
    powerModule(db.bench);
    const reply = await raw(db.bench.get("optical").port, "READ? 1\r\n");
    expect(reply).toMatch(/^(-?\d+\.\d{3},){3}-?\d+\.\d{3}\r\n$/);
  });

  it("reads 64 lanes with one READ? per module, lane n on module (n-1)/4", async () => {
    powerModule(db.bench);
    const { value, command } = await db.driver.allLanes();
    expect(command).toBe("READ? 0 ... READ? 15");
    expect(value).toHaveLength(64);
    for (const lane of [1, 6, 64])
      expect(value[lane - 1]).toBeCloseTo(db.bench.model.laneOpticalDbm(lane), 2);
    const one = await db.driver.lanePower(6);
    expect(one.command).toBe("READ? 1");
  });

  it("a dark port's -99.999 dBm lies outside the module's range: never judged", async () => {
    db.bench.model.change(() => {
      db.bench.model.supply.output = false;
    });
    const { value } = await db.driver.lanePower(1);
    expect(value).toBeCloseTo(-99.999, 3);
    const range = (db.driver.constructor as typeof SantecMpm210hOptical).range.opticalPower;
    expect(findInvalidReading(value, range, db.driver.accuracy.opticalPower)).toMatch(/outside/);
  });

  it("timeout, garbage and disconnect are typed errors, then it reads again", async () => {
    powerModule(db.bench);
    const { codes, after } = await readUnderFaults(db, "optical", "READ?", () =>
      db.driver.lanePower(2),
    );
    expect(codes).toEqual(faultCodes);
    expect(Number.isFinite(after.value)).toBe(true);
  });
});
