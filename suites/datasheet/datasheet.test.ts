// The datasheet compliance suite under vitest: one test per limit per datasheet, through the
// same engine and run record as `xpo validate`. Point it at your own folder:
//
//   XPO_DATASHEETS=path/to/datasheets [XPO_PROFILE=public-2026-11] npx vitest run suites/datasheet
//
// Split over CI jobs without knowing vitest's sharding (which splits test files, and this is
// one file): XPO_SHARD=2/3 takes the same share of the datasheets as `xpo validate --shard 2/3`.
// XPO_OUT=reports writes the run record and reports there (under shard-2-of-3/ with a shard),
// ready for `xpo report reports/` to merge; without it they go to a temporary folder.
//
// fail -> a failed test whose message gives observed, limit and source, when the limit's
// severity is at or above the gate (XPO_FAIL_ON, as `xpo validate --fail-on`; default
// mandatory); below it a passing test whose name ends in "(warning: ... not met)"; error -> a
// failed test; not-applicable -> a skipped test with the reason; marginal -> a passing test
// whose name ends in "(marginal)". Per-lane limits name the datasheet's lane. vitest's JUnit reporter (vitest.config.ts) writes the results.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatValue } from "../../src/model/bound.js";
import type { Severity } from "../../src/model/limit.js";
import { DEFAULT_FAIL_ON, FAIL_ON_LEVELS, isWarning } from "../../src/model/outcome.js";
import { laneSuffix } from "../../src/model/verdict.js";
import { loadProfile } from "../../src/profile/load-profile.js";
import type { InputErrorLine } from "../../src/run/record.js";
import type { SubjectModel } from "../../src/run/subject.js";
import { repoRoot } from "../../src/util/repo-root.js";
import { parseShard, shardFolder } from "../../src/validate/shard.js";
import { runValidateWithReports } from "../../src/validate/validate-with-reports.js";

const inputs = (process.env.XPO_DATASHEETS ?? resolve(repoRoot, "fixtures/datasheets/pass")).split(
  ",",
);
const profile = loadProfile(process.env.XPO_PROFILE ?? "public-2026-11");
const limits = new Map(profile.limits.map((limit) => [limit.info.id, limit.info]));
const failOn = (process.env.XPO_FAIL_ON ?? DEFAULT_FAIL_ON) as Severity;
if (!FAIL_ON_LEVELS.includes(failOn))
  throw new Error(`XPO_FAIL_ON must be one of ${FAIL_ON_LEVELS.join(", ")}, not "${failOn}"`);
const shard = process.env.XPO_SHARD ? parseShard(process.env.XPO_SHARD) : undefined;
if (typeof shard === "string") throw new Error(`XPO_SHARD: ${shard}`);
const outRoot = process.env.XPO_OUT ?? mkdtempSync(join(tmpdir(), "xpo-datasheet-suite-"));
const subjects: SubjectModel[] = [];
await runValidateWithReports({
  inputs,
  profile,
  outDir: shard ? join(outRoot, shardFolder(shard)) : outRoot,
  ...(shard ? { shard } : {}),
  failOn,
  argv: ["vitest", "suites/datasheet"],
  onSubject: (subject) => subjects.push(subject),
});

function describeInputError(e: InputErrorLine): string {
  const at = [e.file, e.line, e.column].filter((part) => part !== undefined).join(":");
  return `${e.code} ${at ? `${at}: ` : ""}${e.message}\n  fix: ${e.remedy}`;
}

const title = `datasheets against ${profile.info.id} (${profile.info.revision})${shard ? `, shard ${shard.index}/${shard.count}` : ""}`;
describe(title, () => {
  if (subjects.length === 0) it.skip("no datasheet in this shard", () => {});
  for (const { subject, verdicts, inputErrors } of subjects) {
    describe(subject.name, () => {
      if (inputErrors.length > 0) {
        it("is a valid datasheet", () =>
          expect.fail(inputErrors.map(describeInputError).join("\n")));
        return;
      }
      for (const verdict of verdicts) {
        const info = limits.get(verdict.limitId);
        const where = verdict.lane === undefined ? "" : laneSuffix(verdict);
        const warning = isWarning(verdict.outcome, info?.severity, failOn);
        const mark =
          verdict.outcome === "marginal"
            ? " (marginal)"
            : warning
              ? ` (warning: ${info?.severity} limit not met)`
              : "";
        const name = `${verdict.limitId} ${info?.title ?? ""} ${info?.boundText ?? ""}${where}${mark}`;
        it(name, (context) => {
          if (verdict.outcome === "not-applicable") context.skip(verdict.reason);
          const unit = verdict.unit ? ` ${verdict.unit}` : "";
          const at = verdict.evidence?.line
            ? `${verdict.evidence.file}:${verdict.evidence.line}`
            : subject.name;
          expect(
            verdict.outcome,
            `${at}: observed ${formatValue(verdict.observed)}${unit}, limit ${info?.boundText} (source ${info?.source}, ${info?.confidence})`,
          ).toMatch(warning ? /^fail$/ : /^(pass|marginal)$/);
        });
      }
    });
  }
});
