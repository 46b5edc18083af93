// Shared-resource groups: instruments several DUT positions take turns on (one chiller, one
// BERT behind a switch). A run holds each group it names from before power-on to the end of
// the run; another run that names the group waits, first in this process (a FIFO queue per
// group), then across processes on this host (the group's lock file, polled), for at most
// `waitMs`, and then stops with an error naming the holder.
import { XpoError } from "../model/errors.js";
import { type LockHolder, lockResource, unlockResource } from "./instrument-locks.js";

/** The tail of each group's in-process queue: resolves when the last waiter releases. */
const queues = new Map<string, Promise<void>>();

const lockName = (group: string) => `shared-group:${group}`;

// Wait for this process's turn on `group`; returns the release.
async function takeTurn(group: string, deadline: number, what: () => string): Promise<() => void> {
  const previous = queues.get(group) ?? Promise.resolve();
  let release: () => void = () => {};
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => mine);
  queues.set(group, tail);
  const done = () => {
    release();
    if (queues.get(group) === tail) queues.delete(group);
  };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now()));
  });
  const result = await Promise.race([previous.then(() => "turn" as const), timedOut]);
  clearTimeout(timer);
  if (result === "timeout") {
    // Keep the queue in order: our slot passes on as soon as it comes.
    void previous.then(done);
    throw waitError(group, what());
  }
  return done;
}

function waitError(group: string, holder: string): XpoError {
  return new XpoError(
    "XPO_STATION_INVALID",
    `waited too long for shared group "${group}": it is held by ${holder}`,
    {
      remedy:
        "Wait for that run to end, or raise sharedGroupWaitMs in the station file. A lock left by a process that is gone is taken over by itself.",
    },
  );
}

const describeHolder = (h: LockHolder) =>
  `DUT ${h.dut}, process ${h.pid} on ${h.host} since ${h.since}`;

// Hold `group` for `dut` across processes: poll its lock file until free or `deadline`.
async function lockGroup(group: string, dut: string, deadline: number): Promise<void> {
  for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
    const holder = lockResource(lockName(group), dut);
    if (holder === undefined) return;
    if (Date.now() >= deadline) throw waitError(group, describeHolder(holder));
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, deadline - Date.now())));
  }
}

/** Who holds a group in this process (for the timeout message). */
const localHolders = new Map<string, string>();

// Wait for every group in `groups` (in name order, so two runs never wait on each other).
export async function holdGroups(
  groups: readonly string[],
  dut: string,
  waitMs: number,
): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  const releases: (() => void)[] = [];
  const releaseAll = () => {
    for (const release of releases.reverse()) release();
    releases.length = 0;
  };
  try {
    for (const group of [...new Set(groups)].sort()) {
      const what = () => `the run of DUT ${localHolders.get(group) ?? "?"} in this process`;
      const turn = await takeTurn(group, deadline, what);
      releases.push(turn);
      await lockGroup(group, dut, deadline);
      localHolders.set(group, dut);
      releases.push(() => {
        localHolders.delete(group);
        unlockResource(lockName(group), dut);
      });
    }
  } catch (error) {
    releaseAll();
    throw error;
  }
  return releaseAll;
}
