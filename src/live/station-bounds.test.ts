// Absurd station safety and timing settings are refused before anything is switched on, with
// the setting named (issue 16: B11, B8, B13, B20); the supply's protection is set explicitly
// at every run start.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  eventsOf,
  readRecord,
  startTestBench,
  switchedOn,
  type TestBench,
} from "../../test/support/live.js";
import { runLive } from "./run-live.js";

let tb: TestBench | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

async function refusal(overrides: object) {
  tb = await startTestBench();
  const stationFile = tb.station(overrides as never);
  const error = await runLive({ stationFile, dut: "SN-BOUND", outDir: tb.dir }).catch((e) => e);
  return {
    error,
    supplyOn: switchedOn(tb.supplyLog),
    record: existsSync(join(tb.dir, "run.jsonl")),
  };
}

describe("the station schema bounds safety and timing values (B11, B8, B13, B15, B20)", () => {
  for (const [setting, overrides] of [
    ["/safety/maxCaseTemperatureC", { safety: { maxCaseTemperatureC: 1000 } }],
    ["/safety/pollMs", { safety: { pollMs: 1e9 } }],
    ["/safety/supplyCurrentLimitA", { safety: { supplyCurrentLimitA: 1e6 } }],
    ["/safety/overVoltageProtectionV", { safety: { overVoltageProtectionV: 1000 } }],
    ["/timing/settleS", { timing: { settleS: 1e9 } }],
    ["/timing/timeScale", { timing: { timeScale: 1e-9 } }],
    ["/timing/inrushSamples", { timing: { inrushSamples: 1e6 } }],
    ["/instruments/supply/timeoutMs", { instruments: { supply: { timeoutMs: 1e11 } } }],
  ] as const)
    it(`${setting} out of bounds`, async () => {
      const { error, supplyOn, record } = await refusal(overrides);
      expect(error.code).toBe("XPO_STATION_INVALID");
      expect(error.message).toContain(setting);
      expect(error.message).toMatch(/must be <=|must be >=/);
      expect(supplyOn).toBe(false);
      expect(record).toBe(false);
    });
});

describe("preflight checks safety settings against the profile and the instrument (B11)", () => {
  for (const [what, overrides, pattern] of [
    [
      "OVP below the highest test voltage",
      { safety: { overVoltageProtectionV: 40 } },
      /overVoltageProtectionV 40 V .*highest test voltage 60 V \(XPO-PWR-003\)/,
    ],
    [
      "OVP above the supply's range",
      { safety: { overVoltageProtectionV: 95 } },
      /overVoltageProtectionV 95 V .*supply's range .*80 V/,
    ],
    [
      "a current limit above the supply's range",
      { safety: { supplyCurrentLimitA: 70 } },
      /supplyCurrentLimitA 70 A .*supply's range .*60 A/,
    ],
    [
      "a current trip above the supply's range",
      { safety: { maxCurrentA: 90 } },
      /maxCurrentA 90 A .*supply's range .*60 A/,
    ],
  ] as const)
    it(what, async () => {
      const { error, supplyOn, record } = await refusal(overrides);
      expect(error.code).toBe("XPO_STATION_INVALID");
      expect(error.message).toMatch(pattern);
      expect(error.remedy ?? "").not.toBe("");
      expect(supplyOn).toBe(false);
      expect(record).toBe(false);
    });

  it("an OVP left at 10 V on the supply by an earlier run is set again at the run start", async () => {
    tb = await startTestBench();
    tb.bench.model.supply.ovpLevel = 10;
    const stationFile = tb.station({ safety: { overVoltageProtectionV: 63 } });
    const result = await runLive({ stationFile, dut: "SN-OVP", outDir: tb.dir });
    expect(result.trip).toBeUndefined();
    expect(tb.bench.state().supply.ovpLevel).toBe(63);
    expect(tb.bench.state().supply.output).toBe(false);
  });

  it("without overVoltageProtectionV the OVP is set to the supply's full scale, never inherited", async () => {
    tb = await startTestBench();
    tb.bench.model.supply.ovpLevel = 10;
    const stationFile = tb.station();
    const text = readFileSync(stationFile, "utf8");
    writeFileSync(stationFile, text.replace(/^\s*overVoltageProtectionV:.*\n/m, ""));
    expect(readFileSync(stationFile, "utf8")).not.toContain("overVoltageProtectionV");
    const result = await runLive({ stationFile, dut: "SN-OVP2", outDir: tb.dir });
    expect(result.trip).toBeUndefined();
    expect(tb.bench.state().supply.ovpLevel).toBe(80);
    const configured = eventsOf(readRecord(result.recordPath), "supply-configured")[0];
    expect(configured?.message).toMatch(/OVP 80 V/);
    expect(tb.bench.state().supply.output).toBe(false);
  });
});

describe("output-on is recorded when the output goes on (B13)", () => {
  it("the output-on event comes before the inrush readings", async () => {
    tb = await startTestBench();
    const stationFile = tb.station({ timing: { inrushSamples: 45 } });
    const result = await runLive({ stationFile, dut: "SN-ON", outDir: tb.dir });
    const lines = readRecord(result.recordPath);
    const on = lines.findIndex((l) => l.type === "event" && l.kind === "output-on");
    const inrush = lines.findIndex((l) => l.type === "readings" && l.channel === "inrush current");
    expect(on).toBeGreaterThan(-1);
    expect(inrush).toBeGreaterThan(-1);
    expect(on).toBeLessThan(inrush);
    expect(tb.bench.state().supply.output).toBe(false);
  });
});
