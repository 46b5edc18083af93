// The dwell ledger: which part of an instrument's busy time fell inside the procedure's waits
// (the strict floor of docs/performance.md subtracts it).
import { expect, it } from "vitest";
import { DwellLedger } from "./dwell-ledger.js";

// A session stand-in: the ledger only needs to be told of busy intervals.
function fakeSource() {
  const watchers: ((start: number, end: number) => void)[] = [];
  return {
    watchBusy: (watch: (start: number, end: number) => void) => watchers.push(watch),
    busy: (start: number, end: number) => {
      for (const watch of watchers) watch(start, end);
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

it("counts the part of each busy interval inside a dwell, and the dwell asked for", async () => {
  const ledger = new DwellLedger();
  const source = fakeSource();
  ledger.watch(source);
  ledger.watch(source); // watched once only
  const before = performance.now();
  source.busy(before - 20, before - 10); // before any dwell: outside
  const dwellStart = performance.now();
  await ledger.during(30, sleep(30));
  const dwellEnd = performance.now();
  // Straddles the dwell's end: only its first part is inside.
  source.busy(dwellEnd - 10, dwellEnd + 10);
  expect(ledger.ms).toBe(30);
  expect(ledger.insideOf(source)).toBeCloseTo(10, 0);
  // Covers the whole dwell: the dwell's length is inside.
  source.busy(dwellStart - 5, dwellEnd + 5);
  expect(ledger.insideOf(source)).toBeCloseTo(10 + (dwellEnd - dwellStart), 0);
  expect(ledger.insideOf(fakeSource())).toBe(0);
});

it("a busy interval ending during a dwell counts up to now; nested waits are one dwell", async () => {
  const ledger = new DwellLedger();
  const source = fakeSource();
  ledger.watch(source);
  let inner: Promise<void> = Promise.resolve();
  const outer = ledger.during(40, sleep(40));
  const opened = performance.now();
  await sleep(5);
  inner = ledger.during(10, sleep(10));
  source.busy(opened - 100, performance.now()); // ends while the dwell is open
  const inside = ledger.insideOf(source);
  expect(inside).toBeGreaterThan(3);
  expect(inside).toBeLessThan(40);
  await Promise.all([outer, inner]);
  expect(ledger.ms).toBe(50);
});

it("a wait cut short by a trip still closes its dwell and rejects", async () => {
  const ledger = new DwellLedger();
  await expect(ledger.during(1000, Promise.reject(new Error("tripped")))).rejects.toThrow(
    "tripped",
  );
  const source = fakeSource();
  ledger.watch(source);
  const now = performance.now();
  source.busy(now, now + 50);
  expect(ledger.insideOf(source)).toBe(0);
});
