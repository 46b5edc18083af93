import { describe, expect, it } from "vitest";
import {
  findMessageEnd,
  isQueryMessage,
  parseBlock,
  parseBool,
  parseErrorEntry,
  parseIdentity,
  parseNumber,
  parseString,
  splitList,
  splitResponses,
  stripTerminator,
} from "./parse.js";

describe("parseNumber", () => {
  const cases: [string, number][] = [
    ["0", 0],
    ["+12", 12],
    ["-3", -3],
    ["12.50", 12.5],
    [".5", 0.5],
    ["+1.23456789E+00", 1.23456789],
    ["4.8e1", 48],
    ["-1.5E-03", -0.0015],
    ["9.9E37", Infinity],
    ["+9.90000000E+37", Infinity],
    ["-9.9E+37", -Infinity],
    ["#H1F", 31],
    ["#Q17", 15],
    ["#B101", 5],
  ];
  for (const [text, value] of cases)
    it(`${text} -> ${value}`, () => expect(parseNumber(text)).toBe(value));
  for (const nan of ["9.91E37", "9.91E+37", "+9.91000E+37"])
    it(`${nan} -> NaN`, () => expect(parseNumber(nan)).toBeNaN());
  for (const bad of ["", "abc", "1.2.3", "#15hello", "1e", "#B102"])
    it(`rejects ${JSON.stringify(bad)}`, () => expect(() => parseNumber(bad)).toThrow());
});

describe("parseBool", () => {
  const cases: [string, boolean][] = [
    ["1", true],
    ["0", false],
    ["ON", true],
    ["off", false],
    ["YES", true],
    ["+0", false],
  ];
  for (const [text, value] of cases)
    it(`${text} -> ${value}`, () => expect(parseBool(text)).toBe(value));
  it("rejects MAYBE", () => expect(() => parseBool("MAYBE")).toThrow());
});

describe("strings, lists, compound replies", () => {
  it("unquotes with doubled quotes", () => {
    expect(parseString('"hello, ""world"""')).toBe('hello, "world"');
    expect(parseString("'it''s'")).toBe("it's");
    expect(() => parseString('"open')).toThrow();
  });
  it("splits compound replies outside strings and blocks", () => {
    expect(splitResponses('A,B;1;"x;y"')).toEqual(["A,B", "1", '"x;y"']);
    expect(splitResponses("#13a;b;2")).toEqual(["#13a;b", "2"]);
  });
  it("splits lists", () => {
    expect(splitList('+1.0E+00, 2 ,"a,b"')).toEqual(["+1.0E+00", "2", '"a,b"']);
    expect(splitList("")).toEqual([]);
  });
  it("parses *IDN? and SYST:ERR?", () => {
    expect(parseIdentity("CHROMA,62012P-80-60,SIM1,1.00,build 7")).toEqual({
      vendor: "CHROMA",
      model: "62012P-80-60",
      serial: "SIM1",
      firmware: "1.00,build 7",
    });
    expect(() => parseIdentity("ACME,X")).toThrow();
    expect(parseErrorEntry('-113,"Undefined header;FOO:BAR"')).toEqual({
      code: -113,
      message: "Undefined header",
      info: "FOO:BAR",
    });
    expect(parseErrorEntry('0,"No error"')).toEqual({ code: 0, message: "No error" });
    expect(parseErrorEntry('+201,"Oops, it, broke"')).toEqual({
      code: 201,
      message: "Oops, it, broke",
    });
  });
});

describe("isQueryMessage", () => {
  it("decides by headers ending in ?, outside strings and blocks (issue 11)", () => {
    expect(isQueryMessage("*IDN?")).toBe(true);
    expect(isQueryMessage("SOUR:VOLT 48;MEAS:VOLT?")).toBe(true);
    expect(isQueryMessage("MEAS:VOLT? (@1)")).toBe(true);
    expect(isQueryMessage('DISP:TEXT "Ready?"')).toBe(false);
    expect(isQueryMessage('DISP:TEXT "a;b?";OUTP ON')).toBe(false);
    expect(isQueryMessage("DATA #14ab?;OUTP ON")).toBe(false);
    expect(isQueryMessage('DISP:TEXT "x";OUTP?')).toBe(true);
  });
});

describe("framing", () => {
  const b = (s: string) => Buffer.from(s, "latin1");
  it("ends at LF, strips LF then one CR", () => {
    expect(findMessageEnd(b("1.0\n2\n"))).toBe(4);
    expect(findMessageEnd(b("1.0"))).toBe(-1);
    expect(stripTerminator(b("x\r\n")).toString()).toBe("x");
    expect(stripTerminator(b("x\r\r\n")).toString()).toBe("x\r");
  });
  it("reads definite blocks by length even with LF and CRLF inside", () => {
    const msg = b("#16\x00\n\r\n\r\n\n");
    expect(findMessageEnd(msg)).toBe(msg.length);
    expect(findMessageEnd(b("#16\x00\n\r\n"))).toBe(-1);
    expect([...parseBlock(stripTerminator(msg))]).toEqual([0, 10, 13, 10, 13, 10]);
    expect(findMessageEnd(b("1,#H1F\n"))).toBe(7);
  });
  it("a # and digits inside a quoted string are text, not a block header (issue 11)", () => {
    expect(findMessageEnd(b('"Fault #250 on ch 1"\n'))).toBe(21);
    expect(findMessageEnd(b('-113,"Undefined header;DIAG:BLOC #2500"\n'))).toBe(40);
    expect(findMessageEnd(b("'it''s #15'\n"))).toBe(12);
    expect(findMessageEnd(b('"a""#15"\n'))).toBe(9);
    expect(findMessageEnd(b('"Fault #250'))).toBe(-1);
    // a block after a string is still read by length
    const msg = b('"x #3",#15a\nb\nc\n');
    expect(findMessageEnd(msg)).toBe(msg.length);
    // an apostrophe inside bare text is not a string
    expect(findMessageEnd(b("O'Brien,#14ab\ncd\n"))).toBe(17);
  });
  it("rejects short blocks", () => expect(() => parseBlock(b("#15ab"))).toThrow());
});
