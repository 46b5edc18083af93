// Simulator timing: latency specs from the command line and the delay they give, and a paced
// serial line that delivers a reply in byte-timed chunks rather than one write (issue 11).
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { openSession } from "../scpi/index.js";
import { startSimBench } from "./index.js";
import { chooseDelayMs, parseLatency } from "./timing.js";

describe("latency", () => {
  it("parses role=fixed+jitter and role:command=ms; rejects the rest with a usage error", () => {
    expect(parseLatency(["ber=2+1", "ber:FETC:BER:ALL?=40", "supply=5"])).toEqual({
      ber: { fixedMs: 2, jitterMs: 1, commands: { "FETC:BER:ALL?": 40 } },
      supply: { fixedMs: 5, jitterMs: 0 },
    });
    for (const bad of ["ber", "oven=5", "ber=x", "ber:X=1+2"])
      expect(() => parseLatency([bad])).toThrow(expect.objectContaining({ code: "XPO_USAGE" }));
  });

  it("a command latency adds to the fixed one only for messages that name it", () => {
    const latency = { fixedMs: 2, commands: { "FETC:BER:ALL?": 40 } };
    expect(chooseDelayMs(latency, "*IDN?")).toBe(2);
    expect(chooseDelayMs(latency, "fetc:ber:all?;:SYST:ERR?")).toBe(42);
    expect(chooseDelayMs(undefined, "*IDN?")).toBe(0);
    const jittered = chooseDelayMs({ fixedMs: 1, jitterMs: 3 }, "X");
    expect(jittered).toBeGreaterThanOrEqual(1);
    expect(jittered).toBeLessThanOrEqual(4);
  });
});

it("a paced serial line delivers a reply in chunks (TCP stays one write)", async () => {
  const bench = await startSimBench({
    portBase: 0,
    roles: ["ber"],
    config: { instruments: { ber: { serial: { baudRate: 115200 } } } },
    pty: ["ber"],
  });
  try {
    // The same 64-value reply from the TCP path (unpaced) and the port the pty bridges to (paced).
    const chunks = async (port: number) => {
      const socket = new Socket();
      await new Promise<void>((r) => socket.connect(port, "127.0.0.1", () => r()));
      let count = 0;
      let text = "";
      const done = new Promise<void>((resolve) =>
        socket.on("data", (d: Buffer) => {
          count++;
          text += d.toString("latin1");
          if (text.endsWith("\n")) resolve();
        }),
      );
      socket.write("FETC:BER:ALL?\n");
      await done;
      socket.destroy();
      return { count, length: text.length };
    };
    const tcp = await chunks(bench.get("ber").port);
    const paced = await chunks(bench.get("ber").serialPort ?? 0);
    expect(tcp.count).toBe(1);
    expect(paced.length).toBe(tcp.length);
    expect(paced.count).toBeGreaterThan(10);
  } finally {
    await bench.stop();
  }
});

// Issue 14 (time near the floor): queries to two independent instruments overlap, while one
// instrument's session never runs two commands at once (evidence: the busy intervals' order).
it("two instruments' queries overlap; one session never has two commands executing", async () => {
  const bench = await startSimBench({
    portBase: 0,
    roles: ["thermal", "ber"],
    config: {
      instruments: { thermal: { latency: { fixedMs: 20 } }, ber: { latency: { fixedMs: 20 } } },
    },
  });
  const intervals: Record<string, [number, number][]> = { thermal: [], ber: [] };
  const open = (role: "thermal" | "ber") =>
    openSession(bench.get(role).resource, {
      errorCheck: "off",
      onBusy: (start, end) => intervals[role]?.push([start, end]),
    });
  const [thermal, ber] = await Promise.all([open("thermal"), open("ber")]);
  try {
    const replies = await Promise.all([
      ...[1, 2, 3].map(() => thermal.query("*IDN?")),
      ...[1, 2, 3].map(() => ber.query("*IDN?")),
    ]);
    expect(replies.every((r) => r.length > 0)).toBe(true);
    const [t, b] = [intervals.thermal ?? [], intervals.ber ?? []];
    expect(t.length).toBe(3);
    expect(b.length).toBe(3);
    // Within one session: each command starts only after the one before it ended.
    for (const list of [t, b])
      for (let i = 1; i < list.length; i++)
        expect(list[i]?.[0]).toBeGreaterThanOrEqual(list[i - 1]?.[1] ?? Infinity);
    expect(thermal.busy.maxConcurrent).toBe(1);
    expect(ber.busy.maxConcurrent).toBe(1);
    expect(thermal.busy.operations).toBe(3);
    // Across the two: the first thermal and first BER commands were executing at the same time.
    const [t0s, t0e] = t[0] ?? [0, 0];
    const [b0s, b0e] = b[0] ?? [0, 0];
    expect(t0s < b0e && b0s < t0e).toBe(true);
  } finally {
    await Promise.all([thermal.close(), ber.close()]);
    await bench.stop();
  }
});
