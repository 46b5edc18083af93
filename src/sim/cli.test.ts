// `xpo sim` and `xpo scpi` as processes (run after `npm run build`: they execute dist/).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "../model/roles.js";

const bin = fileURLToPath(new URL("../../bin/xpo.js", import.meta.url));
const built = existsSync(fileURLToPath(new URL("../../dist/cli/commands/sim.js", import.meta.url)));
const xpo = (...args: string[]) =>
  execa("node", [bin, ...args], { reject: false, timeout: 15_000 });

// Start `xpo sim` on free ports (the powermeter stalls READ?) and collect its resource lines.
async function startSim(lines: string[]): Promise<ChildProcess> {
  const sim = spawn(
    "node",
    [bin, "sim", "--port-base", "0", "--speed", "20", "--fault", "stall@powermeter,match=READ?"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let buffer = "";
    sim.stdout?.on("data", (d: Buffer) => {
      buffer += d.toString();
      // Whole lines only, one per role (a chunk may end inside the last one).
      const complete = buffer
        .split("\n")
        .slice(0, -1)
        .filter((l) => l.includes("::SOCKET"));
      if (complete.length >= ROLES.length) {
        lines.push(...complete);
        resolve();
      }
    });
    sim.once("exit", (code) => reject(new Error(`xpo sim exited with ${code}`)));
  });
  return sim;
}

// `xpo scpi` against a stalled, a bad and a refused instrument, and a recorded transcript.
function defineScpiFailureTests(resource: (role: string) => string): void {
  it("xpo scpi: a stalled reply is a timeout naming the command, exit 2", async () => {
    const r = await xpo("scpi", resource("powermeter"), "READ?", "--timeout", "300");
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('no reply to "READ?" within 300 ms [XPO_INSTRUMENT_TIMEOUT]');
  });

  it("xpo scpi: bad resource and refused connection exit 2 with one clear message", async () => {
    const bad = await xpo("scpi", "GPIB0::5::INSTR", "*IDN?");
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('resource "GPIB0::5::INSTR" is not valid');
    const refused = await xpo("scpi", "TCPIP0::127.0.0.1::1::SOCKET", "*IDN?", "--timeout", "500");
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain("XPO_CONNECT_FAILED");
  });

  it("xpo scpi --record writes a transcript that REPLAY:: plays back", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "xpo-scpi-")), "session.jsonl");
    const live = await xpo("scpi", resource("optical"), "MEAS:POW? 3", "--record", file);
    expect(live.exitCode, live.stderr).toBe(0);
    const replay = await xpo("scpi", `REPLAY::${file}`, "MEAS:POW? 3");
    expect(replay.stdout).toBe(live.stdout);
    const mismatch = await xpo("scpi", `REPLAY::${file}`, "MEAS:POW? 4");
    expect(mismatch.exitCode).toBe(2);
    // the default error check rides in the same message (see docs/instruments.md)
    expect(mismatch.stderr).toContain('expected "MEAS:POW? 3;:SYST:ERR?\\n"');
    expect(mismatch.stderr).toContain('sent "MEAS:POW? 4;:SYST:ERR?\\n"');
  });
}

describe.skipIf(!built)("xpo sim and xpo scpi (processes; needs npm run build)", () => {
  let sim: ChildProcess;
  const lines: string[] = [];
  const resource = (role: string) =>
    lines.find((l) => l.startsWith(`${role}\t`))?.split("\t")[2] ?? "";

  beforeAll(async () => {
    sim = await startSim(lines);
  });
  afterAll(async () => {
    if (sim.exitCode === null) {
      const exited = new Promise((r) => sim.once("exit", r));
      sim.kill("SIGTERM");
      await exited;
    }
  });

  it("xpo sim prints one line per instrument: role, identity, resource", () => {
    expect(lines.map((l) => l.split("\t")[0])).toEqual([
      "supply",
      "powermeter",
      "coolant",
      "thermal",
      "optical",
      "ber",
      "mgmt",
    ]);
    expect(lines[0]).toMatch(
      /^supply\tCHROMA,62012P-80-60,[^\t]+\tTCPIP0::127\.0\.0\.1::\d+::SOCKET$/,
    );
  });

  it("xpo scpi prints replies as the instrument sent them and exits 0", async () => {
    const r = await xpo(
      "scpi",
      resource("supply"),
      "*IDN?",
      "SOUR:VOLT 48",
      "OUTP ON",
      "MEAS:VOLT?;CURR?",
      "--timeout",
      "1000",
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.split("\n")).toEqual([
      "CHROMA,62012P-80-60,SIM62012001,1.00.0",
      "+4.80000E+01;+5.20833E+00",
    ]);
    const t = await xpo("scpi", resource("thermal"), "ROUT:CHAN:LAB? (@1,2)", "MEAS:TEMP? (@1)");
    expect(t.stdout.split("\n")[0]).toBe('"CASE","COLDPLATE"');
  });

  it("xpo scpi shows instrument errors with code and text, exit 1", async () => {
    const r = await xpo(
      "scpi",
      resource("supply"),
      "FOO?",
      "SOUR:VOLT 500",
      "*IDN?",
      "--timeout",
      "300",
    );
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('"FOO?": error -113,"Undefined header;FOO?"');
    expect(r.stderr).toContain('"SOUR:VOLT 500": error -222,"Data out of range;500"');
    expect(r.stdout).toContain("CHROMA");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  defineScpiFailureTests(resource);

  it("xpo sim rejects a bad fault flag with exit 2", async () => {
    const r = await xpo("sim", "--port-base", "0", "--fault", "melt@supply");
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('unknown kind "melt"');
  });
});
