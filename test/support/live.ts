// Test helpers: a simulated bench on free ports with a station file pointing at it, and a log
// of what the supply received (to prove nothing switched it on).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import type { StationFile } from "../../src/generated/station.js";
import { runLive } from "../../src/live/run-live.js";
import type { EventLine, RecordLine, VerdictLine } from "../../src/run/record.js";
import {
  type FaultSpec,
  loadBenchFile,
  type SimBench,
  startSimBench,
} from "../../src/sim/index.js";
import { demoBenchFile, writeSimStation } from "../../src/station/sim-station.js";
import { repoRoot } from "../../src/util/repo-root.js";
import { xpoBin } from "./cli.js";

export interface TestBench {
  bench: SimBench;
  dir: string;
  /** Messages the supply received, in order. */
  supplyLog: string[];
  station(overrides?: Parameters<typeof writeSimStation>[2], name?: string): string;
  stop(): Promise<void>;
}

// Start a bench (demo module) at `speed`; each station written gets fast test timing. With a
// bench file (fixtures/benches/*.yaml) the bench speaks its dialects and stations drive them.
export async function startTestBench(
  options: { speed?: number; faults?: FaultSpec[]; benchFile?: string; config?: unknown } = {},
): Promise<TestBench> {
  const supplyLog: string[] = [];
  const file = options.benchFile === undefined ? undefined : loadBenchFile(options.benchFile);
  const bench = await startSimBench({
    configFile: demoBenchFile,
    portBase: 0,
    speed: options.speed ?? 50,
    ...(file ? { config: file.sim, roles: file.roles } : {}),
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(options.faults ? { faults: options.faults } : {}),
    log: (role, message) => {
      if (role === "supply") supplyLog.push(message);
    },
  });
  const dir = mkdtempSync(join(tmpdir(), "xpo-live-test-"));
  return {
    bench,
    dir,
    supplyLog,
    station(overrides = {}, name = "station.yaml") {
      const fast: Partial<StationFile> = { safety: { pollMs: 20 } as StationFile["safety"] };
      const dialects = file ? { ...file.station, omitRoles: file.omitRoles } : {};
      return writeSimStation(bench, dir, merge(merge(dialects, fast), overrides), name);
    },
    async stop() {
      await bench.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function merge<T>(a: T, b: unknown): T {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null)
    return (b ?? a) as T;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
  return out as T;
}

/** The test entry that runs the CLI and crashes it after a step (crash-after-step.ts). */
export const crashAfterStepEntry = join(repoRoot, "test", "support", "crash-after-step.ts");

// Run `xpo <args>` in a process that throws an uncaught exception once `step` completed.
export function runXpoCrashingAfter(step: string, args: string[]) {
  return execa(process.execPath, ["--import", "tsx", crashAfterStepEntry, ...args], {
    cwd: repoRoot,
    env: { NO_COLOR: "1", XPO_TEST_UNCAUGHT_AFTER_STEP: step },
    reject: false,
    timeout: 60_000,
    stdin: "ignore",
  });
}

// Whether the supply was ever told to switch its output on.
export function switchedOn(log: readonly string[]): boolean {
  return log.some((m) =>
    /^(:?CONF(IGURE)?:OUTP(UT)?|:?OUTP(UT)?(:STAT(E)?)?)\s+(ON|1)\b/i.test(m.trim()),
  );
}

// Read a record's lines.
export function readRecord(path: string): RecordLine[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as RecordLine);
}

export function eventsOf(lines: RecordLine[], kind?: string): EventLine[] {
  return lines.filter(
    (l): l is EventLine => l.type === "event" && (kind === undefined || l.kind === kind),
  );
}

/** A fault injected into the bench when a step starts (or before the run with `at: "start"`). */
export interface StepFault {
  at: string;
  fault: FaultSpec;
}

// Run the live procedure on `tb` with faults injected as steps start; the record and the bench.
export async function runWithFaults(
  tb: TestBench,
  faults: readonly StepFault[],
  overrides: Parameters<TestBench["station"]>[0] = {},
  dut = "SN-FAULT",
) {
  for (const f of faults) if (f.at === "start") tb.bench.faults.add(f.fault);
  const result = await runLive({
    stationFile: tb.station(overrides),
    dut,
    outDir: tb.dir,
    onStep: (step, phase) => {
      if (phase !== "start") return;
      for (const f of faults) if (f.at === step.id) tb.bench.faults.add(f.fault);
    },
  });
  const lines = readRecord(result.recordPath);
  return {
    result,
    lines,
    state: tb.bench.state(),
    trips: eventsOf(lines, "safety-trip"),
    offs: eventsOf(lines, "output-off"),
    verdicts: lines.filter((l): l is VerdictLine => l.type === "verdict"),
  };
}

// Poll the record until `predicate` holds for its lines.
export async function waitForRecord(
  path: string,
  predicate: (lines: RecordLine[]) => boolean,
  timeoutMs = 20_000,
) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(path)) {
      try {
        if (predicate(readRecord(path))) return;
      } catch {}
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`record ${path} never matched`);
}

// Start `xpo <args>` and return the child process (to signal it).
export function startXpo(args: string[]) {
  return execa(process.execPath, [xpoBin, ...args], {
    cwd: repoRoot,
    env: { NO_COLOR: "1" },
    reject: false,
    timeout: 60_000,
    stdin: "ignore",
  });
}
