// Benchmark report rendering on synthetic records. After `npm run build`:
//   node --import tsx test/support/bench-reports.ts [datasheets=1000,10000] [readings=1000000]
// Prints wall and CPU time of writeReports (read record + junit.xml + report.html) and sizes.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeReports } from "../../src/report/write-reports.js";
import type { RecordLine } from "../../src/run/record.js";
import { createSyntheticLiveRecord } from "./synthetic-live-record.js";
import { writeRecord } from "./synthetic-record.js";
import { createSyntheticValidateRecord } from "./synthetic-validate-record.js";

async function measure(label: string, lines: RecordLine[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "xpo-bench-"));
  try {
    const record = join(dir, "run.jsonl");
    await writeRecord(lines, record);
    const runs: { wall: number; cpu: number }[] = [];
    let sizes = "";
    for (let i = 0; i < 3; i++) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const written = await writeReports(record, dir);
      const used = process.cpuUsage(cpu);
      runs.push({ wall: performance.now() - started, cpu: (used.user + used.system) / 1000 });
      const [r, j, h] = await Promise.all([
        stat(record),
        stat(written.junitPath),
        stat(written.htmlPath),
      ]);
      sizes = `run.jsonl ${mb(r.size)}, junit.xml ${mb(j.size)}, report.html ${mb(h.size)}`;
    }
    const best = runs.reduce((a, b) => (b.wall < a.wall ? b : a));
    console.log(
      `${label}: ${Math.round(best.wall)} ms wall, ${Math.round(best.cpu)} ms CPU (best of 3); ${sizes}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

const datasheets = (process.argv[2] ?? "1000,10000").split(",").map(Number);
const readings = Number(process.argv[3] ?? 1_000_000);
for (const n of datasheets) {
  await measure(`${n} datasheets`, createSyntheticValidateRecord({ datasheets: n }));
}
await measure(`live, ${readings} readings`, createSyntheticLiveRecord({ readings }));
