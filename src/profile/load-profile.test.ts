// Profiles: the bundled one loads with every limit annotated; a lab's profile can extend it and
// override an assumed value without code; the schema files work with ajv-cli as they are.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../util/repo-root.js";
import { listLimits, loadProfile, resolveProfileDir } from "./load-profile.js";

describe("public-2026-11", () => {
  const profile = loadProfile("public-2026-11");

  it("annotates every limit with id, title, source, confidence, severity and a bound", () => {
    const limits = listLimits(profile);
    expect(limits.length).toBeGreaterThanOrEqual(30);
    for (const limit of limits) {
      expect(limit.id).toMatch(/^XPO-(MECH|ELEC|PWR|COOL|MGMT|OPT)-\d{3}$/);
      expect(limit.source).not.toBe("");
      expect(limit.boundText).not.toBe("(no bound)");
    }
    expect(new Set(limits.map((limit) => limit.area))).toEqual(
      new Set(["mechanical", "electrical", "power", "cooling", "management", "optical"]),
    );
  });

  it("is cached: compiled once per process", () => {
    expect(loadProfile("public-2026-11")).toBe(profile);
  });

  it("has a stable hash of its limit schemas", () => {
    expect(profile.info.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("a lab's own profile", () => {
  it("extends the public profile and overrides an assumed value, without code", () => {
    const dir = mkdtempSync(join(tmpdir(), "xpo-profile-"));
    writeFileSync(
      join(dir, "profile.json"),
      JSON.stringify({
        id: "lab-msa-1-0",
        revision: "1",
        title: "Lab profile from the MSA 1.0 text",
        extends: "public-2026-11",
        guardBand: { relative: 0.05, rule: "5 % guard band" },
        overrides: {
          "XPO-COOL-004": {
            minimum: 45,
            "x-limit": { confidence: "MSA-member", source: "XPO MSA 1.0 section 7" },
          },
        },
      }),
    );
    const lab = loadProfile(dir);
    const inlet = lab.limits.find((limit) => limit.info.id === "XPO-COOL-004");
    expect(inlet?.info.boundText).toBe(">= 45 °C");
    expect(inlet?.info.confidence).toBe("MSA-member");
    expect(inlet?.validate(42)).toBe(false);
    expect(lab.info.hash).not.toBe(loadProfile("public-2026-11").info.hash);
    // The base profile is untouched.
    const base = loadProfile("public-2026-11").limits.find(
      (limit) => limit.info.id === "XPO-COOL-004",
    );
    expect(base?.info.boundText).toBe(">= 40 °C");
  });

  it("refuses an override of a limit that does not exist", () => {
    const dir = mkdtempSync(join(tmpdir(), "xpo-profile-"));
    writeFileSync(
      join(dir, "profile.json"),
      JSON.stringify({
        id: "typo",
        revision: "1",
        title: "t",
        extends: "public-2026-11",
        guardBand: { relative: 0, rule: "none" },
        overrides: { "XPO-PWR-999": { maximum: 1 } },
      }),
    );
    expect(() => loadProfile(dir)).toThrow(/overrides names unknown limit XPO-PWR-999/);
  });

  it("names the known profiles when an id is unknown", () => {
    expect(() => resolveProfileDir("nope")).toThrow(/unknown profile "nope"/);
  });
});

describe("ajv-cli on the schema files as shipped", () => {
  const schemas = join(repoRoot, "schemas");
  const ajv = join(repoRoot, "node_modules", ".bin", "ajv");
  const run = (data: string) =>
    execa(
      ajv,
      [
        "validate",
        "-c",
        join(schemas, "ajv-keywords.cjs"),
        "-s",
        join(schemas, "xpo/public-2026-11/xpo.schema.json"),
        "-d",
        data,
      ],
      { reject: false },
    );

  it("accepts a passing datasheet", async () => {
    const result = await run(
      join(repoRoot, "fixtures/datasheets/pass/cobalt-xpo-coherent-lite.json"),
    );
    expect(result.stdout + result.stderr).toMatch(/cobalt-xpo-coherent-lite\.json valid/);
    expect(result.stdout + result.stderr).not.toMatch(/strict mode/);
    expect(result.exitCode).toBe(0);
  });

  it("rejects a datasheet over the power limit", async () => {
    const result = await run(join(repoRoot, "fixtures/datasheets/fail/XPO-PWR-001.yaml"));
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/maxPowerW|must be <= 480/);
  });
});
