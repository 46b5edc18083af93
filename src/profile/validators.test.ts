// Precompiled and cached validators (issue 15): the bundled schemas run ajv standalone code made
// at build time, a lab's own profile is compiled once and then read from the cache, and every
// origin gives exactly the verdicts and errors of ajv compiling the schema at run time.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { datasheetUnit } from "../datasheet/check-shape.js";
import { parsePositioned } from "../util/positioned-source.js";
import { repoRoot } from "../util/repo-root.js";
import { createAjv } from "./ajv.js";
import {
  defaultProfileId,
  limitsUnit,
  loadProfile,
  manifestUnit,
  readProfileDefinitions,
  resolveProfileDir,
} from "./load-profile.js";
import { loadValidators, unitHash, type ValidatorUnit } from "./validators.js";

const fixtureDir = join(repoRoot, "fixtures", "datasheets");
const fixtures = readdirSync(fixtureDir).flatMap((kind) =>
  readdirSync(join(fixtureDir, kind)).map((name) => join(fixtureDir, kind, name)),
);
const documents = fixtures.map((file) => parsePositioned(file, readFileSync(file, "utf8")).data);

const bundledLimits = () =>
  limitsUnit(readProfileDefinitions(resolveProfileDir(defaultProfileId())).definitions);
const freshCache = () => ({ XPO_CACHE_DIR: mkdtempSync(join(tmpdir(), "xpo-cache-")) });

// What a validator says about a value: the verdict and the errors, as plain data.
function outcome(validate: (data: unknown) => unknown, errors: () => unknown, data: unknown) {
  const valid = validate(data);
  return JSON.stringify({ valid, errors: errors() ?? null });
}

// Each entry of a unit judged by `validators` and by ajv compiling it now, on the same values.
function expectSameAsAjv(
  unit: ValidatorUnit,
  validators: Record<string, unknown>,
  values: unknown[],
) {
  const ajv = createAjv(unit.options);
  for (const { key, schema } of unit.entries) {
    const reference = ajv.compile(schema);
    const candidate = validators[key] as typeof reference;
    expect(candidate, key).toBeTypeOf("function");
    for (const value of values)
      expect(
        outcome(candidate, () => candidate.errors, value),
        key,
      ).toBe(outcome(reference, () => reference.errors, value));
  }
}

describe("bundled schemas", () => {
  it("come precompiled: the datasheet shape, profile.json and the bundled profile's limits", () => {
    for (const unit of [datasheetUnit(), manifestUnit(), bundledLimits()])
      expect(loadValidators(unit, freshCache()).origin).toBe("bundled");
  });

  it("judge every fixture datasheet exactly as ajv compiling the schema does (errors too)", () => {
    const unit = datasheetUnit();
    expectSameAsAjv(unit, loadValidators(unit).validators, documents);
  });

  it("judge every limit's subject values in the fixtures exactly as ajv does", () => {
    const unit = bundledLimits();
    const { validators } = loadValidators(unit);
    const profile = loadProfile();
    // The values each limit sees in the fixtures, plus values that fail most bounds.
    const values = [undefined, null, "x", -1e9, 0, 1e9, Number.NaN, [], {}];
    for (const document of documents) values.push(document);
    for (const limit of profile.limits) {
      for (const document of documents) {
        let node: unknown = document;
        for (const part of limit.path)
          node = Array.isArray(node) && part === "*" ? node[0] : (node as never)?.[part];
        values.push(node);
      }
    }
    expectSameAsAjv(unit, validators, values);
  });

  it("are keyed by content: any schema edit, or other options, gives another key", () => {
    const unit = datasheetUnit();
    const edited = structuredClone(unit);
    (edited.entries[0]?.schema as { title: string }).title += " (edited)";
    expect(unitHash(edited)).not.toBe(unitHash(unit));
    expect(unitHash({ ...unit, options: { verbose: false } })).not.toBe(unitHash(unit));
    expect(loadValidators(edited, freshCache()).origin).toBe("compiled");
  });
});

describe("a lab's own profile", () => {
  // The bundled limits with one bound moved: not in the precompiled table.
  function labUnit(): ValidatorUnit {
    const unit = bundledLimits();
    const entries = unit.entries.map((entry) => ({
      ...entry,
      schema: structuredClone(entry.schema),
    }));
    const bounded = entries.find((entry) => "maximum" in entry.schema);
    if (!bounded) throw new Error("no limit with a maximum");
    (bounded.schema as { maximum: number }).maximum += 1;
    return { ...unit, entries };
  }

  it("is compiled on its first run, read from the cache on the next, with the same verdicts", () => {
    const env = freshCache();
    const unit = labUnit();
    const first = loadValidators(unit, env);
    expect(first.origin).toBe("compiled");
    const files = readdirSync(env.XPO_CACHE_DIR);
    expect(files).toEqual([`validators-${unitHash(unit)}.js`]);
    const second = loadValidators(unit, env);
    expect(second.origin).toBe("cached");
    const values = [undefined, null, "x", -1e9, 0, 1e9, ...documents];
    expectSameAsAjv(unit, second.validators, values);
  });

  it("recompiles and replaces a damaged cache file", () => {
    const env = freshCache();
    const unit = labUnit();
    loadValidators(unit, env);
    const file = join(env.XPO_CACHE_DIR, `validators-${unitHash(unit)}.js`);
    const header = readFileSync(file, "utf8").split("\n")[0];
    writeFileSync(file, `${header}\nthis is not javascript (`);
    expect(loadValidators(unit, env).origin).toBe("compiled");
    expect(loadValidators(unit, env).origin).toBe("cached");
  });

  it("still works when the cache folder cannot be written", () => {
    const blocker = join(mkdtempSync(join(tmpdir(), "xpo-cache-")), "file");
    writeFileSync(blocker, "");
    const env = { XPO_CACHE_DIR: join(blocker, "below-a-file") };
    expect(loadValidators(labUnit(), env).origin).toBe("compiled");
    expect(loadValidators(labUnit(), env).origin).toBe("compiled");
  });

  it("keeps strict mode: an unknown keyword stops the profile, naming the limit", () => {
    const dir = mkdtempSync(join(tmpdir(), "xpo-profile-"));
    const base = resolveProfileDir(defaultProfileId());
    const manifest = JSON.parse(readFileSync(join(base, "profile.json"), "utf8"));
    const power = JSON.parse(readFileSync(join(base, manifest.areas.power), "utf8"));
    const json = JSON.stringify(power).replace('"maximum"', '"maximun"');
    writeFileSync(join(dir, "power.schema.json"), json);
    writeFileSync(
      join(dir, "profile.json"),
      JSON.stringify({
        ...manifest,
        id: "lab-typo",
        extends: base,
        areas: { power: "power.schema.json" },
      }),
    );
    expect(() => loadProfile(dir)).toThrow(/limit XPO-PWR-\d+ does not compile: strict mode/);
  });
});
