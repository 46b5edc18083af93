// The session suite's group for what real instruments do (issue 11): quoted strings holding
// `#` and digits, error entries echoing a block header, entries queued before the session
// opened, the caller's own SYST:ERR?, a 256-byte input buffer, and two clients on one queue.
import { expect, it } from "vitest";
import type { ErrorCheck } from "../../src/scpi/session.js";
import { expectTypedError, type SuiteContext } from "./session-suite-context.js";

const modes: ErrorCheck[] = ["each", "separate", "off"];

// Register the group.
export function defineRealInstrumentTests(ctx: SuiteContext): void {
  defineFramingTests(ctx);
  defineQueueTests(ctx);
  it("a 256-byte input buffer: the appended check overruns it; separate and off do not", async () => {
    const engine = ctx.bench.engines.supply;
    if (engine === undefined) throw new Error("no supply engine");
    engine.inputBufferBytes = 256;
    const long = `DIAG:BLOC? ${"0".repeat(236)}8`; // 247 bytes, 248 with LF
    try {
      const e = await expectTypedError(
        ctx.supply.query(long),
        "XPO_INSTRUMENT_ERROR",
        "supply",
        long,
      );
      expect((e as unknown as { scpi: { code: number } }).scpi.code).toBe(-363);
      for (const mode of ["separate", "off"] as const) {
        ctx.supply.errorCheck = mode;
        expect(await ctx.supply.query(long)).toMatch(/^#18/);
      }
    } finally {
      engine.inputBufferBytes = 4096;
    }
  });
}

// Replies whose quoted strings hold `#` and digits are read to their LF, in every mode.
function defineFramingTests(ctx: SuiteContext): void {
  for (const mode of modes)
    it(`errorCheck "${mode}": a quoted reply "Fault #250 on ch 1" is not read as a block`, async () => {
      ctx.supply.errorCheck = mode;
      await ctx.supply.write('DISP:TEXT "Fault #250 on ch 1"');
      expect(await ctx.supply.queryString("DISP:TEXT?")).toBe("Fault #250 on ch 1");
      await ctx.supply.write('DISP:TEXT "Ready?"');
      expect(await ctx.supply.query("DISP:TEXT?")).toBe('"Ready?"');
    });

  for (const mode of ["each", "separate"] as const)
    it(`errorCheck "${mode}": an error entry echoing #2500 is reported, not a timeout`, async () => {
      ctx.supply.errorCheck = mode;
      const e = await expectTypedError(
        ctx.supply.write("SOUR:VOLT #2500"),
        "XPO_INSTRUMENT_ERROR",
        "supply",
        "SOUR:VOLT #2500",
      );
      expect((e as unknown as { scpi: unknown }).scpi).toEqual({
        code: -104,
        message: "Data type error",
        info: "#2500",
      });
      expect(await ctx.supply.queryNumber("SOUR:VOLT?")).toBe(48);
    });

  it('errorCheck "off": readErrors() returns the entry echoing #2500', async () => {
    ctx.supply.errorCheck = "off";
    await ctx.supply.write("SOUR:VOLT #2500");
    expect(await ctx.supply.readErrors()).toEqual([
      { code: -104, message: "Data type error", info: "#2500" },
    ]);
  });
}

// What is already queued, the caller's own SYST:ERR?, two clients on one queue.
function defineQueueTests(ctx: SuiteContext): void {
  const queue = (...codes: number[]) => {
    for (const code of codes) ctx.bench.engines.supply?.status.push(code, undefined, "earlier");
  };
  it("entries queued before the session are read as stale, then *IDN? is clean", async () => {
    queue(-113, -222);
    const stale = await ctx.supply.readStaleErrors();
    expect(stale).toEqual({
      entries: [
        { code: -113, message: "Undefined header", info: "earlier" },
        { code: -222, message: "Data out of range", info: "earlier" },
      ],
      truncated: false,
    });
    expect(await ctx.supply.identify()).toMatchObject({ vendor: "CHROMA" });
    queue(...Array.from({ length: 12 }, () => -113));
    const many = await ctx.supply.readStaleErrors(4);
    expect(many.entries).toHaveLength(4);
    expect(many.truncated).toBe(true);
    expect(await ctx.supply.query("SYST:ERR:COUN?")).toBe("0");
  });

  for (const mode of ["each", "separate"] as const)
    it(`errorCheck "${mode}": the caller's SYST:ERR? gets the oldest entry, nothing appended`, async () => {
      ctx.supply.errorCheck = mode;
      queue(-113, -222);
      ctx.seen.length = 0;
      expect(await ctx.supply.query("SYST:ERR:COUN?")).toBe("2");
      expect(await ctx.supply.query("SYST:ERR?")).toBe('-113,"Undefined header;earlier"');
      expect(await ctx.supply.query("SYST:ERR:NEXT?")).toBe('-222,"Data out of range;earlier"');
      expect(await ctx.supply.query("SYST:ERR?")).toMatch(/^\+?0,"No error"$/);
      expect(ctx.seenBy("supply")).toEqual([
        "SYST:ERR:COUN?",
        "SYST:ERR?",
        "SYST:ERR:NEXT?",
        "SYST:ERR?",
      ]);
    });

  it("two clients share one error queue: B's check reports A's unchecked mistake", async () => {
    if (ctx.pty) return; // a serial port has one user at a time
    const a = await ctx.open("supply", "off");
    const b = await ctx.open("supply", "each");
    try {
      await a.write("NOPE");
      const e = await expectTypedError(
        b.query("SOUR:VOLT?"),
        "XPO_INSTRUMENT_ERROR",
        "supply",
        "SOUR:VOLT?",
      );
      expect((e as unknown as { scpi: { code: number } }).scpi.code).toBe(-113);
    } finally {
      await a.close();
      await b.close();
    }
  });
}
