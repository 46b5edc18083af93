// The editor text in the bundled profile's area schemas is what editorText() makes from each
// limit's x-limit, bound and the cited sources: a changed bound or source cannot leave a stale
// hover behind (regenerate with `npm run gen:editor-text`).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AREAS } from "../model/limit.js";
import { collectLimits } from "./collect-limits.js";
import { citedSourceIds, editorText } from "./editor-text.js";
import { loadProfile } from "./load-profile.js";
import { loadSources } from "./sources.js";

const profile = loadProfile("public-2026-11");
const sources = loadSources(profile);

describe("editor text of public-2026-11", () => {
  for (const area of AREAS) {
    const name = profile.manifest.areas?.[area];
    if (!name) continue;
    const file = join(profile.dir, name);
    const limits = collectLimits(JSON.parse(readFileSync(file, "utf8")), area, file);
    it(`${area}: every limit's description and markdownDescription are fresh`, () => {
      for (const limit of limits) {
        const expected = editorText(limit.info, sources);
        expect(limit.schema.description, limit.info.id).toBe(expected.description);
        expect(limit.schema.markdownDescription, limit.info.id).toBe(expected.markdownDescription);
      }
    });
  }

  it("names the id, bound, severity and every cited source with its title", () => {
    const limit = profile.limits.find((candidate) => candidate.info.id === "XPO-PWR-001");
    if (!limit) throw new Error("no XPO-PWR-001");
    const text = editorText(limit.info, sources);
    expect(text.description).toMatch(/^XPO-PWR-001 Maximum module power: <= 480 W \(mandatory/);
    expect(text.markdownDescription).toMatch(/\*\*S3\*\* Molex .*\[XPO MSA: .*\]\(https:\/\//);
  });

  it("flags an assumed limit and finds ids such as S28b once each", () => {
    expect(citedSourceIds("S3, S28b (analogy), S3")).toEqual(["S3", "S28b"]);
    const assumed = profile.limits.find((limit) => limit.info.confidence === "assumed");
    if (!assumed) throw new Error("no assumed limit");
    expect(editorText(assumed.info, sources).description).toMatch(/an assumed value/);
  });
});
