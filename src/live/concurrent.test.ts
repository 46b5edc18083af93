// Two DUTs on one bench run concurrently when their instruments differ; a shared instrument
// is refused before anything is switched on.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRecord, startTestBench, type TestBench } from "../../test/support/live.js";
import { runLive } from "./run-live.js";

const benches: TestBench[] = [];
afterAll(async () => {
  await Promise.all(benches.map((b) => b.stop()));
});

describe("two DUTs at once", () => {
  it("run concurrently with separate instruments, each to its own record", async () => {
    const a = await startTestBench({ speed: 50 });
    const b = await startTestBench({ speed: 50 });
    benches.push(a, b);
    const outA = join(a.dir, "dut-a");
    const outB = join(b.dir, "dut-b");
    mkdirSync(outA);
    mkdirSync(outB);
    const [ra, rb] = await Promise.all([
      runLive({ stationFile: a.station(), dut: "SN-A", outDir: outA }),
      runLive({ stationFile: b.station(), dut: "SN-B", outDir: outB }),
    ]);
    expect([ra.exitCode, rb.exitCode]).toEqual([0, 0]);
    expect(readRecord(ra.recordPath).find((l) => l.type === "subject")).toMatchObject({
      name: "SN-A",
    });
    expect(readRecord(rb.recordPath).find((l) => l.type === "subject")).toMatchObject({
      name: "SN-B",
    });
    expect(a.bench.state().supply.output).toBe(false);
    expect(b.bench.state().supply.output).toBe(false);
  });

  it("refuses a second run on an instrument already in use", async () => {
    const a = await startTestBench({ speed: 50 });
    benches.push(a);
    const station = a.station();
    mkdirSync(join(a.dir, "one"));
    mkdirSync(join(a.dir, "two"));
    const first = runLive({ stationFile: station, dut: "SN-1", outDir: join(a.dir, "one") });
    const second = await runLive({
      stationFile: station,
      dut: "SN-2",
      outDir: join(a.dir, "two"),
    }).catch((e) => e);
    expect(second.code).toBe("XPO_STATION_INVALID");
    expect(second.message).toMatch(/already in use by the run of DUT SN-1/);
    expect((await first).exitCode).toBe(0);
  });
});
