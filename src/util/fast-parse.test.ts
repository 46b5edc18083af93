// The fast path (js-yaml + listener) must give the same data and the same positions as the
// `yaml` package, or step aside: on fixtures, on every value path, and on arbitrary text.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { fastParse } from "./fast-parse.js";
import { parseWithYaml } from "./positioned-source.js";
import { repoRoot } from "./repo-root.js";

const fixtures = join(repoRoot, "fixtures", "datasheets");
const files = ["pass", "fail", "marginal"].flatMap((folder) => {
  try {
    return readdirSync(join(fixtures, folder)).map((name) => join(fixtures, folder, name));
  } catch {
    return [];
  }
});

function paths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const out = [path];
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) out.push(...paths(item, [...path, i]));
  } else if (typeof value === "object" && value !== null)
    for (const [key, item] of Object.entries(value)) out.push(...paths(item, [...path, key]));
  return out;
}

let lenient = 0;
// Same data as the `yaml` package whenever both read the text. js-yaml is more lenient on some
// malformed text (e.g. a comment glued to a quoted scalar, `a: ""#`): such text is then
// checked instead of refused (counted here, documented in docs/performance.md).
function agrees(text: string): void {
  const fast = fastParse(text);
  let slow: ReturnType<typeof parseWithYaml> | undefined;
  try {
    slow = parseWithYaml("t.yaml", text);
  } catch {
    if (fast) lenient++;
    return;
  }
  if (fast) expect(fast.data).toEqual(slow.data);
}

describe("fastParse", () => {
  it("covers the fixtures", () => expect(files.length).toBeGreaterThan(10));

  for (const file of files) {
    it(`matches the yaml package on ${file.slice(fixtures.length + 1)} (data and positions)`, () => {
      const text = readFileSync(file, "utf8");
      const fast = fastParse(text);
      const slow = parseWithYaml(file, text);
      expect(fast).toBeDefined();
      if (!fast) return;
      expect(fast.data).toEqual(slow.data);
      const lines = text.split("\n");
      const toOffset = (at: { line: number; column: number }) =>
        lines.slice(0, at.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + at.column - 1;
      for (const path of paths(slow.data)) {
        const expected = slow.locate(path);
        const offset = fast.offsetOf(path);
        expect(offset === undefined ? undefined : offset, JSON.stringify(path)).toBe(
          expected ? toOffset(expected) : undefined,
        );
        const parent = path.slice(0, -1);
        const last = path.at(-1);
        if (typeof last === "string") {
          const key = slow.locateKey(parent, last);
          expect(fast.keyOffsetOf(parent, last), `key ${JSON.stringify(path)}`).toBe(
            key ? toOffset(key) : undefined,
          );
        }
      }
    });
  }

  it("steps aside on aliases, forbidden keys, duplicates, several documents and unknown tags", () => {
    for (const text of [
      "a: &x [1, 2]\nb: *x\n",
      "__proto__: { polluted: true }\n",
      "constructor: 1\n",
      "a: 1\na: 2\n",
      "a: 1\n---\nb: 2\n",
      "a: !!binary aGk=\n",
      "a: [1, 2\n",
    ])
      expect(fastParse(text), text).toBeUndefined();
  });

  it("resolves scalars like the yaml package's core schema", () => {
    for (const scalar of [
      "0x26",
      "0o17",
      "017",
      "+12",
      "-0",
      "1_000",
      "0b101",
      "1e3",
      "1.5e-6",
      ".5",
      "5.",
      ".inf",
      "-.Inf",
      ".nan",
      "~",
      "null",
      "Null",
      "true",
      "False",
      "yes",
      "no",
      "on",
      "2026-01-02",
      "12:30",
      "0.1",
      "'1'",
      '"2"',
      "1.0",
      "=",
      "<<",
    ])
      agrees(`a: ${scalar}\nb: [${scalar}]\n`);
  });

  it("agrees with the yaml package on arbitrary text and on edited datasheets", () => {
    const base = readFileSync(join(fixtures, "pass", "acme-xpo-dr8-lpo.yaml"), "utf8");
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => agrees(text)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.nat(base.length),
        fc.nat(8),
        fc.constantFrom("", " ", "\n", ":", "- ", "#", "&a ", "*a", "[", "{", "'", '"', "\t", "? "),
        (at, cut, insert) => agrees(base.slice(0, at) + insert + base.slice(at + cut)),
      ),
      { numRuns: 500 },
    );
    const json = stringify(
      JSON.parse(readFileSync(join(fixtures, "pass", "cobalt-xpo-coherent-lite.json"), "utf8")),
    );
    agrees(json);
    expect(lenient).toBeLessThan(100);
  });
});
