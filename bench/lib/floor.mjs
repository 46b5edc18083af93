// Issue 14: the live procedure's wall time against its floor (required dwell + the busiest
// instrument's serialized command time), on the simulated bench of each bench file with its
// realistic latencies. Each run in its own process (bench/lib/floor-child.mjs); medians.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fmt, median, repoRoot } from "./util.mjs";

function runOnce(node, benchPath) {
  const child = spawnSync(node, [join(repoRoot, "bench/lib/floor-child.mjs"), benchPath], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 120_000,
  });
  const line = child.stdout.trim().split("\n").pop() ?? "";
  if (child.status !== 0 || !line.startsWith("{"))
    throw new Error(`floor run of ${benchPath} failed (exit ${child.status}): ${child.stderr}`);
  const result = JSON.parse(line);
  // A run that did not pass took another path: its time says nothing about the floor.
  if (result.exitCode !== 0)
    throw new Error(`the live run on ${benchPath} exited ${result.exitCode}, not 0`);
  return result;
}

export async function floorBench({ row, quick, node }) {
  const dir = join(repoRoot, "fixtures/benches");
  const runs = quick ? 3 : 5;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const loadBefore = loadavg()[0];
    const results = Array.from({ length: runs }, () => runOnce(node, join(dir, file)));
    const ratios = results.map((r) => r.wallMs / r.floorMs);
    const ratio = median(ratios);
    const strict = median(results.map((r) => r.wallMs / r.strictFloorMs));
    // The machine is shared: the spread of the runs and the 1-minute load say how noisy it was.
    const spread = `ratios ${fmt.ratio(Math.min(...ratios))}-${fmt.ratio(Math.max(...ratios))}, load ${loadBefore.toFixed(1)}-${loadavg()[0].toFixed(1)}`;
    const wall = median(results.map((r) => r.wallMs));
    const floor = median(results.map((r) => r.floorMs));
    const dwell = median(results.map((r) => r.dwellMs));
    const strictFloor = median(results.map((r) => r.strictFloorMs));
    const perStep = median(results.map((r) => r.perStepFloorMs));
    const perStepRatio = median(results.map((r) => r.wallMs / r.perStepFloorMs));
    const roles = Object.keys(results[0].busy);
    const of = (role, key) => median(results.map((r) => r.busy[role]?.[key] ?? 0));
    // Per instrument: busy ms (of it pacing holds), and busy ms outside the dwell.
    const busy = roles
      .map((role) => {
        const held = of(role, "heldMs");
        return `${role} ${fmt.ms(of(role, "ms"))}${held > 0 ? ` (held ${fmt.ms(held)})` : ""} / ${fmt.ms(of(role, "outsideDwellMs"))}`;
      })
      .join(", ");
    row(
      `live floor ${file.replace(/\.yaml$/, "")}`,
      `wall ms (median of ${runs}; ${spread}); floor = dwell ${fmt.ms(dwell)} + busiest busy (pacing holds counted); busy ms / outside the dwell: ${busy}`,
      fmt.ms(wall),
      `floor ${fmt.ms(floor)}`,
      fmt.ratio(ratio),
      "wall / floor <= 1.15",
      ratio <= 1.15,
    );
    // The floor above counts an instrument busy during a dwell twice (the safety monitor's polls
    // in the soak). Busy time outside the dwell cannot overlap it: per step, dwell + the busiest
    // instrument's busy time outside it, summed over the steps, is a lower bound of the wall
    // time (and dwell + the busiest outside it over the whole run a looser one).
    row(
      `live floor ${file.replace(/\.yaml$/, "")}`,
      `wall / per-step floor (each step's dwell + its busiest instrument outside the dwell, summed); whole-run bound (dwell + busiest outside it) ${fmt.ms(strictFloor)}, wall / it ${fmt.ratio(strict)}`,
      fmt.ms(wall),
      `per-step floor ${fmt.ms(perStep)}`,
      fmt.ratio(perStepRatio),
      "wall / per-step floor <= 1.15",
      perStepRatio <= 1.15,
    );
  }
}
