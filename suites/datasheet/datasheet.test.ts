// The datasheet compliance suite under vitest: one test per limit per datasheet, through the
// same engine as `xpo validate`. Point it at your own folder:
//
//   XPO_DATASHEETS=path/to/datasheets [XPO_PROFILE=public-2026-11] [XPO_FAIL_ON=mandatory] \
//     npx vitest run suites/datasheet
//
// fail -> a failed test whose message gives observed, limit and source, when the limit's
// severity is at or above the gate (XPO_FAIL_ON, as `xpo validate --fail-on`; default
// mandatory); below it a passing test whose name ends in "(warning: ... not met)"; error -> a
// failed test; not-applicable -> a skipped test with the reason; marginal -> a passing test
// whose name ends in "(marginal)". Per-lane limits name the datasheet's lane. vitest's JUnit reporter (vitest.config.ts) writes the results.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatValue } from "../../src/model/bound.js";
import { formatError, isXpoError, listProblems } from "../../src/model/errors.js";
import type { Severity } from "../../src/model/limit.js";
import { DEFAULT_FAIL_ON, FAIL_ON_LEVELS, isWarning } from "../../src/model/outcome.js";
import { laneSuffix } from "../../src/model/verdict.js";
import { loadProfile } from "../../src/profile/load-profile.js";
import { repoRoot } from "../../src/util/repo-root.js";
import { checkDatasheetFile } from "../../src/validate/check-file.js";
import { expandInputs } from "../../src/validate/expand-inputs.js";

const inputs = (process.env.XPO_DATASHEETS ?? resolve(repoRoot, "fixtures/datasheets/pass")).split(
  ",",
);
const profile = loadProfile(process.env.XPO_PROFILE ?? "public-2026-11");
const limits = new Map(profile.limits.map((limit) => [limit.info.id, limit.info]));
const failOn = (process.env.XPO_FAIL_ON ?? DEFAULT_FAIL_ON) as Severity;
if (!FAIL_ON_LEVELS.includes(failOn))
  throw new Error(`XPO_FAIL_ON must be one of ${FAIL_ON_LEVELS.join(", ")}, not "${failOn}"`);
const { files, errors } = expandInputs(inputs);

describe(`datasheets against ${profile.info.id} (${profile.info.revision})`, () => {
  for (const error of errors)
    it(`input ${error.location.file ?? ""}`, () => expect.fail(formatError(error)));

  for (const file of files) {
    describe(file, () => {
      let check: ReturnType<typeof checkDatasheetFile>;
      try {
        check = checkDatasheetFile(file, profile);
      } catch (error) {
        const problems = isXpoError(error) ? listProblems(error) : [error];
        it("is a valid datasheet", () => expect.fail(problems.map(formatError).join("\n")));
        return;
      }
      for (const verdict of check.verdicts) {
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
            : file;
          expect(
            verdict.outcome,
            `${at}: observed ${formatValue(verdict.observed)}${unit}, limit ${info?.boundText} (source ${info?.source}, ${info?.confidence})`,
          ).toMatch(warning ? /^fail$/ : /^(pass|marginal)$/);
        });
      }
    });
  }
});
