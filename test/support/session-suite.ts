// One SCPI-layer suite run over two byte paths (TCP socket and pty), against the simulator:
// the same checks, the same injected faults. Used by session.test.ts and serial.test.ts. The
// shared state is in session-suite-context.ts, the error-check groups in session-suite-checks.ts.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { startSimBench } from "../../src/sim/index.js";
import { defineEachTests, defineModeTests, defineOrderTests } from "./session-suite-checks.js";
import {
  createContext,
  expectTypedError,
  faultTimeoutMs,
  type SuiteContext,
  type SuiteOptions,
} from "./session-suite-context.js";
import { defineRealInstrumentTests } from "./session-suite-real.js";

// Register the suite: the bench and supply session around the groups of tests, in this order.
export function defineSessionSuite(options: SuiteOptions): void {
  const ctx = createContext(options);
  beforeAll(async () => {
    ctx.bench = await startSimBench({
      portBase: 0,
      speed: 50,
      pty: options.pty ? ["supply", "ber"] : false,
      log: (role, message) => {
        ctx.seen.push(`${role}: ${message}`);
      },
    });
    ctx.supply = await ctx.open("supply");
  });
  afterAll(async () => {
    await ctx.supply?.close();
    await ctx.bench?.stop();
  });
  afterEach(() => {
    ctx.bench.faults.clear();
    ctx.supply.errorCheck = "each";
    ctx.seen.length = 0;
  });
  defineReplyTests(ctx);
  defineFaultTests(ctx);
  defineEachTests(ctx);
  defineModeTests(ctx);
  defineRealInstrumentTests(ctx);
  defineOrderTests(ctx);
}

// Typed replies, definite blocks and the error queue.
function defineReplyTests(ctx: SuiteContext): void {
  const { open, openRaw, closeRaw } = ctx;
  it("identifies the instrument and parses typed replies", async () => {
    expect(await ctx.supply.identify()).toMatchObject({ vendor: "CHROMA", model: "62012P-80-60" });
    await ctx.supply.write("SOUR:VOLT 48;CURR 10;:OUTP ON");
    expect(await ctx.supply.queryBool("OUTP?")).toBe(true);
    expect(await ctx.supply.queryNumber("SOUR:VOLT?")).toBe(48);
    const [v, i, p] = (await ctx.supply.queryAll("MEAS:VOLT?;CURR?;POW?")).map(Number);
    expect(v).toBe(48);
    expect(i).toBeCloseTo(250 / 48, 4);
    expect(p).toBeCloseTo(250, 2);
    expect(await ctx.supply.queryAll("*IDN?;*OPC?")).toEqual([
      ctx.bench.config.instruments.supply.identity,
      "1",
    ]);
    expect(ctx.bench.state().supply.output).toBe(true);
  });

  it("reads definite blocks by length (payload holds LF, CR, 0xff)", async () => {
    const block = await ctx.supply.queryBlock("DIAG:BLOC? 300");
    expect(block.length).toBe(300);
    expect([...block.subarray(8, 14)]).toEqual([8, 9, 10, 11, 12, 13]);
    expect(block[255]).toBe(255);
    expect(await ctx.supply.opc()).toBe(true);
    const ber = await open("ber");
    const bytes = await ber.queryBlock("FETC:BER:BLOC?");
    expect(bytes.length).toBe(64 * 8);
    expect(bytes.readDoubleLE(0)).toBeGreaterThan(0);
    await ber.close();
  });

  it("turns the error queue into typed errors; -350 on overflow; *CLS clears", async () => {
    const e = await expectTypedError(
      ctx.supply.write("FOO:BAR 1"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "FOO:BAR 1",
    );
    expect((e as unknown as { scpi: unknown }).scpi).toEqual({
      code: -113,
      message: "Undefined header",
      info: "FOO:BAR",
    });
    await expectTypedError(
      ctx.supply.write("SOUR:VOLT 500"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "SOUR:VOLT 500",
    );
    const raw = await openRaw();
    for (let k = 0; k < 12; k++) await raw.write("NOPE");
    expect(await raw.queryNumber("SYST:ERR:COUN?")).toBe(10);
    expect((await raw.stb()) & 0x04).toBe(0x04);
    expect((await raw.esr()) & 0x20).toBe(0x20);
    const entries = await raw.readErrors();
    expect(entries).toHaveLength(10);
    expect(entries.at(-1)?.code).toBe(-350);
    await raw.write("NOPE");
    await raw.clear();
    expect(await raw.readErrors()).toEqual([]);
    await closeRaw(raw);
  });
}

// Injected reply faults, module faults and a query that gets no reply.
function defineFaultTests(ctx: SuiteContext): void {
  const { open, openRaw, closeRaw, inject } = ctx;
  const replyFaults = [
    ["stall", "XPO_INSTRUMENT_TIMEOUT"],
    ["partial", "XPO_INSTRUMENT_TIMEOUT"],
    ["garbage", "XPO_INSTRUMENT_PROTOCOL"],
    ["slow", "XPO_INSTRUMENT_TIMEOUT"],
  ] as const;
  for (const [kind, code] of replyFaults) {
    it(`fault ${kind}: typed ${code} naming supply and MEAS:VOLT?, then back in step`, async () => {
      inject({ kind, match: "MEAS:VOLT?", count: 1, delayMs: faultTimeoutMs + 300 });
      await expectTypedError(ctx.supply.query("MEAS:VOLT?"), code, "supply", "MEAS:VOLT?");
      expect(await ctx.supply.identify()).toMatchObject({ vendor: "CHROMA" });
      expect(await ctx.supply.queryNumber("SOUR:VOLT?")).toBe(48);
    });
  }

  it("fault slow below the timeout: the reply is late but fine", async () => {
    inject({ kind: "slow", match: "SOUR:VOLT?", count: 1, delayMs: 150 });
    expect(await ctx.supply.queryNumber("SOUR:VOLT?")).toBe(48);
  });

  it("fault error: an error-queue entry after a command becomes a typed error", async () => {
    inject({
      kind: "error",
      match: "SOUR:CURR",
      count: 1,
      code: -221,
      message: "Settings conflict",
    });
    const e = await expectTypedError(
      ctx.supply.write("SOUR:CURR 9"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "SOUR:CURR 9",
    );
    expect((e as unknown as { scpi: { code: number } }).scpi.code).toBe(-221);
    expect(await ctx.supply.queryNumber("SOUR:CURR?")).toBe(9);
  });

  it("module faults: a failing lane shows on the BER checker", async () => {
    const ber = await open("ber");
    ctx.bench.faults.add({ kind: "lane-fail", role: "ber", lane: 5 });
    expect(await ber.queryNumber("FETC:BER? 5")).toBeCloseTo(2e-2);
    expect(await ber.queryNumber("FETC:BER? 6")).toBeLessThan(1e-3);
    expect(await ber.queryBool("FETC:LOCK? 5")).toBe(false);
    await ber.close();
  });

  it("a query with no reply (unknown header) times out, and the queue says why", async () => {
    const raw = await openRaw();
    await expectTypedError(raw.query("BOGUS?"), "XPO_INSTRUMENT_TIMEOUT", "supply", "BOGUS?");
    expect((await raw.readErrors()).map((e) => e.code)).toEqual([-113]);
    await closeRaw(raw);
  });
}
