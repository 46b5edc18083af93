// How close a live run came to its floor: the required dwell and settling the procedure asked
// for, plus the busiest instrument's serialized command time (its commands and the holds its
// dialect's pacing needs). Everything else (commands to the other instruments, the safety
// monitor's polls) can overlap with those, so wall time / floor says how much the run lost to
// waiting on itself (docs/performance.md, issue 14). The strict floors count only busy time
// outside the dwell, which cannot overlap it: the wall time is never below them.
import type { RoleDriver } from "../instruments/driver.js";
import type { Instruments } from "../instruments/open-instruments.js";
import { ROLES, type Role } from "../model/roles.js";
import type { TimingLedger } from "./timing-ledger.js";

/** One instrument's share of the run. */
interface InstrumentTime {
  /** Real ms its session spent executing commands or held by its dialect's pacing. */
  ms: number;
  operations: number;
  /** The part of `ms` that was pacing holds (Julabo OUT gaps). */
  heldMs: number;
  /** The part of `ms` that fell outside the procedure's dwell. */
  outsideDwellMs: number;
}

export interface RunTiming {
  /** Real ms of required dwell and settling (soak, settle) the procedure waited. */
  dwellMs: number;
  /** Per role (one instrument in two roles counts once). */
  busy: Partial<Record<Role, InstrumentTime>>;
  /** dwellMs plus the busiest instrument's busy ms (issue 14's floor). */
  floorMs: number;
  /** dwellMs plus the largest busy ms outside the dwell: a lower bound of the wall time. */
  strictFloorMs: number;
  /** Per step, its dwell plus the busiest instrument's busy ms outside it, summed: a tighter
   * lower bound (the bottleneck changes from step to step). */
  perStepFloorMs: number;
}

// The run's timing from its instruments' sessions and the dwell it waited.
export function runTiming(instruments: Instruments, ledger: TimingLedger): RunTiming {
  const busy: RunTiming["busy"] = {};
  const seen = new Set<unknown>();
  const byRole = instruments as Partial<Record<Role, RoleDriver>>;
  for (const role of ROLES) {
    const session = byRole[role]?.session;
    if (session === undefined || seen.has(session)) continue;
    seen.add(session);
    const { ms, operations, heldMs } = session.busy;
    busy[role] = { ms, operations, heldMs, outsideDwellMs: ms - ledger.insideOf(session) };
  }
  const times = Object.values(busy);
  const busiest = Math.max(0, ...times.map((b) => b.ms));
  const busiestOutside = Math.max(0, ...times.map((b) => b.outsideDwellMs));
  return {
    dwellMs: ledger.ms,
    busy,
    floorMs: ledger.ms + busiest,
    strictFloorMs: ledger.ms + busiestOutside,
    perStepFloorMs: ledger.perStepFloorMs(),
  };
}
