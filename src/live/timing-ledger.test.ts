// The timing ledger: which part of an instrument's busy time fell inside the procedure's waits,
// and the per-step floor (docs/performance.md subtracts the first and sums the second).
import { expect, it } from "vitest";
import { TimingLedger } from "./timing-ledger.js";

// A session stand-in: the ledger needs its busy ms so far and to be told of busy intervals.
function fakeSource(openedBusyMs = 0) {
  const watchers: ((start: number, end: number) => void)[] = [];
  return {
    busy: { ms: openedBusyMs },
    watchBusy: (watch: (start: number, end: number) => void) => watchers.push(watch),
    report: (start: number, end: number) => {
      for (const watch of watchers) watch(start, end);
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

it("counts the part of each busy interval inside a dwell, and the dwell asked for", async () => {
  const ledger = new TimingLedger();
  const source = fakeSource();
  ledger.watch(source);
  ledger.watch(source); // watched once only
  const before = performance.now();
  source.report(before - 20, before - 10); // before any dwell: outside
  const dwellStart = performance.now();
  await ledger.during(30, sleep(30));
  const dwellEnd = performance.now();
  // Straddles the dwell's end: only its first part is inside.
  source.report(dwellEnd - 10, dwellEnd + 10);
  expect(ledger.ms).toBe(30);
  expect(ledger.insideOf(source)).toBeCloseTo(10, 0);
  // Covers the whole dwell: the dwell's length is inside.
  source.report(dwellStart - 5, dwellEnd + 5);
  expect(ledger.insideOf(source)).toBeCloseTo(10 + (dwellEnd - dwellStart), 0);
  expect(ledger.insideOf(fakeSource())).toBe(0);
});

it("a busy interval ending during a dwell counts up to now; nested waits are one dwell", async () => {
  const ledger = new TimingLedger();
  const source = fakeSource();
  ledger.watch(source);
  const outer = ledger.during(40, sleep(40));
  const opened = performance.now();
  await sleep(5);
  const inner = ledger.during(10, sleep(10));
  source.report(opened - 100, performance.now()); // ends while the dwell is open
  const inside = ledger.insideOf(source);
  expect(inside).toBeGreaterThan(3);
  expect(inside).toBeLessThan(40);
  await Promise.all([outer, inner]);
  expect(ledger.ms).toBe(50);
});

it("a wait cut short by a trip still closes its dwell and rejects", async () => {
  const ledger = new TimingLedger();
  await expect(ledger.during(1000, Promise.reject(new Error("tripped")))).rejects.toThrow(
    "tripped",
  );
  const source = fakeSource();
  ledger.watch(source);
  const now = performance.now();
  source.report(now, now + 50);
  expect(ledger.insideOf(source)).toBe(0);
});

it("the per-step floor sums each step's dwell and its busiest source outside the dwell", async () => {
  const ledger = new TimingLedger();
  const supply = fakeSource(7); // 7 ms busy while it was opened: the opening phase's
  const chiller = fakeSource(3);
  ledger.watch(supply);
  ledger.watch(chiller);
  await sleep(5);
  ledger.enterPhase("a");
  let t = performance.now();
  supply.report(t - 1, t + 20); // 1 ms of it before step a began (opening), 20 ms in step a
  chiller.report(t, t + 5);
  await sleep(25);
  ledger.enterPhase("b");
  t = performance.now();
  await ledger.during(20, sleep(20));
  const dwellEnd = performance.now();
  await sleep(20);
  // Busy through the whole dwell and after it (reported when it ends, as a session does): only
  // the part after the dwell counts.
  const end = performance.now();
  chiller.report(t, end);
  // opening: max(7 + 1, 3) = 8; a: max(20, 5) = 20; b: dwell 20 + the chiller after the dwell.
  const expected = 8 + 20 + 20 + (end - dwellEnd);
  expect(ledger.perStepFloorMs()).toBeCloseTo(expected, 0);
});
