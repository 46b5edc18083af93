// A new run never destroys an interrupted, resumable record (issue 16, B2): `xpo run` and
// `xpo demo` refuse with a fix line naming --resume, and the record is left byte for byte.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import { startTestBench, switchedOn, type TestBench } from "../../test/support/live.js";
import { runLive } from "./run-live.js";

let tb: TestBench | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

// Interrupt a run when its lanes step starts: the record stays open (resumable).
async function interruptedRun(t: TestBench) {
  const controller = new AbortController();
  const result = await runLive({
    stationFile: t.station(),
    dut: "SN-OPEN",
    outDir: t.dir,
    signal: controller.signal,
    onStep: (step, phase) => {
      if (step.id === "lanes" && phase === "start")
        controller.abort({ kind: "interrupted", message: "SIGINT received", final: false });
    },
  });
  expect(result.ended).toBe(false);
  return readFileSync(join(t.dir, "run.jsonl"), "utf8");
}

describe("an interrupted record is never overwritten by a new run (B2)", () => {
  it("xpo run (runLive) without --resume refuses, naming --resume", async () => {
    tb = await startTestBench();
    const before = await interruptedRun(tb);
    tb.supplyLog.length = 0;
    const error = await runLive({ stationFile: tb.station(), dut: "SN-NEW", outDir: tb.dir }).catch(
      (e) => e,
    );
    expect(error.code).toBe("XPO_USAGE");
    expect(error.remedy).toMatch(/xpo run --resume .*run\.jsonl/);
    expect(readFileSync(join(tb.dir, "run.jsonl"), "utf8")).toBe(before);
    expect(switchedOn(tb.supplyLog)).toBe(false);
  });

  it("xpo demo --out DIR refuses too", async () => {
    tb = await startTestBench();
    const before = await interruptedRun(tb);
    const demo = await runXpo(["demo", "--out", tb.dir, "--no-progress"]);
    expect(demo.exitCode).toBe(2);
    expect(demo.stderr).toMatch(/interrupted live run .*--resume/s);
    expect(readFileSync(join(tb.dir, "run.jsonl"), "utf8")).toBe(before);
  });

  it("a record that has ended may be replaced by a new run", async () => {
    tb = await startTestBench();
    const first = await runLive({ stationFile: tb.station(), dut: "SN-A", outDir: tb.dir });
    expect(first.ended).toBe(true);
    const second = await runLive({ stationFile: tb.station(), dut: "SN-B", outDir: tb.dir });
    expect(second.ended).toBe(true);
    expect(tb.bench.state().supply.output).toBe(false);
  });
});
