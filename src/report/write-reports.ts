// Render junit.xml and report.html from a run record on disk. Called by `xpo report`, and by
// `xpo validate` / `xpo run` after they write run.jsonl. The record is read once, streaming.
import { mkdir, open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderHtml } from "./html.js";
import { GITLAB_JUNIT_LIMIT_BYTES, renderJunitChunks } from "./junit.js";
import { loadRecord } from "./load-record.js";
import type { RunModel } from "./run-model.js";

export { renderHtml } from "./html.js";
export { renderJunit, renderJunitChunks } from "./junit.js";
export { loadRecord } from "./load-record.js";
export { buildRunModel, type RunModel } from "./run-model.js";

export interface WrittenReports {
  junitPath: string;
  htmlPath: string;
  /** For the terminal: record notes (truncated last line, incomplete run) and size warnings. */
  warnings: string[];
}

// Read the record at recordPath and write junit.xml and report.html into outDir.
export async function writeReports(recordPath: string, outDir: string): Promise<WrittenReports> {
  const run = await loadRecord(recordPath);
  return writeReportsForRun(run, outDir);
}

// Write both reports for a run already in memory.
export async function writeReportsForRun(run: RunModel, outDir: string): Promise<WrittenReports> {
  await mkdir(outDir, { recursive: true });
  const junitPath = join(outDir, "junit.xml");
  const htmlPath = join(outDir, "report.html");
  const junit = renderJunitChunks(run);
  const junitBytes = junit.reduce((sum, chunk) => sum + chunk.length, 0);
  await writeChunks(junitPath, junit);
  await writeFile(htmlPath, renderHtml(run));
  const warnings = [...run.warnings];
  const tooLarge = getJunitSizeWarning(junitBytes, run.subjects.length);
  if (tooLarge) warnings.push(tooLarge);
  return { junitPath, htmlPath, warnings };
}

// Write chunks to a file in order, replacing it.
async function writeChunks(path: string, chunks: readonly Buffer[]): Promise<void> {
  const file = await open(path, "w");
  try {
    for (let i = 0; i < chunks.length; i += 512) await file.writev(chunks.slice(i, i + 512));
  } finally {
    await file.close();
  }
}

// The GitLab size warning, or undefined. The full file is still written: never a truncated one.
export function getJunitSizeWarning(bytes: number, subjects: number): string | undefined {
  if (bytes <= GITLAB_JUNIT_LIMIT_BYTES) return undefined;
  const mb = (bytes / 1e6).toFixed(1);
  const parts = Math.ceil(bytes / (GITLAB_JUNIT_LIMIT_BYTES * 0.8));
  return [
    `junit.xml is ${mb} MB (${subjects} subjects): GitLab refuses JUnit reports over 30 MB and would show no test results (Jenkins and GitHub accept it). The full file was written.`,
    `To stay under the limit, split the run into about ${parts} parts, e.g. one per folder: npx xpo validate datasheets/<vendor>/ --out reports/<vendor>/ (each writes its own junit.xml; list them all under artifacts:reports:junit), or shard vitest suites with vitest run --shard=1/${parts}.`,
  ].join("\n  ");
}
