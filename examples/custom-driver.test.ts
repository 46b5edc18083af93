// The example driver plug-in, loaded from a station file's driverPlugins and used in a live run:
// its readings carry its command, and a plug-in that collides or exports nothing is refused
// before anything is switched on.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLive } from "../src/live/run-live.js";
import type { VerdictLine } from "../src/run/record.js";
import { repoRoot } from "../src/util/repo-root.js";
import { readRecord, startTestBench, switchedOn, type TestBench } from "../test/support/live.js";
import { LabPowerMeter } from "./custom-driver.js";

const plugin = join(repoRoot, "examples", "custom-driver.ts");

let tb: TestBench;
beforeAll(async () => {
  tb = await startTestBench();
});
afterAll(() => tb.stop());

describe("driver plug-in (examples/custom-driver.ts)", () => {
  it("is loaded from the station file and drives the power meter in a live run", async () => {
    const stationFile = tb.station({
      driverPlugins: [plugin],
      instruments: { powermeter: { driver: LabPowerMeter.driverName } },
    } as never);
    const result = await runLive({ stationFile, dut: "SN-PLUGIN", outDir: tb.dir });
    expect(result.exitCode).toBe(0);
    const verdicts = readRecord(result.recordPath).filter(
      (l): l is VerdictLine => l.type === "verdict",
    );
    const fromMeter = verdicts.filter((v) => v.evidence?.instrument?.startsWith("powermeter"));
    expect(fromMeter.length).toBeGreaterThan(0);
    expect(fromMeter.every((v) => v.evidence?.command === "MEAS:ALL?")).toBe(true);
  });

  it("a plug-in that exports no driver is refused before power-on, naming it", async () => {
    const empty = join(tb.dir, "not-a-driver.mjs");
    writeFileSync(empty, "export const x = 1;\n");
    tb.supplyLog.length = 0;
    const stationFile = tb.station({ driverPlugins: [empty] } as never, "empty.yaml");
    await expect(
      runLive({ stationFile, dut: "SN-PLUGIN-2", outDir: join(tb.dir, "b") }),
    ).rejects.toMatchObject({
      code: "XPO_STATION_INVALID",
      message: expect.stringMatching(/not-a-driver\.mjs" exports no driver class/),
    });
    expect(switchedOn(tb.supplyLog)).toBe(false);
  });
});
