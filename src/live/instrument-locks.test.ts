// Instrument locks across processes: while one `xpo run` holds the bench, a second `xpo run` of
// the same station is refused with a clear error before anything is switched on; a lock left by
// a process that is gone is taken over.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import { startTestBench, type TestBench } from "../../test/support/live.js";
import { lockResource, unlockResource } from "./instrument-locks.js";

const lockDir = mkdtempSync(join(tmpdir(), "xpo-locks-test-"));
let tb: TestBench;
let previous: string | undefined;
beforeAll(async () => {
  previous = process.env.XPO_LOCK_DIR;
  process.env.XPO_LOCK_DIR = lockDir;
  tb = await startTestBench({ speed: 20 });
});
afterAll(async () => {
  if (previous === undefined) delete process.env.XPO_LOCK_DIR;
  else process.env.XPO_LOCK_DIR = previous;
  await tb.stop();
  rmSync(lockDir, { recursive: true, force: true });
});

const outputOns = (log: readonly string[]) => log.filter((m) => /^CONF:OUTP ON$/i.test(m)).length;

describe("instrument locks", () => {
  it("a second xpo run on instruments a running one holds is refused before power-on", async () => {
    const station = tb.station({ timing: { timeScale: 20 } } as never);
    const env = { XPO_LOCK_DIR: lockDir };
    mkdirSync(join(tb.dir, "one"));
    const first = runXpo(
      [
        "run",
        "--station",
        station,
        "--dut",
        "SN-ONE",
        "--out",
        join(tb.dir, "one"),
        "--no-progress",
      ],
      {
        env,
        timeout: 120_000,
      },
    );
    const until = Date.now() + 20_000;
    while (outputOns(tb.supplyLog) === 0 && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readdirSync(lockDir).length).toBeGreaterThan(0);
    const second = await runXpo(
      [
        "run",
        "--station",
        station,
        "--dut",
        "SN-TWO",
        "--out",
        join(tb.dir, "two"),
        "--no-progress",
      ],
      { env },
    );
    const ons = outputOns(tb.supplyLog);
    const done = await first;
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toMatch(/is held by another run: DUT SN-ONE, process \d+/);
    expect(ons).toBe(1);
    expect(done.exitCode).toBe(0);
    expect(tb.bench.state().supply.output).toBe(false);
    expect(readdirSync(lockDir)).toEqual([]);
  });

  it("a lock whose process is gone is taken over; a live holder is reported", async () => {
    const child = spawn(process.execPath, ["-e", ""]);
    const pid = await new Promise<number>((resolve) =>
      child.once("exit", () => resolve(child.pid ?? 0)),
    );
    const resource = "TCPIP0::192.0.2.1::5025::SOCKET";
    expect(lockResource(resource, "SN-A")).toBeUndefined();
    expect(lockResource(resource, "SN-B")).toMatchObject({ dut: "SN-A", pid: process.pid });
    unlockResource(resource, "SN-A");
    const [file] = readdirSync(lockDir);
    expect(file).toBeUndefined();
    expect(lockResource(resource, "SN-C")).toBeUndefined();
    const held = join(lockDir, readdirSync(lockDir)[0] ?? "");
    writeFileSync(
      held,
      JSON.stringify({ resource, dut: "SN-DEAD", pid, host: hostname(), since: "" }),
    );
    expect(lockResource(resource, "SN-D")).toBeUndefined();
    unlockResource(resource, "SN-D");
    expect(existsSync(held)).toBe(false);
  });
});
