// Every source a bundled profile's limits cite is listed in the profile's sources.json (what it
// is, who published it, when, where), and every listed source is cited by some limit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../util/repo-root.js";
import { listLimits, loadProfile } from "./load-profile.js";
import { loadSources } from "./sources.js";

const profile = loadProfile("public-2026-11");
const sources = loadSources(profile);
const cited = new Set(
  listLimits(profile).flatMap((limit) => limit.source.match(/\bS\d+b?\b/g) ?? []),
);
const coolantSources = JSON.stringify(
  JSON.parse(readFileSync(join(repoRoot, "schemas/coolants.json"), "utf8")),
);
for (const id of coolantSources.match(/\bS\d+b?\b/g) ?? []) cited.add(id);

it("lists every source id the limits cite", () => {
  const listed = new Set(sources.map((source) => source.id));
  expect([...cited].filter((id) => !listed.has(id)).sort()).toEqual([]);
});

it("lists only sources some limit cites, each with what, who, when and where", () => {
  expect(sources.filter((source) => !cited.has(source.id)).map((s) => s.id)).toEqual([]);
  for (const source of sources)
    for (const field of ["title", "kind", "publisher", "date", "what", "where"] as const)
      expect(source[field], `${source.id}.${field}`).toMatch(/\S/);
  for (const source of sources.filter((s) => s.url !== undefined))
    expect(() => new URL(source.url ?? ""), source.id).not.toThrow();
});
