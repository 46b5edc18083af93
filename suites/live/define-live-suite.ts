// The live XPO suite under vitest (defined here, instantiated by *.test.ts files): one test per limit checked by each step of the procedure
// (src/live/steps/), on the simulated bench by default or on a real station:
//
//   npx vitest run suites/live                                           # simulated bench
//   XPO_STATION=station.yaml XPO_DUT=SN1234 npx vitest run suites/live   # a real bench
//
// The run writes its own record (XPO_OUT, default a temp folder) like `xpo run`; vitest's JUnit
// reporter writes the test results. Many DUTs: one station file per DUT position, sharded with
// `vitest run --shard=i/n` (docs/live.md#many-duts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveResult, runLive } from "../../src/live/run-live.js";
import { liveSteps } from "../../src/live/steps/index.js";
import type { VerdictLine } from "../../src/run/record.js";
import { eventsOf, readRecord, startTestBench, type TestBench } from "../../test/support/live.js";

export interface LiveSuiteOptions {
  /** Station file of the bench position; default: a simulated bench started for the suite. */
  station?: string | undefined;
  dut?: string | undefined;
  /** Folder for the run record; default: XPO_OUT/<station file name> when XPO_OUT is set (one
   * folder per bench position, for `xpo report XPO_OUT` to merge), else a temp folder. */
  out?: string | undefined;
}

// Define the live suite for one DUT: one test per step and per limit the step checks.
export function defineLiveSuite(options: LiveSuiteOptions = {}): void {
  let bench: TestBench | undefined;
  let result: LiveResult;
  let verdicts: VerdictLine[] = [];
  let completed = new Set<string>();

  beforeAll(async () => {
    let station = options.station;
    if (station === undefined) {
      bench = await startTestBench({ speed: 50 });
      station = bench.station();
    }
    const position = options.station ? basename(options.station, extname(options.station)) : "sim";
    const outDir =
      options.out ??
      (process.env.XPO_OUT
        ? join(process.env.XPO_OUT, position)
        : mkdtempSync(join(tmpdir(), "xpo-live-suite-")));
    result = await runLive({ stationFile: station, dut: options.dut ?? "SIM-0001", outDir });
    const lines = readRecord(result.recordPath);
    verdicts = lines.filter((l): l is VerdictLine => l.type === "verdict");
    completed = new Set(eventsOf(lines, "step-done").flatMap((e) => (e.step ? [e.step] : [])));
  }, 120_000);

  afterAll(async () => {
    await bench?.stop();
  });

  describe(`live XPO procedure, DUT ${options.dut ?? "SIM-0001"}`, () => {
    it("ends with the supply output confirmed off and no safety trip", () => {
      expect(result.trip, result.trip?.message).toBeUndefined();
      expect(result.outputOff).toBe(true);
    });

    for (const step of liveSteps)
      describe(`${step.id}: ${step.title}`, () => {
        it("completed", () => expect(completed.has(step.id)).toBe(true));
        for (const limitId of step.limitIds)
          it(limitId, (context) => {
            const mine = verdicts.filter((v) => v.limitId === limitId);
            if (mine.length > 0 && mine.every((v) => v.outcome === "not-applicable"))
              context.skip(mine[0]?.reason ?? "not applicable");
            expect(mine.length, `no verdict for ${limitId}`).toBeGreaterThan(0);
            const bad = mine.filter((v) => v.outcome === "fail" || v.outcome === "error");
            expect(bad.map((v) => `${v.subject}: ${v.outcome} ${v.reason ?? ""}`)).toEqual([]);
          });
      });
  });
}
