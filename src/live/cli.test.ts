// `xpo run` and `xpo demo` as real processes (the built CLI, `npm run build` first): SIGTERM,
// SIGINT and an uncaught exception switch the simulated supply off and record why; after
// SIGKILL, `xpo report` renders the partial record as incomplete and `xpo run --resume`
// continues from the last completed step and completes the record.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import {
  eventsOf,
  readRecord,
  runXpoCrashingAfter,
  startTestBench,
  startXpo,
  type TestBench,
  waitForRecord,
} from "../../test/support/live.js";
import type { RecordLine } from "../run/record.js";

let tb: TestBench | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

const stepDone = (step: string) => (lines: RecordLine[]) =>
  eventsOf(lines, "step-done").some((e) => e.step === step);

describe("xpo run as a process", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal}: the supply output goes off, the reason is recorded, exit 2`, async () => {
      tb = await startTestBench({ speed: 20 });
      const station = tb.station();
      const record = join(tb.dir, "run.jsonl");
      const child = startXpo(["run", "--station", station, "--dut", "SN-SIG", "--out", tb.dir]);
      await waitForRecord(record, (lines) => eventsOf(lines, "output-on").length > 0);
      expect(tb.bench.state().supply.output).toBe(true);
      child.kill(signal);
      const result = await child;
      expect(result.exitCode).toBe(2);
      expect(tb.bench.state().supply.output).toBe(false);
      const lines = readRecord(record);
      expect(eventsOf(lines, "interrupted")[0]?.message).toContain(`${signal} received`);
      expect(eventsOf(lines, "output-off").at(-1)?.message).toMatch(/confirmed off/);
      expect(result.stdout).toMatch(/continue with {2}npx xpo run --resume/);
      expect(existsSync(join(tb.dir, "report.html"))).toBe(true);
    });
  }

  it("an uncaught exception: the supply output goes off and the crash is recorded", async () => {
    tb = await startTestBench({ speed: 20 });
    const record = join(tb.dir, "run.jsonl");
    const result = await runXpoCrashingAfter("power-nominal", [
      "run",
      "--station",
      tb.station(),
      "--dut",
      "SN-CRASH",
      "--out",
      tb.dir,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/uncaught exception: injected by XPO_TEST_UNCAUGHT_AFTER_STEP/);
    expect(tb.bench.state().supply.output).toBe(false);
    const trips = eventsOf(readRecord(record), "safety-trip");
    expect(trips[0]?.message).toMatch(/exception: uncaught exception: injected/);
  });

  it("SIGKILL mid-run: xpo report renders it incomplete; --resume continues and completes it", async () => {
    tb = await startTestBench({ speed: 50 });
    const record = join(tb.dir, "run.jsonl");
    const child = startXpo(["run", "--station", tb.station(), "--dut", "SN-KILL", "--out", tb.dir]);
    await waitForRecord(record, stepDone("power-nominal"));
    child.kill("SIGKILL");
    await child;
    const partial = readRecord(record);
    expect(partial.some((l) => l.type === "run-end")).toBe(false);
    const doneBefore = eventsOf(partial, "step-done").map((e) => e.step);
    expect(doneBefore).toContain("power-nominal");

    const rendered = await runXpo(["report", record, "--out", join(tb.dir, "partial")]);
    expect(rendered.exitCode, rendered.stderr).not.toBe(undefined);
    const html = readFileSync(join(tb.dir, "partial", "report.html"), "utf8");
    expect(html).toContain("INCOMPLETE:");

    const resumed = await runXpo(["run", "--resume", record]);
    expect(resumed.stderr).toBe("");
    expect(resumed.exitCode).toBe(0);
    const lines = readRecord(record);
    expect(lines.at(-1)?.type).toBe("run-end");
    expect(eventsOf(lines, "resumed")).toHaveLength(1);
    // measure steps done before the kill are not repeated; every step completed once overall
    const starts = eventsOf(lines, "step-start").map((e) => e.step);
    expect(starts.filter((s) => s === "power-nominal")).toHaveLength(1);
    for (const step of ["power-nominal", "lanes", "power-range", "thermal", "power-down"])
      expect(
        eventsOf(lines, "step-done").some((e) => e.step === step),
        step,
      ).toBe(true);
    expect(lines.filter((l) => l.type === "run-start")).toHaveLength(1);
    expect(tb.bench.state().supply.output).toBe(false);
    expect(readFileSync(join(tb.dir, "report.html"), "utf8")).not.toContain("INCOMPLETE:");
  });

  it("reports an unknown role, an unreachable instrument and an IDN mismatch before power-on", async () => {
    tb = await startTestBench();
    const station = tb.station({
      // the supply's place is taken by the power meter (one resource, one role)
      omitRoles: ["powermeter"],
      instruments: {
        supply: { resource: tb.bench.get("powermeter").resource, driver: "chroma-62000p" },
        ber: {
          resource: "TCPIP0::127.0.0.1::1::SOCKET",
          driver: "scpi-ber",
          connectTimeoutMs: 300,
        },
      },
    } as never);
    const result = await runXpo(["run", "--station", station, "--dut", "SN-PRE", "--out", tb.dir]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/problem\(s\) found before anything was switched on/);
    expect(result.stderr).toMatch(/XPO_IDENTITY_MISMATCH/);
    expect(result.stderr).toMatch(/ber TCPIP0::127.0.0.1::1::SOCKET/);
    expect(tb.supplyLog.some((m) => /OUTP\S*\s+(ON|1)/i.test(m))).toBe(false);
    const role = tb.station(
      { instruments: { psu: { resource: "x", driver: "scpi-supply" } } } as never,
      "bad.yaml",
    );
    const bad = await runXpo(["run", "--station", role, "--dut", "SN-PRE", "--out", tb.dir]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/bad.yaml:\d+:\d+: unknown instrument role "psu"/);
  });
});

describe("xpo demo", () => {
  it("writes run.jsonl, junit.xml and report.html with plots, live and datasheet subjects", async () => {
    const out = join((await import("node:os")).tmpdir(), `xpo-demo-${process.pid}`);
    const started = Date.now();
    const result = await runXpo(["demo", "--out", out]);
    const seconds = (Date.now() - started) / 1000;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(seconds).toBeLessThan(20);
    expect(result.stdout).toMatch(/report: .*report\.html/);
    const lines = readRecord(join(out, "run.jsonl"));
    expect(lines[0]).toMatchObject({ type: "run-start", kind: "demo" });
    const channels = new Set(lines.flatMap((l) => (l.type === "readings" ? [l.channel] : [])));
    for (const channel of [
      "supply voltage",
      "input current",
      "module power",
      "coolant inlet",
      "coolant outlet",
      "coolant flow",
      "case temperature",
    ])
      expect(channels).toContain(channel);
    const subjects = lines.filter((l) => l.type === "subject");
    expect(subjects.map((s) => s.type === "subject" && s.kind)).toEqual([
      "dut",
      "datasheet",
      "datasheet",
      "datasheet",
    ]);
    expect(lines.at(-1)).toMatchObject({ type: "run-end", exitCode: 0 });
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("case temperature");
    expect(html).toContain("XPO-COOL-007 max 70");
    expect(readFileSync(join(out, "junit.xml"), "utf8")).toContain("SIM-0001");
    rmSync(out, { recursive: true, force: true });
  });
});
