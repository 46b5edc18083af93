// Messages that used to mislead or say too little (issue 12, item 5): each says what was read,
// where, and what to write instead.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import { isXpoError, type XpoError } from "../model/errors.js";
import { loadProfile } from "../profile/load-profile.js";
import { repoRoot } from "../util/repo-root.js";
import { checkDatasheetText } from "./check-file.js";

const profile = loadProfile("public-2026-11");
const acme = readFileSync(join(repoRoot, "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml"), "utf8");
const cobalt = readFileSync(
  join(repoRoot, "fixtures/datasheets/pass/cobalt-xpo-coherent-lite.json"),
  "utf8",
);

// The problems a datasheet's input check reports, as "line: message".
function problems(file: string, text: string): string[] {
  try {
    checkDatasheetText(file, text, profile);
  } catch (error) {
    if (!isXpoError(error)) throw error;
    const list: readonly XpoError[] = error.problems.length ? error.problems : [error];
    return list.map((problem) => `${problem.location.line}: ${problem.message}`);
  }
  return [];
}

// The reasons of the failed verdicts of a datasheet.
function failures(text: string): string[] {
  return checkDatasheetText("m.yaml", text, profile)
    .verdicts.filter((verdict) => verdict.outcome === "fail")
    .map((verdict) => `${verdict.limitId}: ${verdict.reason}`);
}

const lineOf = (text: string, needle: string) =>
  text.split("\n").findIndex((line) => line.includes(needle)) + 1;

describe("input messages", () => {
  it('a quoted "0x26" gets its value 38, not "write the number alone: 0"', () => {
    const text = acme.replace("sff8024Identifier: 0x26", 'sff8024Identifier: "0x26"');
    expect(problems("m.yaml", text)).toEqual([
      `${lineOf(text, "sff8024Identifier")}: /management/sff8024Identifier: expected an integer in code, found the string "0x26"; write 38, or 0x26 without quotes`,
    ]);
  });

  it("cmisRevision: 5.10 is not silently read as 5.1", () => {
    const text = acme.replace("cmisRevision: 5.4", "cmisRevision: 5.10");
    const [problem, ...rest] = problems("m.yaml", text);
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      new RegExp(
        `^${lineOf(text, "cmisRevision")}: /management/cmisRevision: written 5\\.10, which YAML and JSON read as the number 5\\.1; a revision is major\\.minor, not a decimal: quote it \\("5\\.10"\\) to mean revision 5\\.10, or write 5\\.1 if that is the revision$`,
      ),
    );
    expect(problems("m.yaml", acme.replace("cmisRevision: 5.4", "cmisRevision: 5.0"))).toEqual([]);
  });

  it('a quoted "5.10" is revision 5.10: it meets XPO-MGMT-003, "5.3" does not', () => {
    const judged = (revision: string) =>
      checkDatasheetText(
        "m.yaml",
        acme.replace("cmisRevision: 5.4", `cmisRevision: ${revision}`),
        profile,
      ).verdicts.find((verdict) => verdict.limitId === "XPO-MGMT-003")?.outcome;
    expect(judged('"5.10"')).toBe("pass");
    expect(judged('"5.3"')).toBe("fail");
    expect(judged("5.4")).toBe("pass");
  });

  it("XPO-MGMT-003 judges a quoted revision as it judges the number (pattern and minimum agree)", () => {
    const limit = profile.limits.find((candidate) => candidate.info.id === "XPO-MGMT-003");
    if (!limit) throw new Error("no XPO-MGMT-003");
    const [minMajor = 0, minMinor = 0] = String(limit.info.bound.minimum).split(".").map(Number);
    for (let major = 3; major <= 12; major++)
      for (let minor = 0; minor <= 15; minor++) {
        const atLeast = major > minMajor || (major === minMajor && minor >= minMinor);
        expect(limit.validate(`${major}.${minor}`), `"${major}.${minor}"`).toBe(atLeast);
        if (minor < 10)
          expect(limit.validate(Number(`${major}.${minor}`)), `${major}.${minor}`).toBe(atLeast);
      }
  });

  it("a misspelled required key is reported once, as the unknown key with its suggestion", () => {
    const text = acme.replace("hotPluggable:", "hotPlugable:");
    expect(problems("m.yaml", text)).toEqual([
      `${lineOf(text, "hotPlugable")}: unknown key "hotPlugable" in /electrical; did you mean "hotPluggable"? (known keys: laneCount, laneRateGbps, modulation, hostInterface, hotPluggable)`,
    ]);
  });

  it("a value of the shape's own lists in another case gets did you mean", () => {
    const text = acme.replace("opticsVariant: DR8-LPO", "opticsVariant: dr8-lpo");
    expect(problems("m.yaml", text)).toEqual([
      `${lineOf(text, "opticsVariant")}: /identity/opticsVariant: expected one of "DR8-LPO", "DR8-LRO", "DR8-FRO", "FR4", "coherent-lite", "ZR", "VCSEL", "copper", "other", found the string "dr8-lpo"; did you mean "DR8-LPO"?`,
    ]);
  });

  it("malformed JSON says comment, trailing comma or single quotes in words", () => {
    const comment = cobalt.replace('"datasheetFormat": 1,', '"datasheetFormat": 1, // v1');
    expect(problems("m.json", comment)).toEqual([
      `${lineOf(comment, "// v1")}: malformed JSON: JSON allows no comments (// or /* */): remove it`,
    ]);
    const trailing = cobalt.replace(/\}\s*$/, ",\n}\n");
    expect(problems("m.json", trailing)[0]).toMatch(
      /malformed JSON: trailing comma before "}": JSON allows none, remove the comma$/,
    );
    expect(problems("m.json", '{"datasheetFormat": 1} {}')).toEqual([
      "1: malformed JSON: unexpected text after the JSON value: a datasheet is one JSON object",
    ]);
    expect(problems("m.json", "{'datasheetFormat': 1}")).toEqual([
      "1: malformed JSON: JSON strings and keys take double quotes, not single quotes",
    ]);
  });
});

