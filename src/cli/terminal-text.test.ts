// What the CLI prints from input never carries raw control characters (an ESC sequence in a
// datasheet or a record cannot drive the terminal), encodings and torn records get clear
// errors, and an empty --out is a usage error (B26). Runs the built CLI as a user would.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import { serializeRecord } from "../../test/support/synthetic-record.js";
import { createSyntheticValidateRecord } from "../../test/support/synthetic-validate-record.js";
import { escapeControl } from "../model/terminal-text.js";
import { repoRoot } from "../util/repo-root.js";

const good = readFileSync(join(repoRoot, "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml"), "utf8");
const ESC = "\u001b";
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xpo-terminal-"));
  const hostile = `"${ESC}]0;pwned${ESC}\\\\${ESC}[2J\\r"`;
  writeFileSync(join(dir, "esc.yaml"), good.replace("maxPowerW: 82", `maxPowerW: ${hostile}`));
  writeFileSync(join(dir, "key.yaml"), good.replace("maxPowerW: 82", `${hostile}: 82`));
  writeFileSync(
    join(dir, "utf16.yaml"),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, "utf16le")]),
  );
  const lines = serializeRecord(createSyntheticValidateRecord({ datasheets: 1 })).split("\n");
  lines.splice(1, 0, JSON.stringify({ type: `${ESC}[31mred${ESC}[0m` }));
  writeFileSync(join(dir, "run.jsonl"), lines.join("\n"));
  writeFileSync(join(dir, "torn.jsonl"), (lines[0] as string).slice(0, 60));
});

describe("escapeControl", () => {
  it("escapes C0, C1, DEL and bidi controls and keeps tab, newline and other text", () => {
    expect(escapeControl(`a${ESC}[1mb\r\u0085\u202e\u007f\tc\nd Ω😀`)).toBe(
      "a\\u001b[1mb\\u000d\\u0085\\u202e\\u007f\tc\nd Ω😀",
    );
    expect(escapeControl("plain")).toBe("plain");
  });
});

describe("the CLI never echoes control characters from input", () => {
  for (const file of ["esc.yaml", "key.yaml"]) {
    it(`xpo validate ${file}`, async () => {
      const result = await runXpo(["validate", join(dir, file), "--out", join(dir, "out")]);
      expect(result.exitCode).toBe(2);
      const printed = result.stdout + result.stderr;
      expect(printed).toContain("\\u001b]0;pwned");
      expect(printed).not.toContain(ESC);
      expect(printed).not.toContain("\r");
    });
  }

  it("xpo report on a record with an unknown line type", async () => {
    const result = await runXpo(["report", join(dir, "run.jsonl"), "--out", join(dir, "rep")]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('unknown type "\\u001b[31mred');
    expect(result.stdout + result.stderr).not.toContain(ESC);
  });
});

describe("clear input and usage errors", () => {
  it("names a UTF-16 datasheet with a fix line", async () => {
    const result = await runXpo(["validate", join(dir, "utf16.yaml"), "--out", join(dir, "o16")]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/utf16\.yaml: the file is UTF-16 LE .*\[XPO_ENCODING\]/);
    expect(result.stdout).toMatch(/fix: Save the file as UTF-8/);
  });

  it("says a record whose only line is cut is torn", async () => {
    const result = await runXpo(["report", join(dir, "torn.jsonl"), "--out", join(dir, "t")]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/torn\.jsonl:1: torn record: its only line is cut off/);
  });

  for (const command of [
    ["validate", join(repoRoot, "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml")],
    ["report", "run.jsonl"],
  ]) {
    it(`xpo ${command[0]} --out "" is a usage error`, async () => {
      const result = await runXpo([...command, "--out", ""], { cwd: dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/--out .*the folder name is empty/);
    });
  }
});
