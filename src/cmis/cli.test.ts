// `xpo cmis decode`, `xpo cmis image` and `xpo validate --cmis` as a user runs them (the built CLI).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import { repoRoot } from "../util/repo-root.js";

const dir = mkdtempSync(join(tmpdir(), "xpo-cmis-cli-"));
const datasheet = "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml";
const good = "fixtures/cmis/good/acme-xpo-dr8-lpo.hex";

describe("xpo cmis", () => {
  it("image writes the starter image the fixtures come from", async () => {
    const out = join(dir, "module.bin");
    const result = await runXpo(["cmis", "image", datasheet, "-o", out]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/wrote .*module\.bin \(linear, 8 banks\)/);
    const fixture = readFileSync(join(repoRoot, "fixtures/cmis/good/acme-xpo-dr8-lpo.bin"));
    expect(readFileSync(out).equals(fixture)).toBe(true);
  });

  it("decode prints identity, power and all 64 lanes", async () => {
    const result = await runXpo(["cmis", "decode", good]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/SFF-8024 identifier\s+: 0x26 \(XPO\)/);
    expect(result.stdout).toMatch(/MaxPower \(0\.25 W units, at most 63\.75 W\)\s+: 63\.7500 W/);
    expect(result.stdout).toMatch(/Application 1\s+: host 0x83 \(1\.6TAUI-8\)/);
    expect(result.stdout).toMatch(/\n\t64\s+no/);
  });

  it("decode --json gives every field with its page, bank and byte", async () => {
    const result = await runXpo(["cmis", "decode", good, "--json"]);
    expect(result.exitCode).toBe(0);
    const decoded = JSON.parse(result.stdout);
    expect(decoded.format).toBe("hexdump");
    expect(decoded.bankCount).toBe(8);
    const lane64 = decoded.fields.find(
      (f: { name: string; lane?: number }) => f.name === "dataPathState" && f.lane === 64,
    );
    expect(lane64).toMatchObject({ page: "11h", bank: 7, offset: 131, text: "DataPathActivated" });
  });

  it("image writes every format, and each decodes like the good image", async () => {
    const reference = JSON.parse((await runXpo(["cmis", "decode", good, "--json"])).stdout);
    const formats: [string, string][] = [
      ["folder", "pages"],
      ["hex", "m.hex"],
      ["linear", "m.bin"],
    ];
    for (const [format, name] of formats) {
      const out = join(dir, `format-${name}`);
      const written = await runXpo(["cmis", "image", datasheet, "-o", out, "--format", format]);
      expect(written.exitCode, format).toBe(0);
      const decoded = JSON.parse((await runXpo(["cmis", "decode", out, "--json"])).stdout);
      expect(decoded.fields, format).toEqual(reference.fields);
    }
  });

  it("limits --cmis lists the CMIS limits and the sources they cite", async () => {
    const result = await runXpo(["limits", "--cmis", "--json"]);
    expect(result.exitCode).toBe(0);
    const catalogue = JSON.parse(result.stdout);
    expect(catalogue.limits.every((l: { id: string }) => l.id.startsWith("CMIS-"))).toBe(true);
    expect(catalogue.limits.find((l: { id: string }) => l.id === "CMIS-ID-001").bound).toEqual({
      const: 38,
    });
    expect(catalogue.sources.map((s: { id: string }) => s.id)).toContain("C1");
  });

  it("decode of a bad dump exits 2 with where and how to fix", async () => {
    const bad = join(dir, "bad.hex");
    writeFileSync(bad, "0x0000:\t\t18 4g\n");
    const result = await runXpo(["cmis", "decode", bad]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /bad\.hex:1:13: "4g" is not a hex byte \[XPO_CMIS_INPUT\]\n {2}fix: /,
    );
  });
});

describe("xpo validate --cmis", () => {
  it("a wrong MaxPower byte fails with the byte as evidence, in the record and the reports", async () => {
    const out = join(dir, "reports");
    const dump = "fixtures/cmis/fail/CMIS-PWR-002.hex";
    const result = await runXpo(["validate", datasheet, "--cmis", dump, "--out", out]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/FAIL .*page 00h byte 201 = 0xEB\s+CMIS-PWR-002/);
    const lines = readFileSync(join(out, "run.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0].limits.map((l: { id: string }) => l.id)).toContain("CMIS-PWR-002");
    const verdict = lines.find((l) => l.type === "verdict" && l.limitId === "CMIS-PWR-002");
    expect(verdict).toMatchObject({
      outcome: "fail",
      observed: 0xeb,
      evidence: { file: dump, memory: "page 00h byte 201 = 0xEB" },
    });
    expect(readFileSync(join(out, "junit.xml"), "utf8")).toContain("page 00h byte 201 = 0xEB");
  });

  it("a disagreeing identity says both sides on the terminal, not `= true`", async () => {
    const dump = "fixtures/cmis/fail/CMIS-IDN-001.hex";
    const result = await runXpo(["validate", datasheet, "--cmis", dump, "--out", join(dir, "idn")]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /CMIS-IDN-001 [^\n]*: module "Acme PhotonicsX", datasheet identity\.vendor "Acme Photonics"/,
    );
    expect(result.stdout).not.toMatch(/vs = true/);
  });

  it("the good image passes with its datasheet", async () => {
    const result = await runXpo(["validate", datasheet, "--cmis", good, "--out", join(dir, "ok")]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/0 failed, 0 marginal, \d+ not applicable, 0 errors/);
  });

  it("an unreadable dump is an input error (exit 2), never a pass", async () => {
    const short = join(dir, "short.bin");
    writeFileSync(short, new Uint8Array(1000));
    const result = await runXpo([
      "validate",
      datasheet,
      "--cmis",
      short,
      "--out",
      join(dir, "bad"),
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(
      /short\.bin: 1000 bytes is not the size of a linear CMIS image.*\[XPO_CMIS_INPUT\]/,
    );
  });
});
