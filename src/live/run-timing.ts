// How close a live run came to its floor: the required dwell and settling the procedure asked
// for, plus the busiest instrument's serialized command time. Everything else (commands to the
// other instruments, the safety monitor's polls) can overlap with those, so wall time / floor
// says how much the run lost to waiting on itself (docs/performance.md, issue 14).
import type { RoleDriver } from "../instruments/driver.js";
import type { Instruments } from "../instruments/open-instruments.js";
import { ROLES, type Role } from "../model/roles.js";

export interface RunTiming {
  /** Real ms of required dwell and settling (soak, settle) the procedure waited. */
  dwellMs: number;
  /** Per role: real ms its session spent executing commands, and how many. */
  busy: Partial<Record<Role, { ms: number; operations: number }>>;
  /** dwellMs plus the busiest instrument's busy ms. */
  floorMs: number;
}

// The run's timing from its instruments' sessions (one instrument in two roles counts once).
export function runTiming(instruments: Instruments, dwellMs: number): RunTiming {
  const busy: RunTiming["busy"] = {};
  const seen = new Set<unknown>();
  const byRole = instruments as Partial<Record<Role, RoleDriver>>;
  for (const role of ROLES) {
    const driver = byRole[role];
    if (driver === undefined || seen.has(driver.session)) continue;
    seen.add(driver.session);
    busy[role] = { ms: driver.session.busy.ms, operations: driver.session.busy.operations };
  }
  const busiest = Math.max(0, ...Object.values(busy).map((b) => b.ms));
  return { dwellMs, busy, floorMs: dwellMs + busiest };
}
