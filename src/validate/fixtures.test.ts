// Every limit can fail: each fixture in fixtures/datasheets/fail/ breaks exactly the limit it is
// named after and nothing else; the example datasheets pass; the marginal example is marginal.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listLimits, loadProfile } from "../profile/load-profile.js";
import { repoRoot } from "../util/repo-root.js";
import { checkDatasheetFile } from "./check-file.js";

const profile = loadProfile("public-2026-11");
const fixtures = join(repoRoot, "fixtures", "datasheets");
const list = (folder: string) =>
  readdirSync(join(fixtures, folder)).map((name) => join(fixtures, folder, name));

describe("fail fixtures", () => {
  const files = list("fail");

  it("cover every limit of the profile", () => {
    const ids = listLimits(profile).map((limit) => limit.id);
    const covered = files.map((file) => file.replace(/^.*\/(.+)\.yaml$/, "$1"));
    expect(covered.sort()).toEqual([...ids].sort());
  });

  for (const file of files) {
    const id = file.replace(/^.*\/(.+)\.yaml$/, "$1");
    it(`${id}.yaml breaks exactly ${id}`, () => {
      const { verdicts } = checkDatasheetFile(file, profile);
      const failed = verdicts.filter((verdict) => verdict.outcome === "fail");
      expect(failed.map((verdict) => verdict.limitId)).toEqual([id]);
      expect(verdicts.filter((verdict) => verdict.outcome === "error")).toEqual([]);
      // The failure points at a line of the fixture.
      expect(failed[0]?.evidence?.line).toBeGreaterThan(0);
    });
  }
});

describe("pass fixtures", () => {
  const files = list("pass");

  it("include at least three realistic modules", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    it(`${file.replace(/^.*\//, "")} passes every applicable limit`, () => {
      const { verdicts } = checkDatasheetFile(file, profile);
      const bad = verdicts.filter(
        (verdict) => !["pass", "not-applicable"].includes(verdict.outcome),
      );
      expect(bad).toEqual([]);
      // Every limit is reported, and a not-applicable verdict always says why.
      const ids = new Set(verdicts.map((verdict) => verdict.limitId));
      expect(ids.size).toBe(profile.limits.length);
      for (const verdict of verdicts.filter((v) => v.outcome === "not-applicable"))
        expect(verdict.reason).toMatch(/\w/);
    });
  }
});

describe("marginal fixture", () => {
  it("is marginal on XPO-PWR-001 only and otherwise passes", () => {
    const [file] = list("marginal");
    const { verdicts } = checkDatasheetFile(file ?? "", profile);
    const marginal = verdicts.filter((verdict) => verdict.outcome === "marginal");
    expect(marginal.map((verdict) => verdict.limitId)).toEqual(["XPO-PWR-001"]);
    expect(marginal[0]?.margin).toBe(4);
    expect(verdicts.some((verdict) => verdict.outcome === "fail")).toBe(false);
  });
});
