// Test entry: run the real `xpo` CLI main in this process and, once the run record shows the
// step named by XPO_TEST_UNCAUGHT_AFTER_STEP completed, throw an error nobody catches from a
// timer (what a bug in a library callback does). Started with `node --import tsx` by
// src/live/cli.test.ts to prove an uncaught exception still switches the supply off.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../../src/util/repo-root.js";

// The built CLI (what bin/xpo.js runs), so the shipped crash path is the one under test.
const { main } = (await import(pathToFileURL(join(repoRoot, "dist", "cli", "main.js")).href)) as {
  main: (argv: string[]) => Promise<number>;
};

const step = process.env.XPO_TEST_UNCAUGHT_AFTER_STEP ?? "power-nominal";
const argv = process.argv.slice(2);
const out = argv[argv.indexOf("--out") + 1] ?? "reports";
const record = join(out, "run.jsonl");

// Whether the record has the step-done event of `step`.
function stepDone(): boolean {
  if (!existsSync(record)) return false;
  return readFileSync(record, "utf8")
    .split("\n")
    .some((line) => line.includes('"step-done"') && line.includes(`"step":"${step}"`));
}

const poll = setInterval(() => {
  if (!stepDone()) return;
  clearInterval(poll);
  throw new Error(`injected by XPO_TEST_UNCAUGHT_AFTER_STEP=${step}`);
}, 5);
poll.unref();

process.exitCode = await main(argv);
clearInterval(poll);
