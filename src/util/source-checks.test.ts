// Bad text gets a clear input error with a position: encodings (B26), nesting (B22), JSON
// syntax errors V8 gives no position for (B21).
import { describe, expect, it } from "vitest";
import { parsePositioned } from "./positioned-source.js";
import { decodeSourceBytes } from "./source-checks.js";

function errorOf(run: () => unknown): { code?: string; message?: string; location?: unknown } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message?: string; location?: unknown };
  }
  throw new Error("expected an error");
}

describe("decodeSourceBytes", () => {
  it("accepts a UTF-8 BOM and drops it", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a: 1\n")]);
    expect(decodeSourceBytes("b.yaml", bytes)).toBe("a: 1\n");
    expect(parsePositioned("b.yaml", "\ufeffa: 1\n").data).toEqual({ a: 1 });
    expect(parsePositioned("b.json", '\ufeff{"a": 1}').data).toEqual({ a: 1 });
  });

  it("names UTF-16 (LE and BE) with a fix line", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a: 1\n", "utf16le")]);
    const error = errorOf(() => decodeSourceBytes("w.yaml", le));
    expect(error).toMatchObject({ code: "XPO_ENCODING", location: { file: "w.yaml" } });
    expect(error.message).toContain("UTF-16 LE");
    expect((error as { remedy?: string }).remedy).toMatch(/UTF-8/);
    const be = Buffer.from([0xfe, 0xff, 0, 0x61]);
    expect(errorOf(() => decodeSourceBytes("w.yaml", be)).message).toContain("UTF-16 BE");
  });

  it("gives the line and column of invalid UTF-8", () => {
    const bytes = Buffer.concat([Buffer.from("a: 1\nbé: "), Buffer.from([0xc3, 0x28])]);
    const error = errorOf(() => decodeSourceBytes("u.yaml", bytes));
    expect(error).toMatchObject({ code: "XPO_ENCODING", location: { line: 2, column: 5 } });
    expect(error.message).toMatch(/invalid UTF-8 \(byte 0xc3 at offset 10\)/);
  });

  it("refuses NUL bytes with their position", () => {
    const error = errorOf(() => parsePositioned("n.yaml", "a: 1\nb: x\0y\n"));
    expect(error).toMatchObject({ code: "XPO_ENCODING", location: { line: 2, column: 5 } });
  });
});

describe("nesting limit", () => {
  for (const [file, text] of [
    ["deep.json", `{"a": ${"[".repeat(10_000)}${"]".repeat(10_000)}}`],
    ["deep.yaml", `a: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`],
    ["deep70.yaml", `a: ${"[".repeat(70)}${"]".repeat(70)}\n`],
    [
      "block.yaml",
      `a:\n${Array.from({ length: 80 }, (_, i) => `${" ".repeat(i + 1)}k:`).join("\n")} 1\n`,
    ],
  ] as const) {
    it(`refuses ${file} with its own code, not a stack overflow`, () => {
      const error = errorOf(() => parsePositioned(file, text));
      expect(error.code).toBe("XPO_NESTING_TOO_DEEP");
      expect(error.message).toMatch(/nested more than 64 levels deep/);
      expect(error.message).not.toMatch(/call stack/);
      expect((error.location as { line?: number }).line).toBeGreaterThanOrEqual(1);
    });
  }

  it("accepts 60 levels", () => {
    expect(() =>
      parsePositioned("ok.yaml", `a: ${"[".repeat(60)}${"]".repeat(60)}\n`),
    ).not.toThrow();
  });
});

describe("JSON syntax errors V8 gives no position for", () => {
  for (const [text, line, column, message] of [
    ['{\n  "identity": .nan\n}', 2, 15, /unexpected "\.", expected a value/],
    ['{\n  "a": tru\n}', 2, 8, /unexpected "t", expected a value/],
    ['{"a": 1}\n\n  x', 3, 3, /after (the )?JSON/i],
    ["", 1, 1, /unexpected end of the text, expected a value/],
  ] as const) {
    it(`${JSON.stringify(text)} -> ${line}:${column}`, () => {
      const error = errorOf(() => parsePositioned("s.json", text));
      expect(error).toMatchObject({ code: "XPO_JSON_SYNTAX", location: { line, column } });
      expect(error.message).toMatch(message);
      expect(error.message).not.toMatch(/is not valid JSON/);
    });
  }
});
