// Every source id the CMIS map, code tables, profile values and limits cite is listed in
// schemas/cmis/sources.json, every listed source is cited, and docs/cmis.md lists every limit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadProfile } from "../profile/load-profile.js";
import { repoRoot } from "../util/repo-root.js";
import { listCmisLimits, loadCmisSources } from "./limits.js";

const cmisFiles = ["memory-map.json", "codes.json", "profile.json", "checks.schema.json"];
const text = cmisFiles
  .map((name) => readFileSync(join(repoRoot, "schemas", "cmis", name), "utf8"))
  .join("\n");
const cited = new Set(text.match(/\bC\d+\b/g) ?? []);
const listed = loadCmisSources();

it("lists every cited source, and only cited ones, with what, who, when and where", () => {
  const ids = new Set(listed.map((source) => source.id));
  expect([...cited].filter((id) => !ids.has(id)).sort()).toEqual([]);
  expect([...ids].filter((id) => !cited.has(id)).sort()).toEqual([]);
  for (const source of listed)
    for (const key of ["title", "kind", "publisher", "date", "what", "where"] as const)
      expect(source[key], `${source.id}.${key}`).toMatch(/\S/);
});

it("docs/cmis.md lists every CMIS limit", () => {
  const doc = readFileSync(join(repoRoot, "docs", "cmis.md"), "utf8");
  for (const limit of listCmisLimits(loadProfile("public-2026-11")))
    expect(doc, limit.id).toContain(`| ${limit.id} | ${limit.title} |`);
});
