// `xpo sim`: start the simulated XPO bench, print one line per instrument (role, identity,
// resource), serve until SIGINT or SIGTERM.
import type { Command } from "commander";
import { XpoError } from "../../model/errors.js";
import { ROLES } from "../../model/roles.js";
import {
  type FaultSpec,
  loadBenchFile,
  parseFault,
  type SimBench,
  startSimBench,
} from "../../sim/index.js";
import { parseLatency } from "../../sim/timing.js";
import { demoBenchFile } from "../../station/sim-station.js";
import type { CommandContext } from "../context.js";

interface SimFlags {
  portBase?: string;
  config?: string;
  speed?: string;
  fault: string[];
  pty: boolean;
  variant?: string;
  latency: string[];
  baud?: string;
  bench?: string;
}

// The config overrides the flags make: module variant, per-role latency, paced serial lines.
function overridesFrom(flags: SimFlags): Record<string, unknown> {
  const instruments: Record<string, Record<string, unknown>> = {};
  for (const [role, latency] of Object.entries(parseLatency(flags.latency)))
    instruments[role] = { latency };
  if (flags.baud !== undefined) {
    const baudRate = toNumber("baud", flags.baud, 1);
    for (const role of ROLES) instruments[role] = { ...instruments[role], serial: { baudRate } };
  }
  return {
    instruments,
    ...(flags.variant === undefined ? {} : { module: { variant: flags.variant } }),
  };
}

// The flags' overrides over a bench file's `sim` section (per-role settings merged one level).
function mergeOver(sim: Record<string, unknown>, flags: Record<string, unknown>) {
  const roles = { ...(sim.instruments as Record<string, object> | undefined) };
  for (const [role, extra] of Object.entries(flags.instruments as Record<string, object>))
    roles[role] = { ...roles[role], ...extra };
  return { ...sim, ...flags, instruments: roles };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function toNumber(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min)
    throw new XpoError("XPO_USAGE", `--${name} ${JSON.stringify(text)} must be a number >= ${min}`);
  return value;
}

export function register(program: Command, context: CommandContext): void {
  program
    .command("sim")
    .description(
      "serve a simulated XPO bench (supply, power meter, chiller, thermal, optical, BER)",
    )
    .option("-p, --port-base <n>", "first TCP port (supply); the others follow; 0 = free ports")
    .option("-c, --config <file>", "YAML merged over fixtures/sim/bench.yaml")
    .option("-s, --speed <x>", "virtual seconds per real second")
    .option(
      "-f, --fault <kind@role,...>",
      "inject a fault, e.g. stall@supply,match=MEAS:VOLT?",
      collect,
      [],
    )
    .option("--pty", "also serve every instrument on a pseudo-terminal (needs socat)", false)
    .option("--variant <name>", "module optics variant (see module.variants in the config)")
    .option(
      "--latency <spec>",
      "reply latency: <role>=<ms>[+<jitter ms>] or <role>:<command>=<ms> (repeatable)",
      collect,
      [],
    )
    .option("--baud <rate>", "with --pty: pace the serial lines at this baud rate")
    .option(
      "--bench <file>",
      "serve a bench file's dialects (fixtures/benches/*.yaml) over the demo bench; not with --config",
    )
    .action(async (flags: SimFlags) => {
      const faults: FaultSpec[] = flags.fault.map(parseFault);
      if (flags.bench !== undefined && flags.config !== undefined)
        throw new XpoError("XPO_USAGE", "--bench and --config cannot be used together", {
          remedy: "A bench file's `sim` section is merged over the demo bench: put settings there.",
        });
      const benchFile = flags.bench === undefined ? undefined : loadBenchFile(flags.bench);
      const overrides = overridesFrom(flags);
      const bench: SimBench = await startSimBench({
        ...(flags.config === undefined ? {} : { configFile: flags.config }),
        ...(benchFile === undefined ? {} : { configFile: demoBenchFile, roles: benchFile.roles }),
        ...(flags.portBase === undefined
          ? {}
          : { portBase: toNumber("port-base", flags.portBase, 0) }),
        ...(flags.speed === undefined ? {} : { speed: toNumber("speed", flags.speed, 0) }),
        config: benchFile === undefined ? overrides : mergeOver(benchFile.sim, overrides),
        faults,
        pty: flags.pty,
        ...(process.env.XPO_SIM_LOG
          ? { log: (role, message) => context.stderr.write(`${role} <- ${message}\n`) }
          : {}),
      });
      for (const i of bench.instruments) {
        const serial = i.serialResource === undefined ? "" : `\t${i.serialResource}`;
        context.stdout.write(`${i.role}\t${i.identity}\t${i.resource}${serial}\n`);
      }
      context.stderr.write(
        `xpo sim: serving ${bench.instruments.length} instruments (module ${bench.config.module.variant}, speed ${bench.clock.getSpeed()}x); Ctrl-C to stop\n`,
      );
      await new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
      await bench.stop();
      context.exitCode = 0;
    });
}
