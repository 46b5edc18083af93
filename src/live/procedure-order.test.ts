// A custom procedure cannot leave the supply on: the safety order is checked before anything is
// opened, and a procedure whose last step does not switch the output off still ends with it off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsOf, readRecord, startTestBench, type TestBench } from "../../test/support/live.js";
import { isXpoError } from "../model/errors.js";
import { checkProcedureOrder } from "./procedure-order.js";
import { runLive } from "./run-live.js";
import { defineStep } from "./step.js";
import { liveSteps } from "./steps/index.js";
import { interlockCoolant } from "./steps/interlock-coolant.js";
import { powerDown } from "./steps/power-down.js";
import { powerUp } from "./steps/power-up.js";

// A step that calls itself power-down but leaves the output as it is.
const idlePowerDown = defineStep({
  id: "power-down",
  title: "Does nothing (test)",
  kind: "setup",
  limitIds: [],
  async run() {},
});

let tb: TestBench;
beforeAll(async () => {
  tb = await startTestBench({ speed: 50 });
});
afterAll(async () => {
  await tb.stop();
});

describe("the safety order of a live procedure", () => {
  it("accepts the built-in procedure and interlock, power-up, ..., power-down", () => {
    expect(() => checkProcedureOrder(liveSteps)).not.toThrow();
    expect(() => checkProcedureOrder([interlockCoolant, powerUp, powerDown])).not.toThrow();
  });

  it("refuses a procedure without power-down, or without the interlock first, before opening anything", async () => {
    for (const steps of [
      [interlockCoolant, powerUp],
      [powerUp, interlockCoolant, powerDown],
      [interlockCoolant, powerDown, powerUp, powerDown],
    ]) {
      const before = tb.supplyLog.length;
      const error = await runLive({
        stationFile: tb.station(),
        dut: "SN-ORDER",
        outDir: tb.dir,
        steps,
      }).catch((e: unknown) => e);
      expect(isXpoError(error) && error.code).toBe("XPO_USAGE");
      expect(tb.supplyLog.length, "no message reached the supply").toBe(before);
    }
  });

  it("switches the output off when the last step did not, and exits 2", async () => {
    const result = await runLive({
      stationFile: tb.station(),
      dut: "SN-IDLE",
      outDir: tb.dir,
      steps: [interlockCoolant, powerUp, idlePowerDown],
    });
    expect(tb.bench.state().supply.output).toBe(false);
    expect(result.outputOff).toBe(true);
    expect(result.exitCode).toBe(2);
    const off = eventsOf(readRecord(result.recordPath), "output-off");
    expect(off.map((e) => e.message).join("\n")).toMatch(/ended without confirming the output off/);
  });
});
