// JUnit output checked by a tool we did not write: xmllint against the Jenkins xUnit XSD.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasJunitXsd, junitXsdPath } from "../../test/support/paths.js";
import { createSyntheticLiveRecord } from "../../test/support/synthetic-live-record.js";
import { HOSTILE_VENDOR } from "../../test/support/synthetic-record.js";
import { createSyntheticValidateRecord } from "../../test/support/synthetic-validate-record.js";
import { describeWithTool, gateTool, inCI } from "../../test/support/tools.js";
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

// Run xmllint; returns stdout, throws with stderr on a non-zero exit.
function xmllint(...args: string[]): string {
  return execFileSync("xmllint", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function validate(path: string): void {
  expect(() => xmllint("--noout", "--schema", junitXsdPath, path)).not.toThrow();
}

function xpath(path: string, expression: string): string {
  return xmllint("--xpath", expression, path).trim();
}

function tally(lines: RecordLine[]) {
  const counts = { pass: 0, fail: 0, marginal: 0, "not-applicable": 0, error: 0, input: 0 };
  for (const line of lines) {
    if (line.type === "verdict") counts[line.outcome] += 1;
    if (line.type === "input-error") counts.input += 1;
  }
  return counts;
}

const xsdPresent = hasJunitXsd();
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

if (!xsdPresent) {
  describe.skip(`JUnit XSD [skipped: ${junitXsdPath} is absent]`, () => {
    it("validates", () => {});
  });
}

describeWithTool(xmllintGate, "junit.xml against the Jenkins xUnit XSD (xmllint)", () => {
  const ifXsd = xsdPresent ? it : it.skip;

  ifXsd("one datasheet: valid, one suite, one testcase per limit", () => {
    const lines = createSyntheticValidateRecord({ datasheets: 1, showcase: true });
    const path = writeJunit(lines);
    validate(path);
    const verdicts = lines.filter((l) => l.type === "verdict").length;
    expect(Number(xpath(path, "count(//testsuite)"))).toBe(1);
    expect(Number(xpath(path, "count(//testcase)"))).toBe(verdicts);
    const t = tally(lines);
    expect(Number(xpath(path, "string(/testsuites/@failures)"))).toBe(t.fail);
    expect(Number(xpath(path, "count(//failure)"))).toBe(t.fail);
    expect(Number(xpath(path, "count(//skipped)"))).toBe(t["not-applicable"]);
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
  });

  ifXsd("1,000 datasheets: valid, and every count attribute matches the record", () => {
    const lines = createSyntheticValidateRecord({ datasheets: 1000, seed: 3 });
    const path = writeJunit(lines);
    validate(path);
    const t = tally(lines);
    expect(Number(xpath(path, "count(//testsuite)"))).toBe(1000);
    expect(Number(xpath(path, "count(//failure)"))).toBe(t.fail);
    expect(Number(xpath(path, "count(//error)"))).toBe(t.error + t.input);
    expect(Number(xpath(path, "count(//skipped)"))).toBe(t["not-applicable"]);
    expect(Number(xpath(path, "count(//testcase)"))).toBe(
      t.pass + t.fail + t.marginal + t["not-applicable"] + t.error + t.input,
    );
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
    expect(xpath(path, "string(/testsuites/@tests)")).toBe(xpath(path, "count(//testcase)"));
    expect(xpath(path, "string(/testsuites/@failures)")).toBe(String(t.fail));
    // Marginal passes, marked in system-out; the name stays the limit's.
    expect(Number(xpath(path, "count(//system-out[starts-with(., 'MARGINAL')])"))).toBe(t.marginal);
  });

  ifXsd("hostile vendor strings: valid, escaped, illegal characters replaced", () => {
    const lines = createSyntheticValidateRecord({ datasheets: 3, hostile: true, showcase: true });
    const path = writeJunit(lines);
    validate(path);
    expect(xpath(path, "string((//property[@name='subject.vendor'])[1]/@value)")).toBe(
      HOSTILE_VENDOR,
    );
    const part = xpath(path, "string((//property[@name='subject.partNumber'])[1]/@value)");
    expect(part).toContain("]]>");
    expect(part).toContain("\uFFFD");
    const controls = [...part].filter((c) => c < " " && c !== "\t" && c !== "\n" && c !== "\r");
    expect(controls).toEqual([]);
  });

  ifXsd("an incomplete record: valid, and the unfinished run is an error", () => {
    const lines = createSyntheticValidateRecord({ datasheets: 4, incomplete: true, seed: 5 });
    const path = writeJunit(lines);
    validate(path);
    expect(Number(xpath(path, "count(//error[@type='XPO_INCOMPLETE'])"))).toBe(2);
    expect(xpath(path, "string(//testsuite[starts-with(@name, 'run ')]/testcase/@name)")).toBe(
      "run finished",
    );
  });

  ifXsd("a live run: 64 lane verdicts and the failed case temperature", () => {
    const lines = createSyntheticLiveRecord({ readings: 7000 });
    const path = writeJunit(lines);
    validate(path);
    expect(Number(xpath(path, "count(//testcase[starts-with(@name, 'SYN-OPT-001')])"))).toBe(64);
    expect(xpath(path, "string(//failure/@message)")).toMatch(/observed .* °C; limit <= .*°C/);
  });

  ifXsd("any string in any field keeps the file valid (property test)", () => {
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

describe("CI gate", () => {
  it("fails rather than skips when the XSD is missing under CI=true", () => {
    if (inCI) expect(xsdPresent).toBe(true);
  });
});
