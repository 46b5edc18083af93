// `xpo scpi --term` as a process (needs npm run build) against the simulator's vendor line
// dialects over real sockets: TDK-Lambda GEN (CR both ways, OK acknowledgements), Lauda (CRLF,
// fixed-width fields) and Julabo (CR out, CRLF in, OUT commands answer nothing).
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runXpo } from "../../../test/support/cli.js";
import { type SimBench, startSimBench } from "../../sim/index.js";

const built = existsSync(new URL("../../../dist/cli/commands/scpi.js", import.meta.url));

describe.skipIf(!built)("xpo scpi --term against vendor line dialects (process)", () => {
  let tdkLauda: SimBench;
  let julabo: SimBench;
  beforeAll(async () => {
    [tdkLauda, julabo] = await Promise.all([
      startSimBench({
        portBase: 0,
        roles: ["supply", "coolant"],
        config: {
          instruments: {
            supply: { dialect: "tdk-lambda-gen", address: 6 },
            coolant: { dialect: "lauda" },
          },
        },
      }),
      startSimBench({
        portBase: 0,
        roles: ["coolant"],
        config: { instruments: { coolant: { dialect: "julabo" } } },
      }),
    ]);
  });
  afterAll(async () => Promise.all([tdkLauda?.stop(), julabo?.stop()]));
  const xpo = (resource: string, ...args: string[]) =>
    runXpo(["scpi", resource, ...args, "--timeout", "1000"], { timeout: 30_000 });

  it("TDK-Lambda GEN with --term cr: each message reads its line, OK acknowledgements included", async () => {
    const supply = tdkLauda.get("supply").resource;
    const r = await xpo(supply, "--term", "cr", "ADR 6", "IDN?", "PV 12.5", "PV?");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([
      "OK",
      "LAMBDA,GEN80-19",
      "OK",
      expect.stringMatching(/^12\.50*$/),
    ]);
    expect(tdkLauda.model.supply.voltageSetpoint).toBe(12.5);
  });

  it("without --term the GEN never answers (LF, SCPI error queue): a timeout, exit 2", async () => {
    const r = await xpo(tdkLauda.get("supply").resource, "ADR 6", "IDN?");
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/XPO_INSTRUMENT_TIMEOUT|timed out|no reply/i);
  });

  it("Lauda with --term crlf: fixed-width fields and OK", async () => {
    const r = await xpo(
      tdkLauda.get("coolant").resource,
      "--term",
      "crlf",
      "TYPE",
      "OUT_SP_00_031.50",
      "IN_SP_00",
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual(["VC5000", "OK", "031.50"]);
  });

  it("Julabo with --term cr --reply-end lf: '>' sends an OUT command without reading", async () => {
    const resource = julabo.get("coolant").resource;
    const set = await xpo(resource, "--term", "cr", "--reply-end", "lf", ">out_sp_00 30.5");
    expect(set.exitCode, set.stderr).toBe(0);
    expect(set.stdout).toBe("");
    const r = await xpo(resource, "--term", "cr", "--reply-end", "lf", "in_sp_00");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe("30.50");
  });

  it("an unknown --term is a usage error", async () => {
    const r = await xpo(julabo.get("coolant").resource, "--term", "cr-lf", "version");
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--term "cr-lf" is not one of cr, lf, crlf/);
  });
});
