// The simulator keeps the promises of docs/simulator.md: every command form in its Instruments
// section is sent, in order, to every identity the simulator offers (each fixtures/sim/*.yaml)
// over a real socket, and none may leave an SCPI error (issue 11).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../model/roles.js";
import { isQueryMessage, openSession } from "../scpi/index.js";
import { repoRoot } from "../util/repo-root.js";
import { type SimBench, startSimBench } from "./index.js";

const doc = readFileSync(join(repoRoot, "docs/simulator.md"), "utf8");
const section = doc.slice(doc.indexOf("## Instruments"), doc.indexOf("Parser: short/long forms"));
const ticks = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
const commonForms = ticks(section.slice(0, section.indexOf("\n\n", section.indexOf("common"))));
const roleForms = new Map<Role, string[]>(
  section
    .split("\n")
    .filter((line) => /^\| `[a-z]+` \|/.test(line))
    .map((line) => {
      const [role = "", , commands = ""] = line.split(" | ").map((c) => c.replace(/^\| /, ""));
      return [role.replaceAll("`", "") as Role, ticks(commands)];
    }),
);
const configs = readdirSync(join(repoRoot, "fixtures/sim")).filter((f) => f.endsWith(".yaml"));

describe("docs/simulator.md is parsed into command forms", () => {
  it("lists every role and a set of common forms", () => {
    expect([...roleForms.keys()].sort()).toEqual([...ROLES].sort());
    for (const forms of roleForms.values()) expect(forms.length).toBeGreaterThan(2);
    expect(commonForms).toContain("*IDN?");
    expect(commonForms).toContain("DISP:TEXT?");
    expect(roleForms.get("supply")).toContain("CURR:PROT:STAT?");
    expect(roleForms.get("supply")).toContain("SYST:COMM:RLST REM");
  });
});

for (const config of configs)
  describe(`every documented form answers without an error (${config})`, () => {
    let bench: SimBench;
    beforeAll(async () => {
      bench = await startSimBench({
        portBase: 0,
        configFile: join(repoRoot, "fixtures/sim", config),
      });
    });
    afterAll(async () => bench?.stop());
    for (const role of ROLES)
      it(`${role}: ${(roleForms.get(role) ?? []).length} forms plus the common ones`, async () => {
        const session = await openSession(bench.get(role).resource, {
          name: role,
          timeoutMs: 1000,
        });
        try {
          for (const form of [...commonForms, ...(roleForms.get(role) ?? [])]) {
            const sent = isQueryMessage(form) ? session.queryBytes(form) : session.write(form);
            await expect(sent, `${role} ${form}`).resolves.not.toThrow();
          }
          expect(await session.readErrors()).toEqual([]);
        } finally {
          await session.close();
        }
      });
  });
