// Every safety case against the simulator's faults: the simulated supply really ends with its
// output OFF, and the record says why. Problems found before power-on never switch it on.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  eventsOf,
  readRecord,
  startTestBench,
  switchedOn,
  type TestBench,
} from "../../test/support/live.js";
import type { FaultSpec } from "../sim/index.js";
import { runLive } from "./run-live.js";

let tb: TestBench | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

// Run with `fault` injected when the power-nominal step starts (the module is powered then).
async function runWithFault(
  fault: FaultSpec | undefined,
  overrides: Parameters<TestBench["station"]>[0] = {},
) {
  tb = await startTestBench();
  const bench = tb.bench;
  const stationFile = tb.station(overrides);
  const result = await runLive({
    stationFile,
    dut: "SN-SAFE",
    outDir: tb.dir,
    onStep: (step, phase) => {
      if (fault && step.id === "power-nominal" && phase === "start") bench.faults.add(fault);
    },
  });
  const lines = readRecord(result.recordPath);
  return {
    result,
    lines,
    state: bench.state(),
    trips: eventsOf(lines, "safety-trip"),
    offs: eventsOf(lines, "output-off"),
  };
}

describe("safety trips switch the supply output off and record why", () => {
  it("over-temperature: coolant flow lost with the flow interlock disabled", async () => {
    const { result, state, trips, offs } = await runWithFault(
      { kind: "flow-loss", role: "coolant" },
      { safety: { minFlowLpm: 0 } },
    );
    expect(result.trip?.kind).toBe("over-temperature");
    expect(trips[0]?.message).toMatch(
      /case temperature .* above the station's maxCaseTemperatureC 80/,
    );
    expect(state.supply.output).toBe(false);
    expect(result.outputOff).toBe(true);
    expect(offs.at(-1)?.message).toMatch(/confirmed off \(over-temperature\)/);
    expect(result.exitCode).toBe(2);
  });

  it("flow loss", async () => {
    const { result, state, trips } = await runWithFault({ kind: "flow-loss", role: "coolant" });
    expect(result.trip?.kind).toBe("flow-loss");
    expect(trips[0]?.message).toMatch(/coolant flow 0 L\/min below the station's minFlowLpm 0.2/);
    expect(state.supply.output).toBe(false);
  });

  it("over-current: 3 A at 40 V against a 2.8 A station limit", async () => {
    const { result, state, trips, lines } = await runWithFault(undefined, {
      safety: { maxCurrentA: 2.8 },
    });
    expect(result.trip?.kind).toBe("over-current");
    expect(trips[0]?.message).toMatch(/input current 3 A above the station's maxCurrentA 2.8 A/);
    expect(state.supply.output).toBe(false);
    // limits of the unfinished steps are errors in the record, the run is ended
    expect(
      lines.some(
        (l) => l.type === "verdict" && l.limitId === "XPO-COOL-007" && l.outcome === "error",
      ),
    ).toBe(true);
    expect(lines.at(-1)?.type).toBe("run-end");
  });

  it("instrument error: an error-queue entry on the temperature logger", async () => {
    const { result, state, trips } = await runWithFault({
      kind: "error",
      role: "thermal",
      match: "MEAS:TEMP",
      count: 1,
      code: -240,
      message: "Hardware error",
    });
    expect(result.trip?.kind).toBe("instrument-error");
    expect(trips[0]?.message).toMatch(/thermal .*-240,"Hardware error/);
    expect(state.supply.output).toBe(false);
  });

  it("timeout: the supply stalls a reply", async () => {
    const { result, state, trips } = await runWithFault(
      { kind: "stall", role: "supply", match: "MEAS:CURR", count: 1 },
      { instruments: { supply: { timeoutMs: 300 } } } as never,
    );
    expect(result.trip?.kind).toBe("instrument-timeout");
    expect(trips[0]?.message).toMatch(/no reply to "MEAS:CURR\?" within 300 ms/);
    expect(state.supply.output).toBe(false);
    expect(result.outputOff).toBe(true);
  });

  it("an exception in the procedure", async () => {
    tb = await startTestBench();
    const result = await runLive({
      stationFile: tb.station(),
      dut: "SN-EXC",
      outDir: tb.dir,
      onStep: (step, phase) => {
        if (step.id === "lanes" && phase === "start") throw new TypeError("boom in a step");
      },
    });
    const trips = eventsOf(readRecord(result.recordPath), "safety-trip");
    expect(result.trip?.kind).toBe("exception");
    expect(trips[0]?.message).toMatch(/exception: boom in a step/);
    expect(tb.bench.state().supply.output).toBe(false);
  });

  it("an interruption (what Ctrl-C and SIGTERM do): output off, record left open to resume", async () => {
    tb = await startTestBench();
    const controller = new AbortController();
    const result = await runLive({
      stationFile: tb.station(),
      dut: "SN-INT",
      outDir: tb.dir,
      signal: controller.signal,
      onStep: (step, phase) => {
        if (step.id === "lanes" && phase === "start")
          controller.abort({ kind: "interrupted", message: "SIGINT received", final: false });
      },
    });
    const lines = readRecord(result.recordPath);
    expect(result.ended).toBe(false);
    expect(eventsOf(lines, "interrupted")[0]?.message).toMatch(/SIGINT received/);
    expect(lines.some((l) => l.type === "run-end")).toBe(false);
    expect(tb.bench.state().supply.output).toBe(false);
  });
});

describe("problems before power-on are reported and nothing is switched on", () => {
  it("unreachable instrument, identity mismatch and unknown driver are reported together", async () => {
    tb = await startTestBench();
    const pm = tb.bench.get("powermeter").resource;
    const stationFile = tb.station({
      // the power meter's place is taken by the supply (one resource, one role)
      omitRoles: ["powermeter"],
      instruments: {
        supply: { resource: pm, driver: "chroma-62000p" },
        thermal: {
          resource: "TCPIP0::127.0.0.1::1::SOCKET",
          driver: "scpi-thermal",
          connectTimeoutMs: 500,
        },
        optical: { driver: "scpi-bert" },
      },
    } as never);
    const error = await runLive({ stationFile, dut: "SN-PRE", outDir: tb.dir }).catch((e) => e);
    expect(error.code).toBe("XPO_IDENTITY_MISMATCH");
    const messages = (error.problems as { message: string; code: string }[]).map(
      (p) => `${p.code} ${p.message}`,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /XPO_IDENTITY_MISMATCH the supply answered \*IDN\? "XPO-SIM,PM-480.*not a chroma-62000p/,
        ),
        expect.stringMatching(/XPO_CONNECT_FAILED/),
        expect.stringMatching(/XPO_STATION_INVALID unknown optical driver "scpi-bert"/),
      ]),
    );
    expect(switchedOn(tb.supplyLog)).toBe(false);
    expect(existsSync(join(tb.dir, "run.jsonl"))).toBe(false);
  });

  it("an unknown role is a station error with file:line before any connection", async () => {
    tb = await startTestBench();
    const stationFile = tb.station({
      instruments: {
        chiller: { resource: "TCPIP0::127.0.0.1::2::SOCKET", driver: "scpi-coolant" },
      },
    } as never);
    const error = await runLive({ stationFile, dut: "SN-ROLE", outDir: tb.dir }).catch((e) => e);
    expect(error.code).toBe("XPO_STATION_INVALID");
    expect(error.message).toMatch(/unknown instrument role "chiller".*did you mean "coolant"/);
    expect(error.location.line).toBeGreaterThan(1);
    expect(tb.supplyLog).toEqual([]);
  });

  it("the coolant interlock keeps the output off when flow is too low", async () => {
    tb = await startTestBench();
    tb.bench.faults.add({ kind: "flow-loss", role: "coolant" });
    const result = await runLive({ stationFile: tb.station(), dut: "SN-ILK", outDir: tb.dir });
    expect(result.trip?.kind).toBe("interlock");
    expect(result.trip?.message).toMatch(/coolant flow 0 L\/min is below 0.35 L\/min/);
    expect(switchedOn(tb.supplyLog)).toBe(false);
  });
});
