// Test helper: one role of the simulated bench speaking a vendor dialect, and the driver the
// station would open for it (over a real socket, or a real pty through socat).
import type { Instrument, StationFile } from "../../src/generated/station.js";
import type { RoleDriver } from "../../src/instruments/driver.js";
import { openDriver } from "../../src/instruments/open-instruments.js";
import type { Role } from "../../src/model/roles.js";
import { type SimBench, startSimBench } from "../../src/sim/index.js";
import { demoBenchFile } from "../../src/station/sim-station.js";

export interface DialectBench<D extends RoleDriver> {
  bench: SimBench;
  driver: D;
  /** Open a second driver on the same instrument (e.g. with other station settings). */
  open(station?: Partial<Instrument>): Promise<D>;
  stop(): Promise<void>;
}

export interface DialectOptions {
  /** Bench config merged over the demo bench (e.g. the supply's address). */
  config?: Record<string, unknown>;
  /** Station settings of the instrument besides resource and driver. */
  station?: Partial<Instrument>;
  /** Serve on a pty and open it as a serial port. */
  pty?: boolean;
  speed?: number;
  /** Bench roles besides `role` (e.g. the supply, so the model has a running module). */
  with?: Role[];
}

// Start `role` speaking `dialect` and open `driver` on it (prepared, as a run would).
export async function startDialect<D extends RoleDriver>(
  role: Role,
  dialect: string,
  driver: string,
  options: DialectOptions = {},
): Promise<DialectBench<D>> {
  const bench = await startSimBench({
    configFile: demoBenchFile,
    portBase: 0,
    speed: options.speed ?? 50,
    roles: [role, ...(options.with ?? [])],
    pty: options.pty ? [role] : false,
    config: {
      ...options.config,
      instruments: {
        ...(options.config?.instruments as object),
        [role]: {
          dialect,
          ...((options.config?.instruments as Record<string, object> | undefined)?.[role] ?? {}),
        },
      },
    },
  });
  const info = bench.get(role);
  const resource = options.pty ? (info.serialResource as string) : info.resource;
  const station = {
    file: "dialect-test-station.yaml",
    dir: process.cwd(),
    config: { instruments: {} } as unknown as StationFile,
  };
  const opened: RoleDriver[] = [];
  const open = async (extra: Partial<Instrument> = {}) => {
    const config = { resource, driver, ...options.station, ...extra } as Instrument;
    const { driver: d } = await openDriver(station, role, config);
    opened.push(d);
    await d.prepare();
    return d as D;
  };
  try {
    return {
      bench,
      driver: await open(),
      open,
      async stop() {
        await Promise.all(opened.map((d) => d.close().catch(() => {})));
        await bench.stop();
      },
    };
  } catch (error) {
    await bench.stop();
    throw error;
  }
}

// Switch the simulated module on directly (no supply driver needed), so lanes carry light.
export function powerModule(bench: SimBench, volts = 48): void {
  bench.model.change(() => {
    bench.model.supply.voltageSetpoint = volts;
    bench.model.supply.currentLimit = 10;
    bench.model.supply.output = true;
  });
}

/** What each message fault must become: a typed error, never a number or a hang. */
export const faultCodes = {
  stall: "XPO_INSTRUMENT_TIMEOUT",
  garbage: "XPO_INSTRUMENT_PROTOCOL",
  drop: "XPO_INSTRUMENT_DISCONNECTED",
} as const;

// Inject each message fault once on `match` and return the error code each read failed with,
// then the value of one more read (the driver recovers: reconnect, resync).
export async function readUnderFaults<T>(
  db: DialectBench<RoleDriver>,
  role: Role,
  match: string,
  read: () => Promise<T>,
): Promise<{ codes: Record<keyof typeof faultCodes, string | undefined>; after: T }> {
  const codes = {} as Record<keyof typeof faultCodes, string | undefined>;
  for (const kind of Object.keys(faultCodes) as (keyof typeof faultCodes)[]) {
    const id = db.bench.faults.add({ kind, role, match, count: 1 });
    codes[kind] = await read().then(
      () => undefined,
      (error: { code?: string }) => error.code ?? String(error),
    );
    db.bench.faults.remove(id);
  }
  return { codes, after: await read() };
}
