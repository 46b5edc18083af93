// The dialect list: docs/simulator.md documents exactly the dialects the simulator speaks, and a
// bench config naming a wrong one is a clear usage error.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../util/repo-root.js";
import { startSimBench } from "../bench.js";
import { findSimDialect, listSimDialects } from "./index.js";

const doc = readFileSync(join(repoRoot, "docs/simulator.md"), "utf8");
const section = doc.slice(doc.indexOf("## Vendor dialects"), doc.indexOf("## Bench files"));
const documented = [...section.matchAll(/^\| `([a-z0-9-]+)` \| ([a-z]+) \|/gm)].map((m) => [
  m[1],
  m[2],
]);

describe("simulated dialects", () => {
  it("docs/simulator.md lists every dialect with its role, and no other", () => {
    expect(documented.map(([name]) => name).sort()).toEqual(listSimDialects().sort());
    for (const [name, role] of documented) expect(listSimDialects(role as never)).toContain(name);
  });

  it("an unknown dialect, or another role's, is a usage error naming the role's dialects", async () => {
    expect(() => findSimDialect("coolant", "julabo-x")).toThrow(
      /"julabo-x" is unknown.*julabo, lauda/,
    );
    expect(() => findSimDialect("thermal", "julabo")).toThrow(/plays the coolant, not the thermal/);
    await expect(
      startSimBench({
        portBase: 0,
        roles: ["ber"],
        config: { instruments: { ber: { dialect: "nope" } } },
      }),
    ).rejects.toMatchObject({ code: "XPO_USAGE" });
  });
});
