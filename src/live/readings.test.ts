// Readings the instrument could not make never pass (issue 16): SCPI overrange values, NaN and
// infinities, readings outside the instrument's range, short list replies, and readings taken
// outside their stated conditions. Safety readings the instrument cannot see trip the supply
// off; each case ends with the simulated supply's output off.
import { afterEach, describe, expect, it } from "vitest";
import {
  runWithFaults,
  startTestBench,
  switchedOn,
  type TestBench,
} from "../../test/support/live.js";

let tb: TestBench | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

async function bench() {
  tb = await startTestBench();
  return tb;
}

describe("an overrange, NaN or infinite safety reading is a trip (B10)", () => {
  for (const [role, match, reply, what] of [
    ["thermal", "MEAS:TEMP", "-9.9E37", "case temperature"],
    ["supply", "MEAS:CURR", "-9.9E37", "input current"],
    ["coolant", "MEAS:FLOW", "+9.9E37", "coolant flow"],
    ["coolant", "MEAS:FLOW", "+INF", "coolant flow"],
    ["coolant", "MEAS:TEMP:INL", "-9.9E37", "coolant inlet"],
    ["thermal", "MEAS:TEMP", "9.91E37", "case temperature"],
    ["thermal", "MEAS:TEMP", "-4000", "case temperature"],
  ] as const)
    it(`${role} ${match} answering ${reply}`, async () => {
      const t = await bench();
      const { result, state, trips } = await runWithFaults(t, [
        { at: "power-nominal", fault: { kind: "overrange", role, match, reply } },
      ]);
      expect(result.trip?.kind).toBe("invalid-reading");
      expect(trips[0]?.message).toContain(what);
      expect(trips[0]?.message).toMatch(/cannot see|outside the instrument's range/);
      expect(result.exitCode).toBe(2);
      expect(state.supply.output).toBe(false);
      expect(result.outputOff).toBe(true);
    });

  it("an infinite flow before power-on keeps the output off", async () => {
    const t = await bench();
    const { result } = await runWithFaults(t, [
      {
        at: "start",
        fault: { kind: "overrange", role: "coolant", match: "MEAS:FLOW", reply: "+INF" },
      },
    ]);
    expect(result.trip?.kind).toBe("interlock");
    expect(result.trip?.message).toMatch(/coolant flow .*cannot see/);
    expect(switchedOn(t.supplyLog)).toBe(false);
  });
});

describe("a reading outside the instrument's range is never judged (B10)", () => {
  it("64 BER values of 2 (a BER cannot exceed 1) are errors, not failures", async () => {
    const t = await bench();
    const reply = Array.from({ length: 64 }, () => "2.0").join(",");
    const { result, verdicts, state } = await runWithFaults(t, [
      { at: "lanes", fault: { kind: "overrange", role: "ber", match: "FETC:BER:ALL", reply } },
    ]);
    const ber = verdicts.filter((v) => v.limitId === "XPO-OPT-004");
    expect(ber).toHaveLength(64);
    expect(ber.every((v) => v.outcome === "error")).toBe(true);
    expect(ber[0]?.reason).toMatch(/outside the instrument's range/);
    expect(result.exitCode).toBe(2);
    expect(state.supply.output).toBe(false);
  });
});

describe("every lane of the DUT gets a verdict (B5)", () => {
  for (const [role, match, limitId] of [
    ["ber", "FETC:BER:ALL", "XPO-OPT-004"],
    ["optical", "MEAS:POW:ALL", "XPO-OPT-001"],
  ] as const)
    it(`a 1-value ${match} reply: 63 lanes are errors`, async () => {
      const t = await bench();
      const { result, verdicts, state } = await runWithFaults(t, [
        { at: "lanes", fault: { kind: "short-list", role, match, keep: 1 } },
      ]);
      const lanes = verdicts.filter((v) => v.limitId === limitId);
      expect(lanes).toHaveLength(64);
      expect(lanes.filter((v) => v.outcome === "error")).toHaveLength(63);
      expect(lanes[63]?.subject).toMatch(/lane 64/);
      expect(lanes[63]?.reason).toMatch(/no value for lane 64/);
      expect(result.exitCode).toBe(2);
      expect(state.supply.output).toBe(false);
    });
});

describe("a thermal reading outside its conditions is an error (B7)", () => {
  it("flow lost in the thermal step with the flow interlock off: the module shuts down, nothing passes", async () => {
    const t = await bench();
    const { verdicts, state, result } = await runWithFaults(
      t,
      [{ at: "thermal", fault: { kind: "flow-loss", role: "coolant" } }],
      { safety: { minFlowLpm: 0, maxCaseTemperatureC: 99 } },
    );
    for (const id of ["XPO-COOL-007", "XPO-COOL-008", "DECL-CASE-MAX"]) {
      const v = verdicts.find((x) => x.limitId === id);
      expect(v?.outcome, id).toBe("error");
      expect(v?.reason).toMatch(/not under its conditions/);
    }
    expect(result.exitCode).toBe(2);
    expect(state.supply.output).toBe(false);
  });
});

describe("a NaN power reading is an error of XPO-PWR-004 (B25)", () => {
  it("the power meter answers NaN", async () => {
    const t = await bench();
    const { verdicts, state } = await runWithFaults(t, [
      {
        at: "power-nominal",
        fault: { kind: "overrange", role: "powermeter", match: "MEAS:POW", reply: "9.91E37" },
      },
    ]);
    const op = verdicts.filter((v) => v.limitId === "XPO-PWR-004");
    expect(op.length).toBeGreaterThan(0);
    expect(op.every((v) => v.outcome === "error")).toBe(true);
    expect(op[0]?.reason).toMatch(/no valid power reading/);
    expect(state.supply.output).toBe(false);
  });
});

describe("a supply protection trip is named and ends the run (B23)", () => {
  for (const kind of ["ovp", "ocp", "otp"])
    it(kind, async () => {
      const t = await bench();
      const { result, trips, state } = await runWithFaults(t, [
        { at: "power-nominal", fault: { kind: "protection-trip", role: "supply", message: kind } },
      ]);
      expect(result.trip?.kind).toBe("supply-protection");
      expect(trips[0]?.message).toContain(`${kind.toUpperCase()}`);
      expect(result.exitCode).toBe(2);
      expect(state.supply.output).toBe(false);
    });
});
