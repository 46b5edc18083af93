// The Julabo driver against the simulated circulator: over a real pty at 4800 baud 7E1 with
// CR commands and CRLF replies, the 250 ms pacing between OUT commands (a driver that does not
// keep it loses a setpoint, and this test catches it), and faults over a socket.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DialectBench,
  faultCodes,
  readUnderFaults,
  startDialect,
} from "../../../test/support/dialect-bench.js";
import { describeWithTool, gateTool } from "../../../test/support/tools.js";
import type { LineInstrument } from "../../sim/dialects/line-instrument.js";
import type { JulaboCoolant } from "./julabo.js";

const socat = gateTool("socat", "socat");

// What the harness needs of a circulator's set commands: both setpoints land, nothing dropped.
async function setBothAndConfirm(db: DialectBench<JulaboCoolant>, driver: JulaboCoolant) {
  const unit = db.bench.engines.coolant as LineInstrument;
  const before = unit.pacingViolations;
  await driver.setTemperature(31.5);
  await driver.setFlow(0.8);
  expect(await driver.temperatureSetpoint()).toBe(31.5);
  expect(await driver.flowSetpoint()).toBe(0.8);
  expect(unit.pacingViolations - before).toBe(0);
}

describeWithTool(socat, "julabo over a pty at 4800 baud", () => {
  let db: DialectBench<JulaboCoolant>;
  beforeAll(async () => {
    db = await startDialect("coolant", "julabo", "julabo", {
      pty: true,
      config: { instruments: { coolant: { serial: { baudRate: 4800 } } } },
      station: { timeoutMs: 1000 },
    });
  });
  afterAll(() => db?.stop());

  it("identifies with `version` and reads bath, external sensor and flow", async () => {
    expect(db.driver.identity).toMatch(/^JULABO /);
    const inlet = await db.driver.inletTemperature();
    expect(inlet.command).toBe("in_pv_00");
    expect(inlet.value).toBeCloseTo(db.bench.state().coolant.inletC, 1);
    expect((await db.driver.outletTemperature()).command).toBe("in_pv_02");
    expect((await db.driver.flow()).value).toBeCloseTo(db.bench.state().coolant.flowLpm, 1);
  });

  it("keeps 250 ms between OUT commands: both setpoints land", async () => {
    const started = performance.now();
    await setBothAndConfirm(db, db.driver);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it("the wait for the OUT pacing is the unit's busy time, counted as a hold", async () => {
    const { busy } = db.driver.session;
    const [ms, held, operations] = [busy.ms, busy.heldMs, busy.operations];
    await db.driver.setTemperature(30);
    await db.driver.setTemperature(31);
    // The second OUT waited (nearly) its whole gap: the unit could take no command meanwhile.
    expect(busy.heldMs - held).toBeGreaterThan(db.driver.gaps.out - 50);
    expect(busy.ms - ms).toBeGreaterThanOrEqual(busy.heldMs - held);
    expect(busy.operations - operations).toBe(2);
  });

  it("a driver that does not keep the pacing loses a setpoint and fails the same check", async () => {
    const unit = db.bench.engines.coolant as LineInstrument;
    const kept = db.driver.gaps;
    await db.driver.setTemperature(25); // reset, paced
    await db.driver.setFlow(1);
    db.driver.gaps = { out: 0, in: 0 };
    const before = unit.pacingViolations;
    await expect(setBothAndConfirm(db, db.driver)).rejects.toThrow();
    db.driver.gaps = kept;
    expect(unit.pacingViolations).toBeGreaterThan(before);
  });
});

describe("julabo faults (socket)", () => {
  let db: DialectBench<JulaboCoolant>;
  beforeAll(async () => {
    db = await startDialect("coolant", "julabo", "julabo", { station: { timeoutMs: 300 } });
  });
  afterAll(() => db.stop());

  it("a Julabo reports neither fluid nor pressure drop: a clear error, not a value", async () => {
    await expect(db.driver.fluid()).rejects.toMatchObject({ code: "XPO_INSTRUMENT_ERROR" });
    await expect(db.driver.pressureDrop()).rejects.toMatchObject({ code: "XPO_INSTRUMENT_ERROR" });
  });

  it("timeout, garbage and disconnect are typed errors, then it reads again", async () => {
    const { codes, after } = await readUnderFaults(db, "coolant", "in_pv_00", () =>
      db.driver.inletTemperature(),
    );
    expect(codes).toEqual(faultCodes);
    expect(Number.isFinite(after.value)).toBe(true);
  });
});
