// The simulator in its own process (so no client shares its event loop): prints the bench's
// instruments as one JSON line, then serves until stdin closes.
import { importBuilt } from "./util.mjs";

const { startSimBench } = await importBuilt("sim/index.js");

const pty = process.argv.includes("--pty") ? ["supply"] : [];
// --baud N: pace the pty's line at N baud (10 bit times per byte), as a real serial port does.
const baudAt = process.argv.indexOf("--baud");
const baudRate = baudAt < 0 ? undefined : Number(process.argv[baudAt + 1]);
const config = baudRate ? { instruments: { supply: { serial: { baudRate } } } } : {};
const bench = await startSimBench({ portBase: 0, roles: ["supply"], pty, config });
process.stdout.write(`${JSON.stringify(bench.instruments)}\n`);
process.stdin.resume();
process.stdin.on("end", async () => {
  await bench.stop();
  process.exit(0);
});
