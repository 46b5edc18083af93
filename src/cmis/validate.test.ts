// A datasheet that names its CMIS dump (management.cmisImage) is cross-checked by xpo validate
// without --cmis, the CMIS limits in the record's catalogue; one without a dump is not.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadProfile } from "../profile/load-profile.js";
import { repoRoot } from "../util/repo-root.js";
import { runValidate } from "../validate/run-validate.js";

const profile = loadProfile("public-2026-11");
const dir = mkdtempSync(join(tmpdir(), "xpo-cmis-named-"));
const base = readFileSync(join(repoRoot, "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml"), "utf8");

function records(path: string) {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

it("checks the dump a datasheet names, relative to the datasheet", async () => {
  const fixture = join(repoRoot, "fixtures/cmis/fail/CMIS-PWR-002.hex");
  writeFileSync(join(dir, "broken.hex"), readFileSync(fixture));
  const file = join(dir, "acme.yaml");
  writeFileSync(file, base.replace(/^management:\n/m, "management:\n  cmisImage: broken.hex\n"));
  const result = await runValidate({ inputs: [file], profile, outDir: join(dir, "out") });
  expect(result.exitCode).toBe(1);
  const lines = records(result.recordPath);
  expect(lines[0].limits.map((l: { id: string }) => l.id)).toContain("CMIS-PWR-002");
  const failed = lines.filter((l) => l.type === "verdict" && l.outcome === "fail");
  expect(failed.map((l) => l.limitId)).toEqual(["CMIS-PWR-002"]);
  expect(failed[0].evidence).toEqual({
    file: join(dir, "broken.hex"),
    memory: "page 00h byte 201 = 0xEB",
  });
});

it("leaves the CMIS limits out of a run that judges none", async () => {
  const file = join(dir, "plain.yaml");
  writeFileSync(file, base);
  const result = await runValidate({ inputs: [file], profile, outDir: join(dir, "plain") });
  const ids = records(result.recordPath)[0].limits.map((l: { id: string }) => l.id);
  expect(ids.some((id: string) => id.startsWith("CMIS-"))).toBe(false);
});
