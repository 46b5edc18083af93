// The shared state of the SCPI session suite (session-suite.ts): the bench, the supply session,
// what the instruments received, and the typed-error expectation every group uses.
import { expect } from "vitest";
import type { Role } from "../../src/model/roles.js";
import { type ErrorCheck, openSession, type ScpiSession } from "../../src/scpi/session.js";
import type { FaultSpec } from "../../src/sim/faults.js";
import type { SimBench } from "../../src/sim/index.js";

export const faultTimeoutMs = 400;

export interface SuiteOptions {
  /** Resource string for a role on this path. */
  resource: (bench: SimBench, role: Role) => string;
  pty: boolean;
}

// Expect `promise` to reject with `code` naming instrument and command, within the timeout.
export async function expectTypedError(
  promise: Promise<unknown>,
  code: string | string[],
  instrument: string,
  command: string,
  budgetMs = faultTimeoutMs * 2 + 300,
): Promise<Error> {
  const started = Date.now();
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e as Error,
  );
  const codes = Array.isArray(code) ? code : [code];
  expect(codes).toContain((error as { code?: string }).code);
  expect((error as { location?: unknown }).location).toMatchObject({ instrument, command });
  expect(Date.now() - started).toBeLessThan(budgetMs);
  return error;
}

/** What the suite's test groups share: the bench, the supply session and helpers. */
export interface SuiteContext {
  bench: SimBench;
  supply: ScpiSession;
  pty: boolean;
  /** Every program message the simulated instruments received, as "role: message". */
  seen: string[];
  seenBy(role: Role): string[];
  open(role: Role, errorCheck?: ErrorCheck): Promise<ScpiSession>;
  /** A session with errorCheck "off" (on the pty path, the supply session itself). */
  openRaw(): Promise<ScpiSession>;
  closeRaw(raw: ScpiSession): Promise<void>;
  inject(spec: Omit<FaultSpec, "role"> & { role?: Role }): number;
}

// The suite's shared state; bench and supply are filled in by its beforeAll.
export function createContext(options: SuiteOptions): SuiteContext {
  const ctx = {
    pty: options.pty,
    seen: [] as string[],
    seenBy: (role: Role) =>
      ctx.seen.filter((m) => m.startsWith(`${role}: `)).map((m) => m.slice(role.length + 2)),
    open: (role: Role, errorCheck: ErrorCheck = "each") =>
      openSession(options.resource(ctx.bench, role), {
        name: role,
        timeoutMs: faultTimeoutMs,
        errorCheck,
      }),
    // A serial port has one user at a time: on the pty path reuse the supply session.
    openRaw: async (): Promise<ScpiSession> => {
      if (!options.pty) return ctx.open("supply", "off");
      ctx.supply.errorCheck = "off";
      return ctx.supply;
    },
    closeRaw: async (raw: ScpiSession) => {
      if (raw === ctx.supply) ctx.supply.errorCheck = "each";
      else await raw.close();
    },
    inject: (spec: Omit<FaultSpec, "role"> & { role?: Role }) =>
      ctx.bench.faults.add({ role: "supply", ...spec } as FaultSpec),
  } as SuiteContext;
  return ctx;
}
