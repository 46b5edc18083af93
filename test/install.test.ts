// The harness as a vendor's repository gets it: `npm pack`, installed into an empty folder,
// `npx xpo init` and `npx xpo validate` there, and the starter datasheet checked by the real
// yaml-language-server against the schemas inside node_modules/xpo-msa-harness.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installTarball, packHarness } from "./support/install-tarball.js";
import {
  startYamlLanguageServer,
  type YamlLanguageServer,
} from "./support/yaml-language-server.js";

const root = mkdtempSync(join(tmpdir(), "xpo-install-"));
const app = join(root, "vendor-repo");
const npx = (args: string[]) =>
  execa("npx", args, { cwd: app, reject: false, env: { NO_COLOR: "1" }, timeout: 60_000 });
let server: YamlLanguageServer;

beforeAll(async () => {
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{ "name": "vendor-repo", "private": true }\n');
  installTarball(packHarness(root), app);
  server = await startYamlLanguageServer(app);
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("installed from the tarball", () => {
  it("xpo init writes a starter datasheet whose $schema line points into node_modules", async () => {
    const result = await npx(["xpo", "init", "datasheets/my-module.yaml"]);
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    const text = readFileSync(join(app, "datasheets/my-module.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../node_modules/xpo-msa-harness/schemas/xpo/public-2026-11/xpo.schema.json",
    );
    expect((await npx(["xpo", "init", "datasheets/my-module.yaml"])).exitCode).toBe(2);
  });

  it("npx xpo validate passes the starter and fails it over the power limit", async () => {
    const good = await npx(["xpo", "validate", "datasheets", "--out", "reports"]);
    expect(good.stdout).toMatch(/^1 datasheet\(s\): \d+ passed, 0 failed/m);
    expect(good.exitCode).toBe(0);
    const file = join(app, "datasheets/my-module.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("maxPowerW: 82", "maxPowerW: 500"));
    const bad = await npx(["xpo", "validate", "datasheets", "--out", "reports"]);
    expect(bad.stdout).toMatch(/FAIL +datasheets\/my-module\.yaml:\d+:\d+ +XPO-PWR-001 /);
    expect(bad.exitCode).toBe(1);
  });

  it("yaml-language-server checks it against the installed schemas, offline", async () => {
    const file = join(app, "datasheets/my-module.yaml");
    const diagnostics = await server.open(file);
    const line = readFileSync(file, "utf8")
      .split("\n")
      .findIndex((text) => text.includes("maxPowerW: 500"));
    expect(diagnostics.map((d) => `${d.range.start.line}: ${d.message}`)).toEqual([
      `${line}: Value is above the maximum of 480.`,
    ]);
    expect(await server.hover(file, line, 4)).toMatch(/\*\*XPO-PWR-001\*\* Maximum module power/);
  });
});
