// The simulator answers compound messages the way the session's one-round-trip error check
// needs: `Q;:SYST:ERR?` gives one reply `<Q's reply>;<entry>`, a command error discards the
// rest of the message, and an injected error is queued right after the unit it matches.
import { createConnection, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimBench, startSimBench } from "./index.js";
import type { ScpiInstrument } from "./scpi-engine.js";

// Send raw messages over a real socket and collect `count` reply lines.
async function converse(port: number, text: string, count: number): Promise<string[]> {
  const socket: Socket = createConnection({ host: "127.0.0.1", port });
  socket.setNoDelay(true);
  try {
    return await new Promise<string[]>((resolve, reject) => {
      let pending = "";
      const timer = setTimeout(
        () => reject(new Error(`only got ${JSON.stringify(pending)}`)),
        2000,
      );
      socket.on("error", reject);
      socket.on("connect", () => socket.write(text));
      socket.on("data", (chunk) => {
        pending += chunk.toString("latin1");
        const lines = pending.split("\n");
        if (lines.length > count) {
          clearTimeout(timer);
          resolve(lines.slice(0, count));
        }
      });
    });
  } finally {
    socket.destroy();
  }
}

describe("simulator: compound messages with :SYST:ERR?", () => {
  let bench: SimBench;
  let supply: ScpiInstrument;
  beforeAll(async () => {
    bench = await startSimBench({ portBase: 0, roles: ["supply"] });
    supply = bench.engines.supply as ScpiInstrument;
  });
  afterAll(async () => bench?.stop());

  it("answers Q;:SYST:ERR? with one response message: Q's reply, then the entry", () => {
    supply.execute("SOUR:VOLT 48;CURR 10");
    expect(supply.execute("SOUR:VOLT?;:SYST:ERR?")).toBe('+4.80000E+01;0,"No error"');
    expect(supply.execute("MEAS:VOLT?;CURR?;:SYST:ERR?")).toMatch(/^[^;]+;[^;]+;0,"No error"$/);
    // path rules still apply before the leading colon resets to the root
    expect(supply.execute("SOUR:VOLT 12;CURR 3;:SYST:ERR?")).toBe('0,"No error"');
    expect(supply.execute("SOUR:VOLT?;CURR?")).toBe("+1.20000E+01;+3.00000E+00");
  });

  it("an execution error in a query: no response from it, the entry still comes", () => {
    expect(supply.execute("SOUR:VOLT 500;:SYST:ERR?")).toBe('-222,"Data out of range;500"');
    expect(supply.execute("SOUR:VOLT?;:SYST:ERR?")).toBe('+1.20000E+01;0,"No error"');
  });

  it("an undefined header discards the rest of the message: no reply at all", () => {
    expect(supply.execute("BOGUS?;:SYST:ERR?")).toBeUndefined();
    expect(supply.execute("SYST:ERR?")).toBe('-113,"Undefined header;BOGUS?"');
    expect(supply.execute("SYST:ERR?")).toBe('0,"No error"');
  });

  it("over a socket: W then SYST:ERR? as two messages in one write get one entry each", async () => {
    const port = bench.get("supply").port;
    expect(await converse(port, "BOGUS 1;:OUTP ON\nSYST:ERR?\n", 1)).toEqual([
      '-113,"Undefined header;BOGUS"',
    ]);
    expect(bench.state().supply.output).toBe(false);
    expect(await converse(port, "SOUR:VOLT 48\nSYST:ERR?\nSOUR:VOLT?;:SYST:ERR?\n", 2)).toEqual([
      '0,"No error"',
      '+4.80000E+01;0,"No error"',
    ]);
  });

  it("an injected error fault is queued right after the matching unit, inside the message", async () => {
    const port = bench.get("supply").port;
    bench.faults.add({
      role: "supply",
      kind: "error",
      match: "SOUR:CURR",
      count: 1,
      code: -221,
      message: "Settings conflict",
    });
    expect(await converse(port, "SOUR:CURR?;:SYST:ERR?\nSYST:ERR?\n", 2)).toEqual([
      '+3.00000E+00;-221,"Settings conflict;injected fault"',
      '0,"No error"',
    ]);
    // with no match it follows the first unit; a message that is only SYST:ERR? reports it
    bench.faults.add({ role: "supply", kind: "error", count: 1 });
    expect(await converse(port, "SYST:ERR?\nSYST:ERR?\n", 2)).toEqual([
      '0,"No error"',
      '-300,"Device specific error;injected fault"',
    ]);
  });
});
