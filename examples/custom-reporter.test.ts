// The example reporter, run the way `xpo validate fixtures/datasheets/pass --out DIR` runs, but
// in-process with the summary format added to the built-in ones.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../src/profile/load-profile.js";
import { repoRoot } from "../src/util/repo-root.js";
import { runValidateWithReports } from "../src/validate/validate-with-reports.js";
import { reportersWithSummary } from "./custom-reporter.js";

describe("examples/custom-reporter.ts", () => {
  it("writes summary.txt beside junit.xml and report.html", async () => {
    const out = mkdtempSync(join(tmpdir(), "xpo-custom-reporter-"));
    const folder = join(repoRoot, "fixtures", "datasheets", "pass");
    const validated = await runValidateWithReports({
      inputs: [folder],
      profile: loadProfile(),
      outDir: out,
      reporters: reportersWithSummary,
    });

    expect(validated.result.exitCode).toBe(0);
    expect(validated.written?.files.map((f) => f.name)).toEqual(["junit", "html", "summary"]);
    expect(readdirSync(out).sort()).toEqual([
      "junit.xml",
      "report.html",
      "run.jsonl",
      "summary.txt",
    ]);

    const lines = readFileSync(join(out, "summary.txt"), "utf8").trimEnd().split("\n");
    const datasheets = readdirSync(folder).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(lines).toHaveLength(datasheets.length + 1);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^PASS \S+ (\d+)\/\1$/);
    expect(lines.at(-1)).toBe(`${datasheets.length} subject(s), 0 not passing`);
  });
});
