// Switching the supply output off must not wait behind a poisoned session (a flood of bytes, a
// reply dripping a byte at a time, queued monitor queries): the run's own session and a fresh
// connection with a short timeout try at once, the fresh one retries once, and the first that
// reads the output back as off wins. The time from the trip to confirmed off is recorded.
import type { DriverClass } from "../instruments/driver.js";
import type { Instruments } from "../instruments/open-instruments.js";
import { openSession } from "../scpi/index.js";

type Supply = Instruments["supply"];

/** How the output was switched off, and how long after the trip it was confirmed off. */
export interface SwitchOffResult {
  confirmed: boolean;
  via: "session" | "fresh connection" | "none";
  /** Real ms from the trip (or the request) to the confirming readback. */
  offMs: number;
}

// Off through the run's own session, read back.
async function offViaSession(supply: Supply): Promise<"session"> {
  await supply.output(false);
  if (await supply.isOutputOn()) throw new Error("the supply still reads its output on");
  return "session";
}

// Off through a fresh connection with a short timeout; one retry.
async function offViaFreshConnection(
  supply: Supply,
  timeoutMs: number,
): Promise<"fresh connection"> {
  let last: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const session = await openSession(supply.resource, {
        name: `${supply.describe()} (safety)`,
        timeoutMs,
        connectTimeoutMs: timeoutMs,
        reconnect: { attempts: 1, delayMs: 50 },
        errorCheck: "off",
      });
      try {
        const Driver = supply.constructor as DriverClass;
        const fresh = new Driver(
          session,
          supply.resource,
          supply.identity,
          supply.accuracy,
        ) as Supply;
        await fresh.output(false);
        if (!(await fresh.isOutputOn())) return "fresh connection";
        last = new Error("the supply still reads its output on");
      } finally {
        await session.close().catch(() => {});
      }
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

// Switch the output off by the first path that confirms it; `since` is when the trip happened.
export async function switchSupplyOff(
  supply: Supply,
  timeoutMs: number,
  since: number,
): Promise<SwitchOffResult> {
  const session = offViaSession(supply);
  const fresh = offViaFreshConnection(supply, timeoutMs);
  session.catch(() => {});
  fresh.catch(() => {});
  try {
    const via = await Promise.any([session, fresh]);
    return { confirmed: true, via, offMs: Math.round(performance.now() - since) };
  } catch {
    return { confirmed: false, via: "none", offMs: Math.round(performance.now() - since) };
  }
}
