// Bench files (fixtures/benches/*.yaml): `xpo demo --bench` passes on each with only real
// instrument identities in its record, and on each bench a fault on every instrument (timeout,
// garbage or disconnect, mid-run) ends the run with the supply's output off.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runXpo, xpoBin } from "../../test/support/cli.js";
import { runWithFaults, startTestBench, type TestBench } from "../../test/support/live.js";
import type { Role } from "../model/roles.js";
import { repoRoot } from "../util/repo-root.js";
import { loadBenchFile } from "./bench-file.js";
import { findSimDialect } from "./dialects/index.js";
import type { FaultKind } from "./faults.js";

const folder = join(repoRoot, "fixtures", "benches");
const benches = readdirSync(folder).filter((f) => f.endsWith(".yaml"));

/** A query each role's driver sends during the power-nominal and later steps, per bench. */
const reads: Record<string, Partial<Record<Role, string>>> = {
  "keysight-julabo.yaml": {
    supply: "MEAS:VOLT",
    coolant: "in_pv_00",
    thermal: "MEAS:TEMP",
    optical: "READ",
    ber: "IBER",
  },
  "tdk-lauda.yaml": {
    supply: "MV?",
    powermeter: "VAL?",
    coolant: "IN_PV_00",
    thermal: ":READ?",
    optical: "READ?",
    ber: "EAL",
  },
};
const kinds: FaultKind[] = ["stall", "garbage", "drop"];

describe("bench files", () => {
  it("there are at least two, each with a fault plan for every instrument it drives", () => {
    expect(benches.length).toBeGreaterThanOrEqual(2);
    for (const name of benches) {
      const file = loadBenchFile(join(folder, name));
      expect(Object.keys(reads[name] ?? {}).sort()).toEqual([...file.roles].sort());
    }
  });

  it("a bench file with an unknown role in omitRoles is a clear usage error", () => {
    const dir = mkdtempSync(join(tmpdir(), "xpo-bench-file-"));
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "name: bad\nstation:\n  omitRoles: [chiller]\n");
    expect(() => loadBenchFile(bad)).toThrow(/omitRoles must list roles/);
    rmSync(dir, { recursive: true, force: true });
  });

  it("xpo sim --bench serves the bench file's dialects, one line per instrument", async () => {
    const args = [xpoBin, "sim", "--bench", join(folder, "tdk-lauda.yaml"), "--port-base", "0"];
    const sim = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const exited = new Promise((resolve) => sim.once("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`xpo sim printed only: ${out}`)), 20_000);
      sim.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.split("\n").length > 6) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    sim.kill("SIGTERM");
    await exited;
    const lines = out
      .trim()
      .split("\n")
      .map((l) => l.split("\t").slice(0, 2).join(" "));
    expect(lines).toEqual([
      "supply LAMBDA,GEN80-19",
      expect.stringMatching(/^powermeter YOKOGAWA,WT310E,/),
      "coolant VC5000",
      expect.stringMatching(/^thermal KEITHLEY INSTRUMENTS,MODEL DAQ6510,/),
      expect.stringMatching(/^optical SANTEC,MPM-210H,/),
      expect.stringMatching(/^ber ANRITSU,MP1900A,/),
    ]);
  });

  it.each(benches)(
    "xpo demo --bench %s passes with only real identities recorded",
    async (name) => {
      const out = mkdtempSync(join(tmpdir(), "xpo-demo-bench-"));
      try {
        const r = await runXpo(
          ["demo", "--bench", join(folder, name), "--out", out, "--no-progress"],
          {
            timeout: 120_000,
          },
        );
        expect(r.stdout).toMatch(/0 failed, \d+ marginal, \d+ not applicable, 0 errors/);
        expect(r.exitCode).toBe(0);
        const record = readFileSync(join(out, "run.jsonl"), "utf8");
        expect(record).not.toMatch(/XPO-SIM/);
        const { station } = JSON.parse(record.split("\n")[0] ?? "{}") as {
          station: { instruments: { role: Role; identity: string }[] };
        };
        const file = loadBenchFile(join(folder, name));
        const dialects = (file.sim.instruments ?? {}) as Record<Role, { dialect: string }>;
        expect(station.instruments.map((i) => i.role).sort()).toEqual([...file.roles].sort());
        for (const { role, identity } of station.instruments)
          expect(identity).toBe(findSimDialect(role, dialects[role].dialect).identity);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});

for (const name of benches)
  describe(`faults on ${name}`, () => {
    let tb: TestBench;
    beforeAll(async () => {
      tb = await startTestBench({ benchFile: join(folder, name) });
    });
    afterAll(() => tb.stop());

    it.each(
      Object.entries(reads[name] ?? {}).map(([role, match], i) => ({
        role,
        match,
        kind: kinds[i % 3],
      })),
    )(
      "$kind on the $role ($match) mid-run: the run errors and the supply ends off",
      async ({ role, match, kind }) => {
        tb.bench.faults.clear();
        const { result, state } = await runWithFaults(
          tb,
          [{ at: "power-nominal", fault: { kind: kind as FaultKind, role: role as Role, match } }],
          { instruments: { [role]: { timeoutMs: 300 } } } as never,
          `SN-${role}-${kind}`,
        );
        tb.bench.faults.clear();
        expect(result.exitCode).toBe(2);
        expect(state.supply.output).toBe(false);
        expect(result.outputOff).toBe(true);
      },
    );
  });
