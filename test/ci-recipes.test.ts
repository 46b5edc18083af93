// The sharding recipes of docs/ci.md, run as far as this machine allows: the GitHub Actions
// matrix and the GitLab parallel jobs run their shard commands as written (one workspace per
// job), their artifacts are copied where the recipe's download step or `needs:` puts them, and
// the merge job's commands run as written. The lab recipe runs its `xpo run` positions against
// simulated benches. Only `npx xpo` is pointed at this checkout's build.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { SimBench } from "../src/sim/bench.js";
import { writeSimStation } from "../src/station/sim-station.js";
import { repoRoot } from "../src/util/repo-root.js";
import { xpoBin } from "./support/cli.js";
import { startTestBench, type TestBench } from "./support/live.js";
import { digestJunit } from "./support/shards.js";

const doc = readFileSync(join(repoRoot, "docs/ci.md"), "utf8");
const root = mkdtempSync(join(tmpdir(), "xpo-ci-recipes-"));

// The first fenced block of `lang` after the heading.
function blockAfter(heading: string, lang: string): string {
  const at = doc.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`docs/ci.md has no heading ${heading}`);
  const open = doc.indexOf(`\n\`\`\`${lang}\n`, at);
  const start = open + lang.length + 5;
  return doc.slice(start, doc.indexOf("\n```\n", start));
}

// Run one recipe command in a workspace, as CI's shell would, with `npx xpo` this build's.
async function sh(command: string, cwd: string, env: Record<string, string> = {}) {
  const script = command.replaceAll("npx xpo", `"${process.execPath}" "${xpoBin}"`);
  return execa("bash", ["-e", "-c", script], {
    cwd,
    env: { NO_COLOR: "1", ...env },
    reject: false,
  });
}

// A job's workspace: the datasheets a checkout would hold (every fixture: a limit fails).
function workspace(name: string): string {
  const ws = join(root, name);
  mkdirSync(join(ws, "datasheets"), { recursive: true });
  cpSync(join(repoRoot, "fixtures/datasheets"), join(ws, "datasheets"), { recursive: true });
  return ws;
}

/** GitHub's expression for the matrix value, as the workflow writes it. */
const MATRIX_SHARD = ["$", "{{ matrix.shard }}"].join("");
const notInstall = (command: string) => command.trim() !== "npm ci";
let unsharded: { code: number | undefined; junit: string };

beforeAll(async () => {
  const ws = workspace("unsharded");
  const run = await sh("npx xpo validate datasheets/ --out reports/ --no-progress", ws);
  unsharded = { code: run.exitCode, junit: join(ws, "reports", "junit.xml") };
  expect(unsharded.code).toBe(1);
}, 60_000);

interface GithubStep {
  run?: string;
  uses?: string;
  with?: { path?: string };
}

describe("GitHub Actions: matrix of shards, then the merge job", () => {
  const workflow = parse(
    blockAfter("### GitHub Actions: a matrix of shards and a merge job", "yaml"),
  );
  const shardJob = workflow.jobs.shard as {
    strategy: { matrix: { shard: number[] } };
    steps: GithubStep[];
  };
  const mergeJob = workflow.jobs.merge as { needs: string; steps: GithubStep[] };

  // Run the shard jobs (all, or those `uploaded` keeps), then the merge job; its last exit code.
  async function runWorkflow(name: string, uploaded = (_shard: number) => true) {
    const merge = workspace(`${name}-merge`);
    for (const shard of shardJob.strategy.matrix.shard) {
      const ws = workspace(`${name}-shard-${shard}`);
      for (const step of shardJob.steps) {
        if (step.run && notInstall(step.run)) {
          const run = await sh(step.run.replaceAll(MATRIX_SHARD, String(shard)), ws);
          expect(run.exitCode, run.stderr).toBe(0);
        }
        // upload-artifact, then the merge job's download-artifact with merge-multiple.
        if (
          step.uses?.startsWith("actions/upload-artifact") &&
          step.with?.path &&
          uploaded(shard)
        ) {
          const download = mergeJob.steps.find((s) =>
            s.uses?.startsWith("actions/download-artifact"),
          );
          cpSync(join(ws, step.with.path), join(merge, download?.with?.path ?? "."), {
            recursive: true,
          });
        }
      }
    }
    let last: Awaited<ReturnType<typeof sh>> | undefined;
    for (const step of mergeJob.steps)
      if (step.run && notInstall(step.run)) last = await sh(step.run, merge);
    return { merge, last };
  }

  it("gives the unsharded verdicts and exit code, in the files the publish steps name", async () => {
    expect(shardJob.strategy.matrix.shard).toEqual([1, 2, 3]);
    const { merge, last } = await runWorkflow("gh");
    expect(last?.exitCode, last?.stderr).toBe(unsharded.code);
    expect(last?.stderr).toMatch(/merged 3 record\(s\)/);
    const junitStep = mergeJob.steps.find((s) =>
      s.uses?.startsWith("mikepenz/action-junit-report"),
    );
    const junit = join(
      merge,
      (junitStep?.with as { report_paths?: string } | undefined)?.report_paths ?? "?",
    );
    expect(digestJunit(junit, (n) => n.startsWith("merge of "))).toEqual(
      digestJunit(unsharded.junit),
    );
    const upload = mergeJob.steps.find((s) => s.uses?.startsWith("actions/upload-artifact"));
    expect(existsSync(join(merge, upload?.with?.path ?? "?", "report.html"))).toBe(true);
  }, 120_000);

  it("fails the merge, naming the shard, when one shard's artifact never arrived", async () => {
    const { last } = await runWorkflow("gh-lost", (shard) => shard !== 2);
    expect(last?.exitCode).toBe(2);
    expect(last?.stderr).toContain("SHARD MISSING: no record of shard 2/3");
  }, 120_000);
});

