// Helpers for the shard-and-merge tests: a datasheet folder with every outcome, a comparable
// digest of a junit.xml (read by a third-party JUnit parser), and report.html's headline facts.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "test-results-parser";
import { repoRoot } from "../../src/util/repo-root.js";

// fixtures/datasheets (pass, marginal, one per failing limit) plus a broken datasheet, copied
// into dir/datasheets: every outcome and an input error, so an unsharded run exits 2.
export function makeDatasheetFolder(dir: string): string {
  const folder = join(dir, "datasheets");
  mkdirSync(folder, { recursive: true });
  cpSync(join(repoRoot, "fixtures/datasheets"), folder, { recursive: true });
  writeFileSync(join(folder, "broken.yaml"), "identity: [unclosed\n");
  return folder;
}

/** What two JUnit files must agree on: totals and each suite's testcases with their status. */
export interface JunitDigest {
  total: number;
  failed: number;
  errors: number;
  skipped: number;
  /** "suite name :: testcase name -> status", sorted (suites in any order). */
  cases: string[];
}

// Digest junit.xml; suites named by `skipSuite` (e.g. the merge's own) are left out.
export function digestJunit(path: string, skipSuite: (name: string) => boolean = () => false) {
  const result = parse({ type: "junit", files: [path] });
  const digest: JunitDigest = { total: 0, failed: 0, errors: 0, skipped: 0, cases: [] };
  for (const suite of result.suites) {
    if (skipSuite(suite.name)) continue;
    for (const c of suite.cases) {
      digest.total += 1;
      if (c.status === "FAIL") digest.failed += 1;
      if (c.status === "SKIP") digest.skipped += 1;
      digest.cases.push(`${suite.name} :: ${c.name} -> ${c.status}`);
    }
    digest.errors += suite.errors;
  }
  digest.cases.sort();
  return digest;
}

/** report.html's verdict and summary cards. */
export function htmlHeadline(path: string): { verdict: string; counts: Record<string, string> } {
  const html = readFileSync(path, "utf8");
  const verdict = /<body data-verdict="([a-z]+)"/.exec(html)?.[1] ?? "?";
  const counts: Record<string, string> = {};
  for (const m of html.matchAll(/id="count-([a-z-]+)">(\d+)</g))
    counts[m[1] as string] = m[2] as string;
  return { verdict, counts };
}
