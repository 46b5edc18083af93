// The live CMIS step on the simulated bench with the management adapter (role mgmt): a good
// module passes; each CMIS fault of the simulated module fails the right limit; a management
// bus that stops answering is an error of the station; the supply is off after every run.
import { afterEach, describe, expect, it } from "vitest";
import {
  readRecord,
  runWithFaults,
  startTestBench,
  type TestBench,
} from "../../test/support/live.js";
import type { CmisFault } from "../sim/cmis-module.js";
import { runLive } from "./run-live.js";
import { liveSteps } from "./steps/index.js";

let tb: TestBench | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

async function run(cmisFaults: CmisFault[] = []) {
  tb = await startTestBench({ config: { instruments: { mgmt: { cmisFaults } } } });
  return runWithFaults(tb, []);
}

const outcomes = (verdicts: { limitId: string; outcome: string }[], prefix: string) =>
  [
    ...new Set(
      verdicts.filter((v) => v.limitId.startsWith(prefix)).map((v) => `${v.limitId} ${v.outcome}`),
    ),
  ].sort();

describe("CMIS steps on the bench (role mgmt)", () => {
  it("a good module passes every live CMIS limit, its memory read live passes every CMIS check, and both power modes are judged", async () => {
    const { verdicts, state } = await run();
    const cmis = verdicts.filter((v) => v.limitId.startsWith("CMIS-LIVE-"));
    expect(cmis.filter((v) => v.limitId === "CMIS-LIVE-DPINIT")).toHaveLength(8);
    expect(cmis.filter((v) => v.limitId === "CMIS-LIVE-TXPWR")).toHaveLength(64);
    expect(outcomes(cmis, "CMIS-LIVE-")).toEqual([
      "CMIS-LIVE-BANKSEL pass",
      "CMIS-LIVE-DPINIT pass",
      "CMIS-LIVE-FLAGS pass",
      "CMIS-LIVE-PWRUP pass",
      "CMIS-LIVE-TEMP pass",
      "CMIS-LIVE-TXPWR pass",
    ]);
    // Read live and checked like a dump: no CMIS check fails or errs.
    const memory = verdicts.filter((v) => /^CMIS-(?!LIVE-)/.test(v.limitId));
    expect(memory.length).toBeGreaterThan(20);
    expect(memory.filter((v) => v.outcome === "fail" || v.outcome === "error")).toEqual([]);
    expect(memory.find((v) => v.limitId === "CMIS-PWR-002")?.evidence?.memory).toBe(
      "page 00h byte 201 = 0xFF",
    );
    // The datasheet declares a low-power mode (10 W) and a mission mode (128 W).
    const modes = verdicts.filter(
      (v) => v.limitId.startsWith("DECL-PWR-") && v.subject.includes(" in "),
    );
    expect(modes.map((v) => `${v.limitId} ${v.outcome} ${v.observed}`)).toEqual([
      "DECL-PWR-LOWPWR pass 8",
      "DECL-PWR-READY pass 120",
    ]);
    expect(state.supply.output).toBe(false);
  });

  const cases: [CmisFault, string, string][] = [
    ["slow-power-up", "CMIS-LIVE-PWRUP", "LowPwr to ModuleReady"],
    ["stuck-in-pwrup", "CMIS-LIVE-PWRUP", "LowPwr to ModuleReady"],
    ["lane-37-never-activates", "CMIS-LIVE-DPINIT", "bank 4 DataPathInit"],
    ["latched-alarm", "CMIS-LIVE-FLAGS", "module flags 00h:9-11 latched power-up to DataPathInit"],
    ["wrong-max-power", "CMIS-PWR-002", "cmis:/maxPowerByteError"],
    ["corrupt-checksum", "CMIS-MEM-002", "cmis:/badChecksums"],
    ["bank-select-ignored", "CMIS-LIVE-BANKSEL", "banks answer only their own DataPathDeinit"],
    ["temperature-monitor-offset", "CMIS-LIVE-TEMP", "temperature monitor - case temperature"],
  ];
  for (const [fault, limitId, subject] of cases)
    it(`${fault}: ${limitId} fails (${subject}), the supply is off`, async () => {
      const { verdicts, state } = await run([fault]);
      const failed = verdicts.filter((v) => v.outcome === "fail" && v.limitId.startsWith("CMIS-"));
      expect(failed.map((v) => `${v.limitId} ${v.subject}`)).toEqual([`${limitId} ${subject}`]);
      expect(state.supply.output).toBe(false);
    });

  it("tx-power-monitor-low: CMIS-LIVE-TXPWR fails on every lane (-6 dB), nothing else", async () => {
    const { verdicts } = await run(["tx-power-monitor-low"]);
    const failed = verdicts.filter((v) => v.outcome === "fail" && v.limitId.startsWith("CMIS-"));
    expect(failed).toHaveLength(64);
    expect(new Set(failed.map((v) => v.limitId))).toEqual(new Set(["CMIS-LIVE-TXPWR"]));
    expect(failed[36]?.observed).toBeCloseTo(-6.02, 1);
  });

  it("stuck in ModulePwrUp: DataPathInit, bank isolation and mission power are errors, not passes", async () => {
    const { verdicts } = await run(["stuck-in-pwrup"]);
    for (const id of ["CMIS-LIVE-DPINIT", "CMIS-LIVE-BANKSEL", "DECL-PWR-READY"])
      expect(verdicts.filter((v) => v.limitId === id).map((v) => v.outcome)).toEqual(["error"]);
  });

  it("a module that waits in ModuleLowPwr at power-on (lowPwrAtPowerOn) is timed and judged the same way", async () => {
    tb = await startTestBench({ config: { instruments: { mgmt: { lowPwrAtPowerOn: true } } } });
    const { verdicts } = await runWithFaults(tb, []);
    const live = verdicts.filter((v) => /^CMIS-LIVE-|^DECL-PWR-(LOWPWR|READY)$/.test(v.limitId));
    expect(live.filter((v) => v.outcome !== "pass")).toEqual([]);
    expect(new Set(live.map((v) => v.limitId)).size).toBe(8);
  });

  it("a warning latched at the thermal condition fails the end-of-run flags check, not the first", async () => {
    // A poorer cold plate: the case passes the module's 75 °C high warning threshold at the
    // thermal condition, below its alarm and the station's (raised) interlock.
    tb = await startTestBench({
      config: { module: { thermal: { flowResistanceKPerWLpm: 0.085 } } },
    });
    const { verdicts } = await runWithFaults(tb, [], {
      safety: { maxCaseTemperatureC: 90 },
    } as never);
    const flags = verdicts.filter((v) => v.limitId === "CMIS-LIVE-FLAGS");
    expect(flags.map((v) => `${v.outcome}: ${v.subject}`)).toEqual([
      "pass: module flags 00h:9-11 latched power-up to DataPathInit",
      "fail: module flags 00h:9-11 latched DataPathInit to the thermal condition",
    ]);
    expect(flags[1]?.evidence?.memory).toBe("page 00h byte 9 temperatureFlags = 0x4");
  });

  it("a module drawing more in ModuleLowPwr than its datasheet's low-power mode fails DECL-PWR-LOWPWR", async () => {
    tb = await startTestBench({ config: { module: { variants: { lro: { lowPowerW: 20 } } } } });
    const { verdicts } = await runWithFaults(tb, []);
    const low = verdicts.filter((v) => v.limitId === "DECL-PWR-LOWPWR");
    expect(low.map((v) => `${v.outcome} ${v.observed}`)).toEqual(["fail 20"]);
    expect(verdicts.filter((v) => v.limitId === "DECL-PWR-READY").map((v) => v.outcome)).toEqual([
      "pass",
    ]);
  });

  it("an unknown CMIS fault name is refused when the bench starts", async () => {
    await expect(
      startTestBench({ config: { instruments: { mgmt: { cmisFaults: ["lane-99-on-fire"] } } } }),
    ).rejects.toThrow(/unknown fault lane-99-on-fire.*/);
  });

  it("a resumed run brings the module out of ModuleLowPwr again before the later steps", async () => {
    // The host holds the module in ModuleLowPwr at power-on, so the resume's power-up leaves it there.
    tb = await startTestBench({ config: { instruments: { mgmt: { lowPwrAtPowerOn: true } } } });
    const stationFile = tb.station();
    const controller = new AbortController();
    const steps = liveSteps.map((step) =>
      step.id !== "lanes"
        ? step
        : {
            ...step,
            async run() {
              controller.abort({ kind: "interrupted", message: "SIGINT received", final: false });
              await new Promise((resolve) => setTimeout(resolve, 5000));
            },
          },
    );
    const common = { stationFile, dut: "SN-RESUME", outDir: tb.dir };
    const first = await runLive({ ...common, signal: controller.signal, steps });
    expect(first.ended).toBe(false);
    expect(tb.bench.state().supply.output).toBe(false);
    const resumed = await runLive({ ...common, resume: first.recordPath });
    expect(resumed.ended).toBe(true);
    const lines = readRecord(resumed.recordPath);
    const events = lines.filter((l) => l.type === "event" && l.kind === "cmis-mission-mode");
    expect(events.map((l) => (l.type === "event" ? l.level : ""))).toEqual(["info"]);
    // After the resume's power-up the module draws its full power again: it operates at 40 and 60 V.
    const operation = lines.filter(
      (l) => l.type === "verdict" && (l.limitId === "XPO-PWR-002" || l.limitId === "XPO-PWR-003"),
    );
    expect(operation.map((l) => (l.type === "verdict" ? l.outcome : ""))).toEqual(["pass", "pass"]);
    expect(tb.bench.state().supply.output).toBe(false);
  });

  it("a management bus that stops answering is a station error, the supply off", async () => {
    tb = await startTestBench();
    const { result, verdicts, state } = await runWithFaults(
      tb,
      [{ at: "cmis-management", fault: { kind: "stall", role: "mgmt", match: "I2C:READ" } }],
      { instruments: { mgmt: { timeoutMs: 300 } } } as never,
    );
    expect(verdicts.some((v) => v.limitId.startsWith("CMIS-") && v.outcome === "fail")).toBe(false);
    expect(result.counts.error).toBeGreaterThan(0);
    expect(result.exitCode).not.toBe(0);
    expect(result.outputOff).toBe(true);
    expect(state.supply.output).toBe(false);
  });
});
