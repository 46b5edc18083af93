// Editor checking as a vendor gets it: the real yaml-language-server (npm), over LSP stdio,
// offline, on datasheets whose first line points at the profile's xpo.schema.json by a
// relative path. The schema files carry no $id, so the server resolves every $ref against the
// file's own location: no "Problems loading reference", and the limits, the key names and the
// hover text all come through.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startYamlLanguageServer,
  type YamlLanguageServer,
} from "../../test/support/yaml-language-server.js";
import { repoRoot } from "../util/repo-root.js";

const schema = join(repoRoot, "schemas/xpo/public-2026-11/xpo.schema.json");
const acme = readFileSync(join(repoRoot, "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml"), "utf8");

let server: YamlLanguageServer;
let dir: string;

// Write a datasheet whose modeline is a path relative to itself, as a vendor would write it.
function datasheet(name: string, edit: (text: string) => string): string {
  const file = join(dir, name);
  const body = edit(acme).replace(/^# yaml-language-server: .*\n/, "");
  writeFileSync(file, `# yaml-language-server: $schema=${relative(dir, schema)}\n${body}`);
  return file;
}

// The 0-based line of the first line containing `text`.
function lineOf(file: string, text: string): number {
  const line = readFileSync(file, "utf8")
    .split("\n")
    .findIndex((l) => l.includes(text));
  if (line < 0) throw new Error(`${text} not in ${file}`);
  return line;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "xpo-editor-"));
  server = await startYamlLanguageServer(dir);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("yaml-language-server on a datasheet", () => {
  it("loads every schema offline and finds nothing wrong in a passing datasheet", async () => {
    const diagnostics = await server.open(datasheet("good.yaml", (text) => text));
    expect(diagnostics.map((d) => d.message)).toEqual([]);
  });

  it("puts an over-limit value and a misspelled key at their lines", async () => {
    const file = datasheet("bad.yaml", (text) =>
      text.replace("maxPowerW: 82", "maxPowerW: 500").replace("hotPluggable:", "hotPlugable:"),
    );
    const diagnostics = await server.open(file);
    const messages = diagnostics.map((d) => `${d.range.start.line}: ${d.message}`);
    expect(messages).not.toContainEqual(expect.stringMatching(/Problems loading|ENOTFOUND/));
    expect(messages).toContain(
      `${lineOf(file, "maxPowerW: 500")}: Value is above the maximum of 480.`,
    );
    expect(messages).toContain(
      `${lineOf(file, "hotPlugable:")}: Property hotPlugable is not allowed.`,
    );
  });

  it("completes the keys inside power: and the coolant names", async () => {
    const file = datasheet("partial.yaml", (text) =>
      text.replace(/^ {2}maxPowerW: 82\n/m, "  \n").replace("coolant: PG25", "coolant: "),
    );
    await server.open(file);
    const inPower = await server.completion(file, lineOf(file, "  modes:") - 1, 2);
    expect(inPower.map((item) => item.label)).toContain("maxPowerW");
    const coolants = await server.completion(file, lineOf(file, "coolant: "), 11);
    expect(coolants.map((item) => item.label)).toEqual(
      expect.arrayContaining(["PG25", "DI-water"]),
    );
  });

  it("checks a station file against station.schema.json as well (its internal $refs resolve)", async () => {
    const station = readFileSync(join(repoRoot, "fixtures/stations/sim-station.yaml"), "utf8");
    const file = join(dir, "station.yaml");
    const body = station
      .replace(/^# yaml-language-server: .*\n/, "")
      .replace("instruments:", "instrumnts:");
    const schemaFile = join(repoRoot, "schemas/station.schema.json");
    writeFileSync(file, `# yaml-language-server: $schema=${relative(dir, schemaFile)}\n${body}`);
    const messages = (await server.open(file)).map((d) => d.message);
    expect(messages).not.toContainEqual(
      expect.stringMatching(/Problems loading|cannot be resolved/),
    );
    expect(messages).toContain("Property instrumnts is not allowed.");
  });

  it("shows the limit id, title, bound and source on hover", async () => {
    const file = datasheet("hover.yaml", (text) => text);
    await server.open(file);
    const text = await server.hover(file, lineOf(file, "maxPowerW:"), 4);
    expect(text).toMatch(/XPO-PWR-001\*\* Maximum module power/);
    expect(text).toMatch(/<= 480 W/);
    expect(text).toMatch(/\*\*S3\*\* Molex/);
  });
});
