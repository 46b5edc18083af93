import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromPointer, toPointer } from "./json-pointer.js";

// RFC 6901's escaping, written out plainly: what toPointer's fast loop must match.
const reference = (path: readonly (string | number)[]) =>
  path.map((part) => `/${String(part).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");

const part = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "~", "/", "0", "1", "*", " ", "é") }),
  fc.string(),
  fc.nat(),
);

describe("toPointer", () => {
  it("escapes ~ and / as RFC 6901 does", () => {
    expect(toPointer(["a/b", "m~n", 3, "*"])).toBe("/a~1b/m~0n/3/*");
    expect(toPointer(["~1"])).toBe("/~01");
    expect(toPointer([])).toBe("");
  });

  it("gives the reference's text for any path", () => {
    fc.assert(fc.property(fc.array(part), (path) => toPointer(path) === reference(path)));
  });

  it("round-trips through fromPointer", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1 }), (path) => {
        expect(fromPointer(toPointer(path))).toEqual(path);
      }),
    );
  });
});
