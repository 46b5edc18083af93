// The session suite's error-check and ordering groups (see session-suite.ts): what each
// errorCheck mode sends and names, commands run in call order, a silent instrument, a drop.
import { expect, it } from "vitest";
import { expectTypedError, faultTimeoutMs, type SuiteContext } from "./session-suite-context.js";

// errorCheck "each": one round trip per command, and what an entry names.
export function defineEachTests(ctx: SuiteContext): void {
  const { seen, seenBy, inject } = ctx;
  it('errorCheck "each": a query is one message Q;:SYST:ERR?, a write is W then SYST:ERR?', async () => {
    seen.length = 0;
    expect(await ctx.supply.queryNumber("SOUR:VOLT?")).toBe(48);
    expect(seenBy("supply")).toEqual(["SOUR:VOLT?;:SYST:ERR?"]);
    seen.length = 0;
    await ctx.supply.write("SOUR:VOLT 48");
    expect(seenBy("supply")).toEqual(["SOUR:VOLT 48", "SYST:ERR?"]);
    seen.length = 0;
    expect(await ctx.supply.queryAll("MEAS:VOLT?;CURR?")).toHaveLength(2);
    expect(seenBy("supply")).toEqual(["MEAS:VOLT?;CURR?;:SYST:ERR?"]);
    // Free text (*IDN?) and blocks must come last in a reply: checked in a separate exchange.
    seen.length = 0;
    await ctx.supply.identify();
    await ctx.supply.queryBlock("DIAG:BLOC? 8");
    expect(seenBy("supply")).toEqual(["*IDN?", "SYST:ERR?", "DIAG:BLOC? 8", "SYST:ERR?"]);
  });

  it('errorCheck "each": an entry queued by a query comes in its own reply and names it', async () => {
    inject({
      kind: "error",
      match: "MEAS:CURR?",
      count: 1,
      code: -221,
      message: 'Settings conflict;limit "10", see manual',
    });
    seen.length = 0;
    const e = await expectTypedError(
      ctx.supply.query("MEAS:CURR?"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "MEAS:CURR?",
    );
    expect((e as unknown as { errors: unknown[] }).errors).toEqual([
      { code: -221, message: "Settings conflict", info: 'limit "10", see manual;injected fault' },
    ]);
    // one round trip for the query, one SYST:ERR? to drain the rest of the queue
    expect(seenBy("supply")).toEqual(["MEAS:CURR?;:SYST:ERR?", "SYST:ERR?"]);
    seen.length = 0;
    expect(await ctx.supply.queryNumber("SOUR:VOLT?")).toBe(48);
    expect(seenBy("supply")).toEqual(["SOUR:VOLT?;:SYST:ERR?"]);
  });

  it("a failed write names the write; the next command does not inherit its entry", async () => {
    await expectTypedError(
      ctx.supply.write("SOUR:VOLT 500;:SOUR:CURR 9"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "SOUR:VOLT 500;:SOUR:CURR 9",
    );
    await expectTypedError(
      ctx.supply.write("BOGUS 1"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "BOGUS 1",
    );
    expect(await ctx.supply.queryNumber("SOUR:VOLT?")).toBe(48);
    expect(await ctx.supply.queryNumber("SOUR:CURR?")).toBe(9);
    expect(await ctx.supply.readErrors()).toEqual([]);
  });
}

// A failing query, and a discarded one under "each" and "separate"; what "separate" and "off" send.
export function defineModeTests(ctx: SuiteContext): void {
  const { seen, seenBy, open, inject } = ctx;
  it("a failing query (no response, execution error queued) throws at once, naming it", async () => {
    const ber = await open("ber");
    const started = Date.now();
    const e = await expectTypedError(
      ber.query("FETC:BER? 99"),
      "XPO_INSTRUMENT_ERROR",
      "ber",
      "FETC:BER? 99",
    );
    expect(Date.now() - started).toBeLessThan(faultTimeoutMs);
    expect((e as unknown as { scpi: unknown }).scpi).toEqual({
      code: -222,
      message: "Data out of range",
      info: "99",
    });
    expect(await ber.queryNumber("SENS:LANE:COUN?")).toBe(64);
    await ber.close();
  });

  for (const mode of ["each", "separate"] as const) {
    it(`errorCheck "${mode}": a query the instrument discards times out, then SYST:ERR? names it`, async () => {
      ctx.supply.errorCheck = mode;
      const e = await expectTypedError(
        ctx.supply.query("BOGUS?"),
        "XPO_INSTRUMENT_ERROR",
        "supply",
        "BOGUS?",
      );
      expect((e as unknown as { scpi: unknown }).scpi).toEqual({
        code: -113,
        message: "Undefined header",
        info: "BOGUS?",
      });
      expect(e.message).toContain(`no reply to "BOGUS?" within ${faultTimeoutMs} ms`);
      // the stale entry is gone: the next query is not blamed for it
      expect(await ctx.supply.queryNumber("SOUR:VOLT?")).toBe(48);
      expect(await ctx.supply.readErrors()).toEqual([]);
    });
  }

  it('errorCheck "separate": SYST:ERR? in its own exchange; errors still typed', async () => {
    ctx.supply.errorCheck = "separate";
    seen.length = 0;
    expect(await ctx.supply.queryNumber("SOUR:VOLT?")).toBe(48);
    await ctx.supply.write("SOUR:VOLT 48");
    expect(seenBy("supply")).toEqual(["SOUR:VOLT?", "SYST:ERR?", "SOUR:VOLT 48", "SYST:ERR?"]);
    await expectTypedError(
      ctx.supply.write("SOUR:VOLT 500"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "SOUR:VOLT 500",
    );
    inject({ kind: "error", match: "MEAS:CURR?", count: 1, code: -221 });
    await expectTypedError(
      ctx.supply.query("MEAS:CURR?"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "MEAS:CURR?",
    );
  });

  it('errorCheck "off": no SYST:ERR? at all; entries stay queued for readErrors()', async () => {
    ctx.supply.errorCheck = "off";
    seen.length = 0;
    expect(await ctx.supply.queryNumber("SOUR:VOLT?")).toBe(48);
    await ctx.supply.write("NOPE");
    expect((await ctx.supply.readErrors()).map((e) => e.code)).toEqual([-113]);
    expect(seenBy("supply")).toEqual(["SOUR:VOLT?", "NOPE", "SYST:ERR?", "SYST:ERR?"]);
  });
}

// Calls in call order, a silent instrument, a dropped connection.
export function defineOrderTests(ctx: SuiteContext): void {
  const { seen, seenBy, open, inject } = ctx;
  it("calls made without waiting run one at a time, in call order, each with its own reply", async () => {
    seen.length = 0;
    const results = await Promise.all([
      ctx.supply.queryNumber("SOUR:VOLT?"),
      ctx.supply.write("SOUR:CURR 9"),
      ctx.supply.queryNumber("SOUR:CURR?"),
      ctx.supply.query("*IDN?"),
      ctx.supply.write("BOGUS 2").catch((e: { code: string }) => e.code),
      ctx.supply.queryAll("SOUR:VOLT?;CURR?"),
    ]);
    expect(results).toEqual([
      48,
      undefined,
      9,
      ctx.bench.config.instruments.supply.identity,
      "XPO_INSTRUMENT_ERROR",
      ["+4.80000E+01", "+9.00000E+00"],
    ]);
    expect(seenBy("supply")).toEqual([
      "SOUR:VOLT?;:SYST:ERR?",
      "SOUR:CURR 9",
      "SYST:ERR?",
      "SOUR:CURR?;:SYST:ERR?",
      "*IDN?",
      "SYST:ERR?",
      "BOGUS 2",
      "SYST:ERR?",
      "SYST:ERR?",
      "SOUR:VOLT?;CURR?;:SYST:ERR?",
    ]);
  });

  it("a silent instrument: a typed timeout within two timeouts, then one per command", async () => {
    inject({ kind: "stall" }); // every query, *OPC? and SYST:ERR? included
    // the reply times out, then the SYST:ERR? check cannot resync either: the timeout stands
    await expectTypedError(
      ctx.supply.query("MEAS:VOLT?"),
      "XPO_INSTRUMENT_TIMEOUT",
      "supply",
      "MEAS:VOLT?",
      faultTimeoutMs * 2 + 300,
    );
    // the next command fails at its resync, before sending: no second wait for the queue
    await expectTypedError(
      ctx.supply.queryNumber("SOUR:VOLT?"),
      "XPO_INSTRUMENT_TIMEOUT",
      "supply",
      "SOUR:VOLT?",
      faultTimeoutMs + 300,
    );
    ctx.bench.faults.clear();
    expect(await ctx.supply.queryNumber("SOUR:VOLT?")).toBe(48);
  });

  it("fault drop: the connection closes; typed error, never a hang", async () => {
    const s = ctx.pty ? ctx.supply : await open("supply");
    inject({ kind: "drop", match: "MEAS:CURR?", count: 1 });
    await expectTypedError(
      s.query("MEAS:CURR?"),
      ctx.pty
        ? ["XPO_INSTRUMENT_DISCONNECTED", "XPO_INSTRUMENT_TIMEOUT"]
        : "XPO_INSTRUMENT_DISCONNECTED",
      "supply",
      "MEAS:CURR?",
    );
    if (!ctx.pty) {
      expect(await s.queryNumber("SOUR:VOLT?")).toBe(48); // reconnected
      await s.close();
    }
  });
}
