// Record a session against the simulator, replay it byte for byte, and fail clearly on a
// different command.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession, type ScpiSession } from "../scpi/session.js";
import { type SimBench, startSimBench } from "../sim/index.js";
import { readTranscript } from "./transcript.js";

const script = async (s: ScpiSession) => [
  await s.query("*IDN?"),
  await s.write("SOUR:VOLT 48;:OUTP ON"),
  await s.queryAll("MEAS:VOLT?;CURR?"),
  (await s.queryBlock("DIAG:BLOC? 40")).toString("hex"),
  await s.write("FOO").catch((e: { code: string }) => e.code),
];

// Record the script live, replay it while recording again: same results, same bytes both ways.
async function roundTrip(bench: SimBench, dir: string): Promise<void> {
  const first = join(dir, "first.jsonl");
  const live = await openSession(bench.get("supply").resource, {
    name: "supply",
    record: first,
    timeoutMs: 500,
  });
  const liveResults = await script(live);
  await live.close();
  const second = join(dir, "second.jsonl");
  const replay = await openSession(`REPLAY::${first}`, {
    name: "supply",
    record: second,
    timeoutMs: 500,
  });
  expect(await script(replay)).toEqual(liveResults);
  await replay.close();
  const bytes = (file: string, dir: "in" | "out") =>
    Buffer.concat(
      readTranscript(file)
        .entries.filter((e) => e.dir === dir)
        .map((e) => Buffer.from(e.data, "base64")),
    );
  expect(bytes(second, "out").equals(bytes(first, "out"))).toBe(true);
  expect(bytes(second, "in").equals(bytes(first, "in"))).toBe(true);
  expect(liveResults[4]).toBe("XPO_INSTRUMENT_ERROR");
  expect(readFileSync(first, "utf8")).toContain('"text":"*IDN?\\\\n"');
  // The wire format of the default error check: one transport write and one reply per
  // command, except *IDN? and blocks (nothing may follow them in a reply) and the drain
  // after an error.
  const writes = readTranscript(first)
    .entries.filter((e) => e.dir === "out")
    .map((e) => Buffer.from(e.data, "base64").toString("latin1"));
  expect(writes).toEqual([
    "*IDN?\n",
    "SYST:ERR?\n",
    "SOUR:VOLT 48;:OUTP ON\nSYST:ERR?\n",
    "MEAS:VOLT?;CURR?;:SYST:ERR?\n",
    "DIAG:BLOC? 40\n",
    "SYST:ERR?\n",
    "FOO\nSYST:ERR?\n",
    "SYST:ERR?\n",
  ]);
}

describe("record and replay", () => {
  let bench: SimBench;
  let dir: string;
  beforeAll(async () => {
    bench = await startSimBench({ portBase: 0, roles: ["supply"] });
    dir = mkdtempSync(join(tmpdir(), "xpo-replay-"));
  });
  afterAll(async () => {
    await bench.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("round-trips a session byte for byte", () => roundTrip(bench, dir));

  it('errorCheck "separate" and "off" record their own wire formats and replay them', async () => {
    const wire = async (errorCheck: "separate" | "off") => {
      const file = join(dir, `${errorCheck}.jsonl`);
      const live = await openSession(bench.get("supply").resource, { record: file, errorCheck });
      const value = await live.queryNumber("SOUR:VOLT?");
      await live.write("OUTP ON");
      await live.close();
      const replay = await openSession(`REPLAY::${file}`, { errorCheck });
      expect(await replay.queryNumber("SOUR:VOLT?")).toBe(value);
      await replay.write("OUTP ON");
      await replay.close();
      return readTranscript(file)
        .entries.filter((e) => e.dir === "out")
        .map((e) => Buffer.from(e.data, "base64").toString("latin1"));
    };
    expect(await wire("separate")).toEqual([
      "SOUR:VOLT?\n",
      "SYST:ERR?\n",
      "OUTP ON\n",
      "SYST:ERR?\n",
    ]);
    expect(await wire("off")).toEqual(["SOUR:VOLT?\n", "OUTP ON\n"]);
  });

  it("fails clearly when the session sends a different command", async () => {
    const file = join(dir, "mismatch.jsonl");
    const live = await openSession(bench.get("supply").resource, {
      record: file,
      errorCheck: "off",
    });
    await live.query("MEAS:VOLT?");
    await live.close();
    const replay = await openSession(`REPLAY::${file}`, { name: "supply", errorCheck: "off" });
    const error = (await replay.query("MEAS:CURR?").catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: "XPO_REPLAY_MISMATCH" });
    expect(error.message).toContain('expected "MEAS:VOLT?\\n"');
    expect(error.message).toContain('sent "MEAS:CURR?\\n"');
    await replay.close();
  });

  it("replays the checked-in transcript", async () => {
    const file = new URL("../../fixtures/transcripts/supply-session.jsonl", import.meta.url)
      .pathname;
    const s = await openSession(`REPLAY::${file}`, { name: "supply", timeoutMs: 500 });
    expect((await s.identify()).model).toBe("62012P-80-60");
    await s.write("SOUR:VOLT 48;:OUTP ON");
    expect(await s.queryNumber("MEAS:POW?")).toBeCloseTo(250, 1);
    await s.close();
    const outs = readTranscript(file).entries.filter((e) => e.dir === "out");
    expect(outs.map((e) => Buffer.from(e.data, "base64").toString("latin1"))).toEqual([
      "*IDN?\n",
      "SYST:ERR?\n",
      "SOUR:VOLT 48;:OUTP ON\nSYST:ERR?\n",
      "MEAS:POW?;:SYST:ERR?\n",
    ]);
  });
});
