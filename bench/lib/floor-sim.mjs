// The simulated bench of one bench file in its own process, as a real bench's instruments are
// separate devices: the procedure under test never shares its event loop (and its CPU time)
// with the instruments' models. Prints the instruments and the clock's speed as one JSON line,
// then serves until stdin closes (bench/lib/floor-child.mjs).
import { importBuilt } from "./util.mjs";

const [benchPath, speedArg] = process.argv.slice(2);
const { loadBenchFile, startSimBench } = await importBuilt("sim/index.js");
const { demoBenchFile } = await importBuilt("station/sim-station.js");

const benchFile = loadBenchFile(benchPath);
const bench = await startSimBench({
  configFile: demoBenchFile,
  portBase: 0,
  speed: Number(speedArg ?? 50),
  config: benchFile.sim,
  roles: benchFile.roles,
});
process.stdout.write(
  `${JSON.stringify({ instruments: bench.instruments, speed: bench.clock.getSpeed() })}\n`,
);
process.stdin.resume();
process.stdin.on("end", async () => {
  await bench.stop();
  process.exit(0);
});
