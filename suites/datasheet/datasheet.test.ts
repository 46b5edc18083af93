// The datasheet compliance suite under vitest: one test per limit per datasheet, through the
// same engine as `xpo validate`. Point it at your own folder:
//
//   XPO_DATASHEETS=path/to/datasheets [XPO_PROFILE=public-2026-11] npx vitest run suites/datasheet
//
// fail -> a failed test whose message gives observed, limit and source; error -> a failed
// test; not-applicable -> a skipped test with the reason; marginal -> a passing test whose
// name ends in "(marginal)". vitest's JUnit reporter (vitest.config.ts) writes the results.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatValue } from "../../src/model/bound.js";
import { formatError, isXpoError, listProblems } from "../../src/model/errors.js";
import { loadProfile } from "../../src/profile/load-profile.js";
import { repoRoot } from "../../src/util/repo-root.js";
import { checkDatasheetFile } from "../../src/validate/check-file.js";
import { expandInputs } from "../../src/validate/expand-inputs.js";

const inputs = (process.env.XPO_DATASHEETS ?? resolve(repoRoot, "fixtures/datasheets/pass")).split(
  ",",
);
const profile = loadProfile(process.env.XPO_PROFILE ?? "public-2026-11");
const limits = new Map(profile.limits.map((limit) => [limit.info.id, limit.info]));
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
        const where = verdict.subject.includes("/lanes/") ? ` ${verdict.subject}` : "";
        const name = `${verdict.limitId} ${info?.title ?? ""} ${info?.boundText ?? ""}${where}${verdict.outcome === "marginal" ? " (marginal)" : ""}`;
        it(name, (context) => {
          if (verdict.outcome === "not-applicable") context.skip(verdict.reason);
          const unit = verdict.unit ? ` ${verdict.unit}` : "";
          const at = verdict.evidence?.line
            ? `${verdict.evidence.file}:${verdict.evidence.line}`
            : file;
          expect(
            verdict.outcome,
            `${at}: observed ${formatValue(verdict.observed)}${unit}, limit ${info?.boundText} (source ${info?.source}, ${info?.confidence})`,
          ).toMatch(/^(pass|marginal)$/);
        });
      }
    });
  }
});
