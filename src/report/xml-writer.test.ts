// The XML escapers against the rule they implement, on arbitrary UTF-16 text (lone surrogates,
// C0 controls, U+FFFE/U+FFFF included): their fast paths must give exactly what the rule gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeXmlAttribute, escapeXmlText, XmlWriter } from "./xml-writer.js";

const ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

// One code point at a time: markup to entities, what XML 1.0 refuses to U+FFFD.
function reference(text: string, special: string): string {
  let out = "";
  for (const c of text) {
    const cp = c.codePointAt(0) ?? 0;
    const legal =
      cp === 0x9 ||
      cp === 0xa ||
      cp === 0xd ||
      (cp >= 0x20 && cp <= 0xd7ff) ||
      (cp >= 0xe000 && cp <= 0xfffd) ||
      (cp >= 0x10000 && cp <= 0x10ffff);
    out += special.includes(c) ? (ENTITY[c] as string) : legal ? c : "\uFFFD";
  }
  return out;
}

const texts = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({
    unit: fc.constantFrom(
      "a",
      "<",
      ">",
      "&",
      '"',
      "\t",
      "\n",
      "\u0001",
      "é",
      "\uD800",
      "\uDC00",
      "\uFFFE",
      "😀",
    ),
  }),
);

describe("XML escaping", () => {
  it("text: the fast paths give what the rule gives", () => {
    fc.assert(
      fc.property(texts, (t) => {
        expect(escapeXmlText(t)).toBe(reference(t, "&<>"));
      }),
    );
  });

  it("attributes: the fast paths give what the rule gives", () => {
    fc.assert(
      fc.property(texts, (t) => {
        expect(escapeXmlAttribute(t)).toBe(reference(t, '&<>"\t\n\r'));
      }),
    );
  });

  it("leafIn writes what open, leaf and close write", () => {
    fc.assert(
      fc.property(texts, (t) => {
        const one = new XmlWriter({ declaration: false, openElements: ["suite"] });
        one.leafIn("case", { name: t }, "out", t);
        const three = new XmlWriter({ declaration: false, openElements: ["suite"] });
        three.open("case", { name: t }).leaf("out", {}, t).close();
        expect(one.end()).toBe(three.end());
      }),
    );
  });
});