describe("limit messages", () => {
  it("coolant: pg25 fails with did you mean PG25", () => {
    expect(failures(acme.replace("coolant: PG25", "coolant: pg25"))).toEqual([
      "XPO-COOL-001: observed pg25, limit one of PG25, DI-water; hint: did you mean PG25?",
    ]);
  });

  it("a power mode above maxPowerW fails XPO-PWR-007 at the mode's line", () => {
    const text = acme.replace("powerW: 82", "powerW: 90");
    const verdict = checkDatasheetText("m.yaml", text, profile).verdicts.find(
      (candidate) => candidate.limitId === "XPO-PWR-007",
    );
    expect(verdict?.outcome).toBe("fail");
    expect(verdict?.reason).toBe(
      'mode "mission" 90 W - maxPowerW 82 W; observed 8 W, limit <= 0 W',
    );
    expect(verdict?.evidence?.line).toBe(lineOf(text, "powerW: 90"));
    const ok = checkDatasheetText("m.yaml", acme, profile).verdicts.find(
      (candidate) => candidate.limitId === "XPO-PWR-007",
    );
    expect(ok?.outcome).toBe("pass");
  });

  it("the 212.5 Gb/s line rate and 448G lanes get told which data rate to write", () => {
    const [lineRate] = failures(acme.replace("laneRateGbps: 200", "laneRateGbps: 212.5"));
    expect(lineRate).toMatch(
      /^XPO-ELEC-004: .*; hint: laneRateGbps is the data rate of a lane: write 200 for a 200G lane/,
    );
    const wide = acme
      .replace("laneRateGbps: 200", "laneRateGbps: 448")
      .replace("modulation: PAM4", "modulation: PAM6");
    expect(failures(wide).find((reason) => reason.startsWith("XPO-ELEC-004"))).toMatch(
      /; hint: laneRateGbps is the data rate of a lane: write 400 for a 448G-class lane/,
    );
  });
});

describe("the terminal summary", () => {
  const dir = mkdtempSync(join(tmpdir(), "xpo-messages-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("counts the files with input errors and prints limit hints", async () => {
    writeFileSync(
      join(dir, "a.yaml"),
      acme.replace("hotPluggable:", "hotPlugable:").replace("heightMm:", "heighMm:"),
    );
    writeFileSync(join(dir, "b.json"), '{"datasheetFormat": 1,}');
    writeFileSync(join(dir, "c.yaml"), acme.replace("coolant: PG25", "coolant: pg25"));
    const result = await runXpo(["validate", dir, "--out", join(dir, "out")]);
    expect(result.stdout).toMatch(/; 3 input error\(s\) in 2 file\(s\)\n/);
    expect(result.stdout).toMatch(/FAIL .*c\.yaml:\d+:\d+ +XPO-COOL-001 .*; did you mean PG25\?\n/);
    expect(result.exitCode).toBe(2);
  });
});
