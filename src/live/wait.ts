// Waits of a live run: never an unbounded number handed to a timer (Node's timers hold at most
// 2^31 - 1 ms and fire after 1 ms beyond it), and cut short by an abort signal.
import { XpoError } from "../model/errors.js";

/** The longest delay one Node timer holds. */
const MAX_TIMER_MS = 2 ** 31 - 1;

// Wait `ms` real milliseconds in timers of at most MAX_TIMER_MS; rejects with the signal's
// reason when it aborts, and refuses a delay that is not a finite number >= 0.
export async function waitMs(ms: number, signal?: AbortSignal): Promise<void> {
  if (!Number.isFinite(ms) || ms < 0)
    throw new XpoError("XPO_STATION_INVALID", `a wait of ${ms} ms cannot be timed`, {
      remedy: "Check the station's timing values (docs/live.md#station-file).",
    });
  const end = performance.now() + ms;
  for (let left = ms; left > 0; left = end - performance.now())
    await waitOnce(Math.min(left, MAX_TIMER_MS), signal);
}

function waitOnce(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
