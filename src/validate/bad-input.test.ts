// Bad input, as a user meets it through the CLI: exit code 2, one clear message naming the file
// (and line where there is one) with a fix, never a stack trace, and good files still checked.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import { repoRoot } from "../util/repo-root.js";

const good = readFileSync(join(repoRoot, "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml"), "utf8");
let dir: string;

function aliasBomb(): string {
  let text = `a: &a [${Array(9).fill('"lol"').join(",")}]\n`;
  let previous = "a";
  for (const name of "bcdefghi") {
    text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]\n`;
    previous = name;
  }
  return text;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xpo-bad-"));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  write("malformed.yaml", "datasheetFormat: 1\nidentity: [1, 2\nmechanical: 3\n");
  write("malformed.json", '{\n  "datasheetFormat": 1,\n  "identity": {,}\n}\n');
  write("bomb.yaml", aliasBomb());
  write("big.yaml", `# ${"x".repeat(50 * 1024 * 1024)}\n`);
  write("string.yaml", good.replace("maxPowerW: 82", 'maxPowerW: "480 W"'));
  write("typo.yaml", good.replace("maxPowerW: 82", "maxPowerWatts: 82"));
  write("proto.yaml", good.replace("mechanical:", "__proto__: { polluted: true }\nmechanical:"));
  write("nan.yaml", good.replace("maxPowerW: 82", "maxPowerW: .nan"));
  mkdirSync(join(dir, "empty"));
  mkdirSync(join(dir, "mixed"));
  for (let i = 0; i < 99; i++)
    writeFileSync(join(dir, "mixed", `good-${String(i).padStart(2, "0")}.yaml`), good);
  copyFileSync(join(dir, "malformed.yaml"), join(dir, "mixed", "bad.yaml"));
});

async function validate(...args: string[]) {
  const result = await runXpo(["validate", ...args, "--out", join(dir, "out")]);
  const output = `${result.stdout}\n${result.stderr}`;
  expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // no stack trace
  return { ...result, output };
}

describe("xpo validate on bad input", () => {
  const cases: [string, () => string, RegExp][] = [
    [
      "a missing file",
      () => join(dir, "nope.yaml"),
      /nope\.yaml: no such file or folder \[XPO_FILE_NOT_FOUND\]/,
    ],
    [
      "a folder with no datasheets",
      () => join(dir, "empty"),
      /empty: this folder holds no .* \[XPO_NO_DATASHEETS\]/,
    ],
    [
      "malformed YAML",
      () => join(dir, "malformed.yaml"),
      /malformed\.yaml:\d+:\d+: malformed YAML: .*\[XPO_YAML_SYNTAX\]/,
    ],
    [
      "malformed JSON",
      () => join(dir, "malformed.json"),
      /malformed\.json:3:\d+: malformed JSON: .*\[XPO_JSON_SYNTAX\]/,
    ],
    [
      "a YAML alias bomb",
      () => join(dir, "bomb.yaml"),
      /bomb\.yaml: too many YAML aliases.*\[XPO_YAML_ALIAS_LIMIT\]/,
    ],
    [
      "a 50 MB file",
      () => join(dir, "big.yaml"),
      /big\.yaml: the file is 52\.4 MB; a datasheet may be at most 1024 KiB/,
    ],
    [
      "a string where a number is expected",
      () => join(dir, "string.yaml"),
      /string\.yaml:31:14: \/power\/maxPowerW: expected a number in W, found the string "480 W"; write the number alone: 480/,
    ],
    [
      "an unknown key",
      () => join(dir, "typo.yaml"),
      /typo\.yaml:31:3: unknown key "maxPowerWatts" in \/power; did you mean "maxPowerW"\?/,
    ],
    [
      "a __proto__ key",
      () => join(dir, "proto.yaml"),
      /proto\.yaml:13:1: key "__proto__" is not allowed \[XPO_FORBIDDEN_KEY\]/,
    ],
    [
      "a .nan number",
      () => join(dir, "nan.yaml"),
      /nan\.yaml:31:14: \/power\/maxPowerW: expected a finite number/,
    ],
  ];
  for (const [name, path, message] of cases) {
    it(`reports ${name} with exit code 2`, async () => {
      const result = await validate(path());
      expect(result.exitCode).toBe(2);
      expect(result.output).toMatch(message);
      expect(result.output).toMatch(/fix: /);
    });
  }

  it("still checks and records the 99 good files beside one bad one", async () => {
    const result = await validate(join(dir, "mixed"));
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/99 datasheet\(s\)|100 datasheet\(s\)/);
    const lines = readFileSync(join(dir, "out", "run.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const subjects = lines.filter((line) => line.type === "subject");
    expect(subjects).toHaveLength(100);
    expect(lines.filter((line) => line.type === "input-error")).toHaveLength(1);
    const checked = new Set(
      lines.filter((line) => line.type === "verdict").map((line) => line.subjectId),
    );
    expect(checked.size).toBe(99);
    expect(lines.at(-1)?.type).toBe("run-end");
  });

  it("lists the known profiles for an unknown --profile", async () => {
    const result = await validate(join(dir, "mixed"), "--profile", "no-such-profile");
    expect(result.exitCode).toBe(2);
    expect(result.output).toMatch(
      /unknown profile "no-such-profile".*\n\s+fix: Use one of: public-2026-11/,
    );
  });

  it("treats bad arguments as a usage error", async () => {
    expect((await runXpo(["validate"])).exitCode).toBe(2);
    const unknown = await runXpo(["validate", "--frobnicate", "x"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--frobnicate'/);
  });
});
