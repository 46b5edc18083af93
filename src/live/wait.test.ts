// A wait longer than a Node timer holds still waits (B8: a huge settleS or a tiny timeScale
// made every wait 1 ms), and a stop cuts it short (B15).
import { describe, expect, it } from "vitest";
import { SafetyController } from "./safety.js";
import { waitMs } from "./wait.js";

describe("waitMs", () => {
  it("a wait beyond 2^31 ms does not elapse at once", async () => {
    const stop = new AbortController();
    const waited = waitMs(2 ** 31 + 5_000, stop.signal).then(
      () => "elapsed",
      () => "aborted",
    );
    const first = await Promise.race([
      waited,
      new Promise((r) => setTimeout(() => r("still waiting"), 200)),
    ]);
    stop.abort(new Error("stop"));
    expect(first).toBe("still waiting");
    expect(await waited).toBe("aborted");
  });

  it("refuses a delay that is not a finite number", async () => {
    await expect(waitMs(Number.POSITIVE_INFINITY)).rejects.toMatchObject({
      code: "XPO_STATION_INVALID",
    });
    await expect(waitMs(Number.NaN)).rejects.toMatchObject({ code: "XPO_STATION_INVALID" });
  });
});

describe("the safety monitor stops at once, whatever its pollMs (B15)", () => {
  it("stopMonitor does not wait out a long poll period", async () => {
    const reading = async () => ({ value: 1, command: "MEAS?" });
    const meter = {
      measureVoltage: reading,
      measureCurrent: reading,
      measurePower: reading,
      inletTemperature: reading,
      outletTemperature: reading,
      flow: reading,
      caseTemperature: reading,
      describe: () => "stub",
      session: { busy: { ms: 0 }, watchBusy: () => {} },
    };
    const instruments = { supply: meter, coolant: meter, thermal: meter };
    const recorder = { reading: () => {} };
    const station = { safety: { pollMs: 1e9 }, timing: { timeScale: 1 } };
    const safety = new SafetyController(instruments as never, station as never, recorder as never);
    safety.startMonitor();
    await new Promise((r) => setTimeout(r, 20));
    const stopped = safety.stopMonitor().then(() => "stopped");
    const first = await Promise.race([
      stopped,
      new Promise((r) => setTimeout(() => r("still polling"), 500)),
    ]);
    expect(first).toBe("stopped");
  });
});
