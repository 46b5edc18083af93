// The custom step of custom-live-step.ts on the built-in simulated bench: it runs between
// power-up and power-down, records its verdict with the command that made the reading, and
// keeps its state in the record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLive } from "../src/live/run-live.js";
import type { RecordLine, VerdictLine } from "../src/run/record.js";
import { eventsOf, readRecord, startTestBench, type TestBench } from "../test/support/live.js";
import { customProcedure } from "./custom-live-step.js";

let tb: TestBench;
let lines: RecordLine[];
let exitCode: number;

beforeAll(async () => {
  tb = await startTestBench({ speed: 50 });
  const result = await runLive({
    stationFile: tb.station(),
    dut: "SN-EXAMPLE",
    outDir: tb.dir,
    steps: customProcedure,
  });
  exitCode = result.exitCode;
  lines = readRecord(result.recordPath);
}, 60_000);
afterAll(async () => {
  await tb.stop();
});

describe("examples/custom-live-step.ts", () => {
  it("judges the case temperature against XPO-COOL-007 with the logger's command as evidence", () => {
    const verdicts = lines.filter((l): l is VerdictLine => l.type === "verdict");
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({
      limitId: "XPO-COOL-007",
      subject: "case temperature at the nominal voltage",
      outcome: "pass",
      unit: "°C",
      evidence: { command: "MEAS:TEMP? (@1)" },
    });
    expect(exitCode).toBe(0);
  });

  it("keeps its state in its step-done event, and the supply ends off", () => {
    const done = eventsOf(lines, "step-done").find((e) => e.step === "case-at-nominal");
    expect(done?.data?.caseC).toBeGreaterThan(20);
    expect(tb.bench.state().supply.output).toBe(false);
  });
});
