// Every CMIS check can fail: each fixture in fixtures/cmis/fail/ breaks exactly the limit it is
// named after and nothing else, against the datasheet the good image was made from; the good
// image (what `xpo cmis image` writes) passes every check.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadProfile } from "../profile/load-profile.js";
import { repoRoot } from "../util/repo-root.js";
import { checkCmisInput } from "./check-module.js";
import { listCmisLimits } from "./limits.js";

const profile = loadProfile("public-2026-11");
const folder = join(repoRoot, "fixtures", "cmis");
const pairing = JSON.parse(readFileSync(join(folder, "pairing.json"), "utf8")) as {
  datasheet: string;
  benchDatasheet: string;
  identityExtras: Record<string, string>;
};
const baseName = (file: string) => file.replace(/^.*\/(.+)\.ya?ml$/, "$1");
const datasheet = parse(readFileSync(join(repoRoot, pairing.datasheet), "utf8"));
const document = { ...datasheet, identity: { ...datasheet.identity, ...pairing.identityExtras } };
const fails = readdirSync(join(folder, "fail")).sort();

describe("CMIS fail fixtures", () => {
  it("cover every CMIS limit", () => {
    const ids = listCmisLimits(profile).map((limit) => limit.id);
    expect(fails.map((name) => name.replace(/\.hex$/, ""))).toEqual([...ids].sort());
  });

  for (const name of fails) {
    const id = name.replace(/\.hex$/, "");
    it(`${name} breaks exactly ${id}`, () => {
      const verdicts = checkCmisInput(join(folder, "fail", name), profile, document);
      const failed = verdicts.filter((verdict) => verdict.outcome === "fail");
      expect(failed.map((verdict) => verdict.limitId)).toEqual([id]);
      expect(verdicts.filter((verdict) => verdict.outcome === "error")).toEqual([]);
      // The failure names the bytes it read.
      expect(failed[0]?.evidence?.memory).toMatch(/^page [0-9A-F]{2}h( bank \d)? byte \d+/);
    });
  }
});

describe("the good image", () => {
  // The bench's module image is the starter image of the demo DUT's datasheet.
  const bench = parse(readFileSync(join(repoRoot, pairing.benchDatasheet), "utf8"));
  const documents: Record<string, unknown> = {
    [baseName(pairing.datasheet)]: document,
    [baseName(pairing.benchDatasheet)]: {
      ...bench,
      identity: { ...bench.identity, ...pairing.identityExtras },
    },
  };
  for (const name of readdirSync(join(folder, "good"))) {
    it(`${name} passes every CMIS check against its datasheet`, () => {
      const paired = documents[name.replace(/\.(bin|hex)$/, "")];
      expect(paired, `${name} pairs with a datasheet in pairing.json`).toBeDefined();
      const verdicts = checkCmisInput(join(folder, "good", name), profile, paired);
      expect(verdicts.filter((v) => v.outcome !== "pass")).toEqual([]);
      expect(verdicts).toHaveLength(listCmisLimits(profile).length);
    });
  }

  it("is judged not-applicable, never pass, where no datasheet is given", () => {
    const verdicts = checkCmisInput(join(folder, "good", "acme-xpo-dr8-lpo.bin"), profile);
    const na = verdicts.filter((v) => v.outcome === "not-applicable").map((v) => v.limitId);
    expect(na).toContain("CMIS-PWR-002");
    expect(na).toContain("CMIS-IDN-001");
    expect(verdicts.filter((v) => v.outcome === "fail" || v.outcome === "error")).toEqual([]);
  });
});
