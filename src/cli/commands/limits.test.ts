// `xpo limits` lists every source the limits cite, with its title, publisher, date, where to
// find it and what it states; --json carries the same fields.
import { describe, expect, it } from "vitest";
import { runXpo } from "../../../test/support/cli.js";
import { listLimits, loadProfile } from "../../profile/load-profile.js";
import { loadSources } from "../../profile/sources.js";

const profile = loadProfile("public-2026-11");

describe("xpo limits", () => {
  it("prints each cited source with title, link and what it states", async () => {
    const result = await runXpo(["limits"]);
    expect(result.exitCode).toBe(0);
    const sources = result.stdout.slice(result.stdout.indexOf("\nsources:\n"));
    expect(sources).toContain(
      '  S3  Molex (founding MSA member): "XPO MSA: next-generation pluggable architectures for AI data centers", undated (OFC 2026 coverage) (MSA-member)\n        https://molex.com/',
    );
    expect(sources).toMatch(/\n {8}states: Molex blog on XPO: 40 to 60 V DC input, up to 480 W/);
    const cited = new Set(
      listLimits(profile).flatMap((limit) => limit.source.match(/\bS\d+b?\b/g) ?? []),
    );
    for (const id of cited) expect(sources, id).toMatch(new RegExp(`\\n  ${id}  `));
  });

  it("--json gives the sources with their title and url", async () => {
    const result = await runXpo(["limits", "--json"]);
    const catalogue = JSON.parse(result.stdout) as { sources: ReturnType<typeof loadSources> };
    expect(catalogue.sources).toEqual(loadSources(profile));
    expect(catalogue.sources.find((source) => source.id === "S3")?.url).toMatch(
      /^https:\/\/molex\.com\//,
    );
  });
});
