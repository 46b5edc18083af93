// Generate N datasheet variants of fixtures/datasheets/pass/*.yaml into a temp folder (never
// committed): a unique part number each, and a few numeric values nudged inside their limits.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRandom } from "../../test/support/synthetic-record.ts";
import { repoRoot } from "./util.mjs";

const PASS = join(repoRoot, "fixtures/datasheets/pass");

export function generateDatasheets(count, dir = mkdtempSync(join(tmpdir(), "xpo-bench-ds-"))) {
  mkdirSync(dir, { recursive: true });
  const bases = readdirSync(PASS)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => readFileSync(join(PASS, name), "utf8"));
  const next = createRandom(6);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const base = bases[i % bases.length];
    const text = base
      .replace(/partNumber: (\S+)/, (_, pn) => `partNumber: ${pn}-V${String(i).padStart(5, "0")}`)
      .replace(/massG: (\d+)/, (_, g) => `massG: ${Number(g) + Math.round(next() * 20 - 10)}`)
      .replace(
        /txAveragePowerDbm: ([\d.]+)/g,
        (_, v) => `txAveragePowerDbm: ${(Number(v) + next() * 0.4 - 0.2).toFixed(2)}`,
      )
      .replace(/preFecBer: ([\d.e-]+)/g, () => `preFecBer: ${(1 + next() * 2).toFixed(1)}e-6`);
    const file = join(dir, `ds-${String(i).padStart(5, "0")}.yaml`);
    writeFileSync(file, text);
    bytes += text.length;
  }
  return { dir, count, bytes };
}
