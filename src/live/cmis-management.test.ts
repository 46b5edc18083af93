// The live CMIS step on the simulated bench with the management adapter (role mgmt): a good
// module passes; each CMIS fault of the simulated module fails the right limit; a management
// bus that stops answering is an error of the station; the supply is off after every run.
import { afterEach, describe, expect, it } from "vitest";
import { runWithFaults, startTestBench, type TestBench } from "../../test/support/live.js";
import type { CmisFault } from "../sim/cmis-module.js";

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

describe("cmis-management step (role mgmt)", () => {
  it("a good module passes power-up, DataPathInit of all 8 banks and the flags check", async () => {
    const { verdicts, state } = await run();
    const cmis = verdicts.filter((v) => v.limitId.startsWith("CMIS-LIVE-"));
    expect(cmis.filter((v) => v.limitId === "CMIS-LIVE-DPINIT")).toHaveLength(8);
    expect(outcomes(cmis, "CMIS-LIVE-")).toEqual([
      "CMIS-LIVE-DPINIT pass",
      "CMIS-LIVE-FLAGS pass",
      "CMIS-LIVE-PWRUP pass",
    ]);
    expect(state.supply.output).toBe(false);
  });

  const cases: [CmisFault, string, string][] = [
    ["slow-power-up", "CMIS-LIVE-PWRUP", "LowPwr to ModuleReady"],
    ["stuck-in-pwrup", "CMIS-LIVE-PWRUP", "LowPwr to ModuleReady"],
    ["lane-37-never-activates", "CMIS-LIVE-DPINIT", "bank 4 DataPathInit"],
    ["latched-alarm", "CMIS-LIVE-FLAGS", "module flags 00h:9-11"],
  ];
  for (const [fault, limitId, subject] of cases)
    it(`${fault}: ${limitId} fails (${subject}), the supply is off`, async () => {
      const { verdicts, state } = await run([fault]);
      const failed = verdicts.filter((v) => v.outcome === "fail" && v.limitId.startsWith("CMIS-"));
      expect(failed.map((v) => `${v.limitId} ${v.subject}`)).toEqual([`${limitId} ${subject}`]);
      expect(state.supply.output).toBe(false);
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
