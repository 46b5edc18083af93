// One live run on the simulated bench of a bench file (its realistic latencies), in its own
// process: prints wall ms, the floor (required dwell + the busiest instrument's busy time) and
// each instrument's busy time as one JSON line (issue 14, `npm run bench -- --only=floor`).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importBuilt } from "./util.mjs";

const [benchPath, speedArg] = process.argv.slice(2);
const { loadBenchFile, startSimBench } = await importBuilt("sim/index.js");
const { demoBenchFile, writeSimStation } = await importBuilt("station/sim-station.js");
const { runLive } = await importBuilt("live/run-live.js");

const benchFile = loadBenchFile(benchPath);
const out = mkdtempSync(join(tmpdir(), "xpo-floor-"));
const bench = await startSimBench({
  configFile: demoBenchFile,
  portBase: 0,
  speed: Number(speedArg ?? 50),
  config: benchFile.sim,
  roles: benchFile.roles,
});
try {
  const stationFile = writeSimStation(bench, out, {
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
  await bench.stop();
  rmSync(out, { recursive: true, force: true });
}
