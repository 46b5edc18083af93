// The simulator in its own process (so no client shares its event loop): prints the bench's
// instruments as one JSON line, then serves until stdin closes.
import { startSimBench } from "../../src/sim/index.ts";

const pty = process.argv.includes("--pty") ? ["supply"] : [];
const bench = await startSimBench({ portBase: 0, roles: ["supply"], pty });
process.stdout.write(`${JSON.stringify(bench.instruments)}\n`);
process.stdin.resume();
process.stdin.on("end", async () => {
  await bench.stop();
  process.exit(0);
});
