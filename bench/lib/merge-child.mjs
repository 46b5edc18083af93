// Merge run records into one set of reports (`xpo report a b c ...`), in a child process so
// /usr/bin/time sees its peak memory; prints the merge time (ms) of mergeRecords alone.
import { importBuilt } from "./util.mjs";

const { mergeRecords } = await importBuilt("report/merge-records.js");

const [outDir, ...records] = process.argv.slice(2);
const started = performance.now();
await mergeRecords(records, outDir);
process.stdout.write(`${JSON.stringify({ renderMs: performance.now() - started })}\n`);