describe("GitLab CI: parallel shards, then the merge stage", () => {
  const pipeline = parse(blockAfter("### GitLab CI: parallel shards and a merge stage", "yaml"));
  const shardJob = pipeline["validate-shard"] as {
    parallel: number;
    script: string[];
    artifacts: { paths: string[] };
  };
  const mergeJob = pipeline["merge-reports"] as {
    needs: { job: string }[];
    script: string[];
    artifacts: { reports: { junit: string } };
  };

  it("gives the unsharded verdicts and exit code in the junit report GitLab reads", async () => {
    expect(mergeJob.needs.map((n) => n.job)).toEqual(["validate-shard"]);
    const merge = workspace("gl-merge");
    for (let index = 1; index <= shardJob.parallel; index++) {
      const ws = workspace(`gl-shard-${index}`);
      const env = { CI_NODE_INDEX: String(index), CI_NODE_TOTAL: String(shardJob.parallel) };
      for (const line of shardJob.script.filter(notInstall)) {
        const run = await sh(line, ws, env);
        expect(run.exitCode, run.stderr).toBe(0);
      }
      // GitLab restores each needed job's artifacts paths into the merge job's workspace.
      for (const path of shardJob.artifacts.paths)
        cpSync(join(ws, path), join(merge, path), { recursive: true });
    }
    let last: Awaited<ReturnType<typeof sh>> | undefined;
    for (const line of mergeJob.script.filter(notInstall)) last = await sh(line, merge);
    expect(last?.exitCode, last?.stderr).toBe(unsharded.code);
    const junit = join(merge, mergeJob.artifacts.reports.junit);
    expect(digestJunit(junit, (n) => n.startsWith("merge of "))).toEqual(
      digestJunit(unsharded.junit),
    );
  }, 120_000);
});

describe("a lab: several xpo run positions, merged at the end", () => {
  const script = blockAfter("### A lab: several `xpo run` positions, merged at the end", "sh");
  const positions = [...script.matchAll(/--station stations\/([\w-]+)\.yaml --dut (\w+)/g)].map(
    (m) => ({ name: m[1] as string, dut: m[2] as string }),
  );
  const benches: TestBench[] = [];

  afterAll(async () => {
    for (const bench of benches) await bench.stop();
  });

  it("merges every position into one report with each station, DUT and the batch's exit code", async () => {
    expect(positions.length).toBeGreaterThanOrEqual(3);
    const ws = join(root, "lab");
    mkdirSync(join(ws, "stations"), { recursive: true });
    // One simulated bench per position, described by the station file the recipe names.
    for (const position of positions) {
      const bench = await startTestBench({ speed: 50 });
      benches.push(bench);
      const overrides = { name: position.name, safety: { pollMs: 20 } } as Parameters<
        typeof writeSimStation
      >[2];
      writeSimStation(
        bench.bench as SimBench,
        join(ws, "stations"),
        overrides,
        `${position.name}.yaml`,
      );
    }
    const run = await sh(script, ws);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain(`merged ${positions.length} record(s)`);
    const html = readFileSync(join(ws, "lab", "batch", "report.html"), "utf8");
    for (const position of positions) {
      expect(html).toContain(`<td>${position.name}</td>`);
      expect(html).toContain(position.dut);
    }
    const junit = readFileSync(join(ws, "lab", "batch", "junit.xml"), "utf8");
    for (const position of positions) expect(junit).toContain(`station ${position.name}`);
    rmSync(join(ws, "lab"), { recursive: true, force: true });
  }, 240_000);
});
