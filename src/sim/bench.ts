// startSimBench: the whole simulated bench in-process (tests, `xpo sim`, `xpo demo`).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROLES, type Role } from "../model/roles.js";
import { BenchModel, type BenchSnapshot } from "./bench-model.js";
import { VirtualClock } from "./clock.js";
import { type BenchConfig, loadBenchConfig, loadCoolant } from "./config.js";
import { FaultSet, type FaultSpec } from "./faults.js";
import { createInstrument } from "./instruments.js";
import { type PtyBridge, startPtyBridge } from "./pty.js";
import type { ScpiInstrument } from "./scpi-engine.js";
import { type InstrumentServer, serveInstrument } from "./server.js";

export interface SimBenchOptions {
  /** YAML file merged over fixtures/sim/bench.yaml. */
  configFile?: string;
  /** Partial config merged last (tests). */
  config?: unknown;
  /** First port (supply); the others follow. 0 = ephemeral ports. */
  portBase?: number;
  /** Virtual seconds per real second. */
  speed?: number;
  /** Faults active from the start (added to the config file's). */
  faults?: FaultSpec[];
  /** Also serve these roles on pseudo-terminals (needs socat). */
  pty?: Role[] | boolean;
  /** Only start these roles (default all six). */
  roles?: Role[];
  /** Called with every message an instrument receives (debugging). */
  log?: (role: Role, message: string) => void;
}

export interface SimInstrumentInfo {
  role: Role;
  identity: string;
  /** TCPIP0::127.0.0.1::<port>::SOCKET */
  resource: string;
  port: number;
  /** ASRL<pty>::INSTR when served on a pty. */
  serialResource?: string;
  /** The TCP port the pty bridges to (its own, byte-paced, when serial.baudRate is set). */
  serialPort?: number;
}

export interface SimBench {
  instruments: SimInstrumentInfo[];
  /** Look up one instrument's info by role. */
  get(role: Role): SimInstrumentInfo;
  config: BenchConfig;
  clock: VirtualClock;
  faults: FaultSet;
  model: BenchModel;
  /** The SCPI engines, e.g. to inspect an error queue. */
  engines: Partial<Record<Role, ScpiInstrument>>;
  /** Module, supply and coolant state now. */
  state(): BenchSnapshot;
  stop(): Promise<void>;
}

// Start the bench; resolves once every port (and pty) is ready.
export async function startSimBench(options: SimBenchOptions = {}): Promise<SimBench> {
  const config = loadBenchConfig(options.configFile, options.config ?? {});
  const clock = new VirtualClock(options.speed ?? config.clock.speed);
  const faults = new FaultSet();
  for (const f of [...config.faults, ...(options.faults ?? [])]) faults.add(f);
  const model = new BenchModel(config, loadCoolant(config.coolant.fluid), clock, faults);
  const base = options.portBase ?? config.ports.base;
  const host = config.ports.host;
  const servers: InstrumentServer[] = [];
  const bridges: PtyBridge[] = [];
  let ptyDir: string | undefined;
  const engines: Partial<Record<Role, ScpiInstrument>> = {};
  const instruments: SimInstrumentInfo[] = [];
  const stop = async () => {
    await Promise.all(bridges.map((b) => b.close()));
    await Promise.all(servers.map((s) => s.close()));
    if (ptyDir !== undefined) rmSync(ptyDir, { recursive: true, force: true });
  };
  try {
    const selected = options.roles ?? [...ROLES];
    const ptyRoles =
      options.pty === true ? selected : options.pty === false ? [] : (options.pty ?? []);
    for (const role of selected) {
      const engine = createInstrument(role, model);
      engines[role] = engine;
      const port = base === 0 ? 0 : base + ROLES.indexOf(role);
      const server = await serveInstrument(role, engine, faults, host, port, options.log);
      servers.push(server);
      const baudRate = config.instruments[role].serial?.baudRate;
      const info: SimInstrumentInfo = {
        role,
        identity: engine.identity,
        resource: `TCPIP0::${host}::${server.port}::SOCKET`,
        port: server.port,
      };
      if (ptyRoles.includes(role)) {
        ptyDir ??= mkdtempSync(join(tmpdir(), "xpo-sim-"));
        // A paced serial line gets its own listener, so the TCP path stays unpaced.
        const line =
          baudRate === undefined
            ? server
            : await serveInstrument(role, engine, faults, host, 0, options.log, baudRate);
        if (line !== server) servers.push(line);
        const bridge = await startPtyBridge(line.port, join(ptyDir, `tty-${role}`));
        bridges.push(bridge);
        info.serialResource = `ASRL${bridge.path}::INSTR`;
        info.serialPort = line.port;
      }
      instruments.push(info);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    instruments,
    get(role) {
      const found = instruments.find((i) => i.role === role);
      if (found === undefined) throw new Error(`the bench has no ${role}`);
      return found;
    },
    config,
    clock,
    faults,
    model,
    engines,
    state: () => model.snapshot(),
    stop,
  };
}
