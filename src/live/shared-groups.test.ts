// Shared-resource groups: two DUT positions in one process share one BER checker (each has its
// own supply, chiller, logger, meter) and take turns on it: both pass and their holds never
// overlap in their records. A supply in a group is refused; a wait past sharedGroupWaitMs stops
// with the holder named, before anything is switched on.
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import { powerModule } from "../../test/support/dialect-bench.js";
import { readRecord, startTestBench, type TestBench } from "../../test/support/live.js";
import { type SimBench, startSimBench } from "../sim/index.js";
import { loadStation } from "../station/load-station.js";
import { demoBenchFile } from "../station/sim-station.js";
import { runLive } from "./run-live.js";
import { holdGroups } from "./shared-groups.js";

let a: TestBench;
let b: TestBench;
let bert: SimBench;
beforeAll(async () => {
  [a, b, bert] = await Promise.all([
    startTestBench({ speed: 50 }),
    startTestBench({ speed: 50 }),
    // The shared BERT on a bench of its own whose module carries light (behind a switch, it
    // sees whichever DUT is switched to it).
    startSimBench({ configFile: demoBenchFile, portBase: 0, speed: 50, roles: ["ber"] }),
  ]);
  powerModule(bert);
});
afterAll(async () => Promise.all([a?.stop(), b?.stop(), bert?.stop()]));

const sharedBer = (extra: Record<string, unknown> = {}) =>
  ({
    instruments: { ber: { resource: bert.get("ber").resource, sharedGroup: "bert" } },
    ...extra,
  }) as never;

const span = (path: string) => {
  const lines = readRecord(path) as { type: string; startedAt?: string; endedAt?: string }[];
  const start = lines.find((l) => l.type === "run-start")?.startedAt ?? "";
  const end = lines.find((l) => l.type === "run-end")?.endedAt ?? "";
  return { start: Date.parse(start), end: Date.parse(end) };
};

describe("shared-resource groups", () => {
  it("two positions sharing one BER checker both pass, one after the other on it", async () => {
    const outA = join(a.dir, "pos-a");
    const outB = join(b.dir, "pos-b");
    mkdirSync(outA);
    mkdirSync(outB);
    const [ra, rb] = await Promise.all([
      runLive({ stationFile: a.station(sharedBer()), dut: "SN-A", outDir: outA }),
      runLive({ stationFile: b.station(sharedBer()), dut: "SN-B", outDir: outB }),
    ]);
    expect([ra.exitCode, rb.exitCode]).toEqual([0, 0]);
    const [sa, sb] = [span(ra.recordPath), span(rb.recordPath)];
    for (const s of [sa, sb]) expect(s.end).toBeGreaterThan(s.start);
    const [first, second] = sa.start <= sb.start ? [sa, sb] : [sb, sa];
    expect(second.start).toBeGreaterThanOrEqual(first.end);
    expect(a.bench.state().supply.output).toBe(false);
    expect(b.bench.state().supply.output).toBe(false);
  });

  it("two xpo run processes sharing the group both complete, one after the other", async () => {
    const run = (tb: TestBench, dut: string) => {
      const out = join(tb.dir, `proc-${dut}`);
      mkdirSync(out);
      const station = tb.station(sharedBer({ timing: { timeScale: 20 } }), `proc-${dut}.yaml`);
      return runXpo(["run", "--station", station, "--dut", dut, "--out", out, "--no-progress"], {
        timeout: 120_000,
      }).then((r) => ({
        ...r,
        record: join(out, readdirSync(out).find((f) => f.endsWith(".jsonl")) ?? ""),
      }));
    };
    const [pa, pb] = await Promise.all([run(a, "SN-PA"), run(b, "SN-PB")]);
    expect([pa.exitCode, pb.exitCode], `${pa.stderr}\n${pb.stderr}`).toEqual([0, 0]);
    const [sa, sb] = [span(pa.record), span(pb.record)];
    const [first, second] = sa.start <= sb.start ? [sa, sb] : [sb, sa];
    expect(second.start).toBeGreaterThanOrEqual(first.end);
  });

  it("a wait past sharedGroupWaitMs stops before power-on, naming the holder", async () => {
    const release = await holdGroups(["bert"], "SN-HOLDER", 1000);
    const ons = a.supplyLog.filter((m) => /OUTP ON/i.test(m)).length;
    mkdirSync(join(a.dir, "late"));
    const error = await runLive({
      stationFile: a.station(sharedBer({ sharedGroupWaitMs: 200 }), "late.yaml"),
      dut: "SN-LATE",
      outDir: join(a.dir, "late"),
    }).catch((e) => e);
    release();
    expect(error.code).toBe("XPO_STATION_INVALID");
    expect(error.message).toMatch(/shared group "bert": it is held by the run of DUT SN-HOLDER/);
    expect(a.supplyLog.filter((m) => /OUTP ON/i.test(m)).length).toBe(ons);
  });

  it("a supply in a shared group is refused by the station check", () => {
    const file = a.station(
      { instruments: { supply: { sharedGroup: "psu" } } } as never,
      "psu.yaml",
    );
    expect(() => loadStation(file)).toThrow(/a supply is never shared between DUT positions/);
  });
});
