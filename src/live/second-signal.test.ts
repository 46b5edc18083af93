// A second Ctrl-C or SIGTERM during shut-down is told the truth (issue 16, B15): "still
// switching the supply output off" only while it is not yet confirmed off, and "confirmed off"
// once the record says so. The thermal logger answers slowly, so after the output is off the
// run still waits for the safety monitor's last poll: a window to send the second signal in.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  eventsOf,
  readRecord,
  startTestBench,
  startXpo,
  type TestBench,
  waitForRecord,
} from "../../test/support/live.js";

let tb: TestBench | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

describe("a second signal while xpo run shuts down", () => {
  it("says the output is confirmed off once it is, and the run still ends with it off", async () => {
    tb = await startTestBench({
      speed: 20,
      faults: [{ kind: "slow", role: "thermal", match: "MEAS:TEMP?", delayMs: 1500 }],
    });
    const record = join(tb.dir, "run.jsonl");
    const child = startXpo(["run", "--station", tb.station(), "--dut", "SN-2SIG", "--out", tb.dir]);
    await waitForRecord(record, (lines) => eventsOf(lines, "output-on").length > 0);
    child.kill("SIGTERM");
    await waitForRecord(record, (lines) =>
      eventsOf(lines, "output-off").some((e) => /confirmed off/.test(e.message)),
    );
    child.kill("SIGTERM");
    const result = await child;
    expect(result.stderr).toContain(
      "xpo: the supply output is confirmed off; finishing the record, please wait",
    );
    expect(result.stderr).not.toContain("still switching the supply output off");
    expect(result.exitCode).toBe(2);
    expect(tb.bench.state().supply.output).toBe(false);
    expect(eventsOf(readRecord(record), "interrupted")[0]?.message).toContain("SIGTERM received");
  }, 60_000);
});
