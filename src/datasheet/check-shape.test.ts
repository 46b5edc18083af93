// The shape check reports a capped number of problems, and its work grows linearly with the
// number of problems (it once located each unknown key by scanning the mapping: quadratic).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type PositionedDocument,
  parsePositioned,
  parseWithYaml,
} from "../util/positioned-source.js";
import { repoRoot } from "../util/repo-root.js";
import { checkDatasheetShape } from "./check-shape.js";

const base = readFileSync(join(repoRoot, "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml"), "utf8");

// The datasheet with `count` unknown top-level keys after it (about 9 bytes each).
function withUnknownKeys(count: number): string {
  const keys = Array.from({ length: count }, (_, i) => `x${i.toString(36)}: 1`);
  return `${base}\n${keys.join("\n")}\n`;
}

// Count the locate calls the check makes.
function counted(doc: PositionedDocument): { doc: PositionedDocument; calls: () => number } {
  let calls = 0;
  return {
    doc: {
      ...doc,
      locate: (path) => {
        calls++;
        return doc.locate(path);
      },
      locateKey: (path, key) => {
        calls++;
        return doc.locateKey(path, key);
      },
    },
    calls: () => calls,
  };
}

describe("checkDatasheetShape on many unknown keys", () => {
  // 200,000 keys: quadratic work took 85 s at 105,275 keys, so about 6 min here (timeout 30 s).
  const many = 200_000;

  for (const [name, parse] of [
    ["js-yaml fast path", parsePositioned],
    ["yaml package", parseWithYaml],
  ] as const) {
    it(`reports the first 10 in file order and "... and N more" (${name})`, () => {
      const { doc, calls } = counted(parse("many.yaml", withUnknownKeys(many)));
      const problems = checkDatasheetShape(doc);
      expect(problems).toHaveLength(11);
      expect(problems[0]?.message).toMatch(/^unknown key "x0" in \//);
      expect(problems[0]?.location.line).toBe(base.split("\n").length + 1);
      expect(problems[9]?.message).toMatch(/^unknown key "x9" in \//);
      expect(problems[10]?.message).toBe(`... and ${many - 10} more problems`);
      expect(calls()).toBe(many);
    });
  }
});

describe("checkDatasheetShape on numbers a datasheet cannot use", () => {
  it("names each .nan and .inf by its path and line, in a lane table too", () => {
    const text = base
      .replace("tdecqDb: 2.6,", "tdecqDb: .nan,")
      .replace("txAveragePowerDbm: 2.4,", "txAveragePowerDbm: -.inf,");
    const lines = text.split("\n");
    const lineOf = (needle: string) => lines.findIndex((line) => line.includes(needle)) + 1;
    const problems = checkDatasheetShape(parsePositioned("nan.yaml", text));
    const finite = problems.filter((p) => /finite number/.test(p.message));
    expect(finite.map((p) => [p.message, p.location.line])).toEqual([
      ["/optical/lanes/2/tdecqDb: expected a finite number, found NaN", lineOf("tdecqDb: .nan")],
      [
        "/optical/lanes/3/txAveragePowerDbm: expected a finite number, found -Infinity",
        lineOf("-.inf"),
      ],
    ]);
  });
});
