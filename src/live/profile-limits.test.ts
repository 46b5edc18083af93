// A profile without a limit a live step judges is refused at start-up, before any instrument
// is opened: never a run that silently records no verdict for it.
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startTestBench, switchedOn, type TestBench } from "../../test/support/live.js";
import { schemasDir } from "../profile/load-profile.js";
import { runLive } from "./run-live.js";
import { liveSteps } from "./steps/index.js";

let tb: TestBench | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

// Copy the bundled profile under `dir` with limit `id` renamed away; returns its folder.
function copyProfileWithout(id: string, file: string, dir: string): string {
  const copy = join(dir, "schemas", "xpo", "without-limit");
  cpSync(join(schemasDir, "xpo", "public-2026-11"), copy, { recursive: true });
  cpSync(join(schemasDir, "datasheet.schema.json"), join(dir, "schemas", "datasheet.schema.json"));
  const path = join(copy, file);
  const text = readFileSync(path, "utf8");
  expect(text).toContain(`"id": "${id}"`);
  writeFileSync(path, text.replace(`"id": "${id}"`, `"id": "${id}-GONE"`));
  return copy;
}

describe("limits the live steps judge", () => {
  it("every step's limit ids are declared once per step", () => {
    for (const step of liveSteps) expect(new Set(step.limitIds).size).toBe(step.limitIds.length);
  });

  it("a profile without XPO-OPT-004: the run refuses to start, the supply is never switched on", async () => {
    tb = await startTestBench();
    const profile = copyProfileWithout("XPO-OPT-004", "optical.schema.json", tb.dir);
    const outDir = join(tb.dir, "out");
    const error = await runLive({
      stationFile: tb.station(),
      dut: "SN-LIM",
      outDir,
      profile,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "XPO_PROFILE_INVALID" });
    expect((error as Error).message).toMatch(/no limit XPO-OPT-004 \(step lanes\)/);
    expect(switchedOn(tb.supplyLog)).toBe(false);
    expect(tb.supplyLog).toEqual([]);
    expect(existsSync(join(outDir, "run.jsonl"))).toBe(false);
  });
});
