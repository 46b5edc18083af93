// Resuming after an interruption in the middle of a step counts that step's verdicts once
// (issue 16, B9): the interrupted attempt's partial verdicts are not in the record, the re-run
// writes them, and run-end, the report model and junit count each verdict once.
import { afterEach, describe, expect, it } from "vitest";
import { readRecord, startTestBench, type TestBench } from "../../test/support/live.js";
import { loadRecord } from "../report/load-record.js";
import { runLive } from "./run-live.js";
import type { Step } from "./step.js";
import { liveSteps } from "./steps/index.js";

let tb: TestBench | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

// The procedure with `stepId` interrupted after its own work, before its step-done.
function interruptedAfterWork(stepId: string, controller: AbortController): Step[] {
  return liveSteps.map((step) =>
    step.id !== stepId
      ? step
      : {
          ...step,
          async run(ctx) {
            await step.run(ctx);
            controller.abort({ kind: "interrupted", message: "SIGINT received", final: false });
            await ctx.safety.wait(60);
          },
        },
  );
}

describe("resume after an interruption mid-step (B9)", () => {
  it("power-nominal's verdicts are counted once", async () => {
    tb = await startTestBench();
    const stationFile = tb.station();
    const controller = new AbortController();
    const first = await runLive({
      stationFile,
      dut: "SN-MID",
      outDir: tb.dir,
      signal: controller.signal,
      steps: interruptedAfterWork("power-nominal", controller),
    });
    expect(first.ended).toBe(false);
    expect(tb.bench.state().supply.output).toBe(false);
    const resumed = await runLive({
      stationFile,
      dut: "SN-MID",
      outDir: tb.dir,
      resume: first.recordPath,
    });
    expect(resumed.ended).toBe(true);
    const lines = readRecord(resumed.recordPath);
    const pwr004 = lines.filter((l) => l.type === "verdict" && l.limitId === "XPO-PWR-004");
    expect(pwr004).toHaveLength(2);
    const starts = lines.filter(
      (l) => l.type === "event" && l.kind === "step-start" && l.step === "power-nominal",
    );
    expect(starts.map((l) => (l.type === "event" ? l.data?.attempt : undefined))).toEqual([1, 2]);
    const model = await loadRecord(resumed.recordPath);
    const verdictLines = lines.filter((l) => l.type === "verdict").length;
    expect(model.counts).toEqual(model.end?.counts);
    expect(Object.values(model.counts).reduce((a, b) => a + b, 0)).toBe(verdictLines);
    expect(model.warnings.filter((w) => /differ/.test(w))).toEqual([]);
    expect(tb.bench.state().supply.output).toBe(false);
  });
});
