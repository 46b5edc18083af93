// Switch-off after a trip does not wait behind a poisoned supply session (issue 16, B12): with
// the supply's session flooded (a reply with no terminator, then megabytes) or dripping (a
// byte at a time), the output is confirmed off through the bounded path and the time from the
// trip to confirmed off is recorded.
import { afterEach, describe, expect, it } from "vitest";
import { runWithFaults, startTestBench, type TestBench } from "../../test/support/live.js";

let tb: TestBench | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

describe("switch-off under a poisoned supply session (B12)", () => {
  for (const kind of ["flood", "drip"] as const)
    it(`${kind}: the output is confirmed off and the time to off is recorded`, async () => {
      tb = await startTestBench();
      const { result, offs, state } = await runWithFaults(
        tb,
        [{ at: "power-nominal", fault: { kind, role: "supply", match: "MEAS:CURR", count: 1 } }],
        { instruments: { supply: { timeoutMs: 1500 } } } as never,
      );
      expect(result.trip).toBeDefined();
      expect(state.supply.output).toBe(false);
      expect(result.outputOff).toBe(true);
      const off = offs.at(-1);
      expect(off?.data?.confirmed).toBe(true);
      expect(typeof off?.data?.offMs).toBe("number");
      expect(off?.message).toMatch(/ms after the trip via the (session|fresh connection)/);
      if (kind === "drip") expect(off?.data?.via).toBe("fresh connection");
    });
});
