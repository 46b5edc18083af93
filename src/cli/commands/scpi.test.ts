// `xpo scpi` as a process (needs npm run build) against an in-process simulated supply over a
// real socket and a real pty: query or write by the SCPI grammar, replies printed as sent,
// --json, --error-check for small input buffers, stale entries at open (issue 11).
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runXpo } from "../../../test/support/cli.js";
import { gateTool } from "../../../test/support/tools.js";
import { type SimBench, startSimBench } from "../../sim/index.js";

const built = existsSync(new URL("../../../dist/cli/commands/scpi.js", import.meta.url));
const socat = gateTool("socat", "socat");

describe.skipIf(!built)("xpo scpi against the simulator (process; needs npm run build)", () => {
  let bench: SimBench;
  beforeAll(async () => {
    bench = await startSimBench({
      portBase: 0,
      roles: ["supply", "powermeter"],
      pty: socat.available ? ["supply"] : false,
      config: { instruments: { supply: { inputBufferBytes: 256 } } },
    });
  });
  afterAll(async () => bench?.stop());
  const paths = () => [
    ["TCP", bench.get("supply").resource],
    ...(socat.available ? [["pty", bench.get("supply").serialResource ?? ""]] : []),
  ];
  // 2 s per reply: the pty path goes through socat, slow on a loaded 2-core CI runner.
  const xpo = (resource: string, ...args: string[]) =>
    runXpo(["scpi", resource, ...args, "--timeout", "2000"], { timeout: 30_000 });

  it("a ? inside a quoted string is not a query; replies print as the instrument sent them", async () => {
    for (const [path, resource] of paths()) {
      const r = await xpo(
        resource as string,
        'DISP:TEXT "Ready?"',
        "DISP:TEXT?",
        "SYST:VERS?",
        "SOUR:VOLT?",
      );
      expect(r.exitCode, `${path}: ${r.stderr}`).toBe(0);
      expect(r.stdout.split("\n")).toEqual(['"Ready?"', "1999.0", "+4.80000E+01"]);
    }
    const pm = await xpo(bench.get("powermeter").resource, "*IDN?");
    expect(pm.stdout).toBe("XPO-SIM,PM-480,SIMPM0001,1.0");
  });

  it("--json prints the exact text and its structure", async () => {
    const r = await xpo(
      bench.get("supply").resource,
      "--json",
      'DISP:TEXT "a,b"',
      "DISP:TEXT?;:SOUR:VOLT?",
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      command: "DISP:TEXT?;:SOUR:VOLT?",
      reply: '"a,b";+4.80000E+01',
      responses: [[{ text: '"a,b"', string: "a,b" }], [{ text: "+4.80000E+01" }]],
    });
  });

  it("--error-check separate (or off) gets a near-full 256-byte buffer answered; each overruns it", async () => {
    const long = `DIAG:BLOC? ${"0".repeat(236)}8`;
    for (const [path, resource] of paths()) {
      const each = await xpo(resource as string, long);
      expect(each.exitCode, path).toBe(1);
      expect(each.stderr).toContain('-363,"Input buffer overrun"');
      for (const mode of ["separate", "off"]) {
        const r = await xpo(resource as string, "--error-check", mode, long);
        expect(r.exitCode, `${path} ${mode}: ${r.stderr}`).toBe(0);
        expect(r.stdout).toMatch(/^<block 8 bytes: 00 01 02 03 04 05 06 07>$/);
      }
    }
    const bad = await xpo(bench.get("supply").resource, "--error-check", "sometimes", "*IDN?");
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('errorCheck "sometimes" is not one of each, separate, off');
  });

  it("entries queued before the session are printed as stale, not blamed on *IDN?", async () => {
    for (const [path, resource] of paths()) {
      bench.engines.supply?.status.push(-113, undefined, 'DISP:TXT "x"');
      const r = await xpo(resource as string, "*IDN?");
      expect(r.exitCode, `${path}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain("CHROMA");
      expect(r.stderr).toContain(
        'stale error (queued before this session, cleared) -113,"Undefined header;DISP:TXT ""x"""',
      );
      // asked for explicitly, the queue is the user's
      bench.engines.supply?.status.push(-222);
      const own = await xpo(resource as string, "SYST:ERR?", "SYST:ERR?");
      expect(own.stdout.split("\n"), `${path}: ${own.stderr}`).toEqual([
        '-222,"Data out of range"',
        '0,"No error"',
      ]);
    }
  });
});

describe.skipIf(!built)("xpo scpi replaying the transcript its --help names", () => {
  it("replays fixtures/transcripts/supply-idn.jsonl (recorded by this version, stale-error drain included)", async () => {
    const result = await runXpo(["scpi", "REPLAY::fixtures/transcripts/supply-idn.jsonl", "*IDN?"]);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("CHROMA,62012P-80-60,SIM62012001,1.00.0");
    expect(result.exitCode).toBe(0);
  });
});
