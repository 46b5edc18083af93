// One live run against the simulated bench of a bench file (its realistic latencies), the
// simulator in a process of its own (bench/lib/floor-sim.mjs): prints wall ms, the floor
// (required dwell + the busiest instrument's busy time), the strict floor (dwell + the busiest
// busy time outside the dwell) and each instrument's busy time as one JSON line (issue 14,
// `npm run bench -- --only=floor`).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { importBuilt } from "./util.mjs";

const [benchPath, speedArg] = process.argv.slice(2);
const { loadBenchFile } = await importBuilt("sim/index.js");
const { writeSimStation } = await importBuilt("station/sim-station.js");
const { runLive } = await importBuilt("live/run-live.js");

// Start the simulator process and read the line naming its instruments.
async function startSimProcess() {
  const script = fileURLToPath(new URL("./floor-sim.mjs", import.meta.url));
  const child = spawn(process.execPath, [script, benchPath, speedArg ?? "50"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const [first] = await Promise.race([
    new Promise((resolve) => lines.once("line", (line) => resolve([line]))),
    new Promise((_, reject) =>
      child.once("exit", (code) => reject(new Error(`sim exited ${code}`))),
    ),
  ]);
  const { instruments, speed } = JSON.parse(first);
  const stop = () => new Promise((resolve) => child.once("exit", resolve) && child.stdin.end());
  return { bench: { instruments, clock: { getSpeed: () => speed } }, stop };
}

const benchFile = loadBenchFile(benchPath);
const out = mkdtempSync(join(tmpdir(), "xpo-floor-"));
const sim = await startSimProcess();
try {
  const stationFile = writeSimStation(sim.bench, out, {
    ...benchFile.station,
    omitRoles: benchFile.omitRoles ?? [],
  });
  const started = performance.now();
  const steps = [];
  const onStep = process.env.FLOOR_STEPS
    ? (step, phase) => steps.push(`${step.id} ${phase} ${Math.round(performance.now() - started)}`)
    : undefined;
  const result = await runLive({ stationFile, dut: "SIM-0001", outDir: out, kind: "demo", onStep });
  if (onStep) process.stderr.write(`${steps.join("\n")}\n`);
  const wallMs = performance.now() - started;
  process.stdout.write(
    `${JSON.stringify({ wallMs, exitCode: result.exitCode, counts: result.counts, ...result.timing })}\n`,
  );
} finally {
  await sim.stop();
  rmSync(out, { recursive: true, force: true });
}
