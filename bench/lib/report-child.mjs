// Render junit.xml and report.html from a record, in a child process so /usr/bin/time sees its
// peak memory; prints the render time (ms) of writeReports alone.
import { importBuilt } from "./util.mjs";

const { writeReports } = await importBuilt("report/write-reports.js");

const [recordPath, outDir] = process.argv.slice(2);
const started = performance.now();
await writeReports(recordPath, outDir);
process.stdout.write(`${JSON.stringify({ renderMs: performance.now() - started })}\n`);
