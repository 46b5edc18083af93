// One SCPI-layer suite run over two byte paths (TCP socket and pty), against the simulator:
// the same checks, the same injected faults. Used by session.test.ts and serial.test.ts.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { Role } from "../../src/model/roles.js";
import { type ErrorCheck, openSession, type ScpiSession } from "../../src/scpi/session.js";
import type { FaultSpec } from "../../src/sim/faults.js";
import { type SimBench, startSimBench } from "../../src/sim/index.js";

export const faultTimeoutMs = 400;

export interface SuiteOptions {
  /** Resource string for a role on this path. */
  resource: (bench: SimBench, role: Role) => string;
  pty: boolean;
}

// Expect `promise` to reject with `code` naming instrument and command, within the timeout.
export async function expectTypedError(
  promise: Promise<unknown>,
  code: string | string[],
  instrument: string,
  command: string,
  budgetMs = faultTimeoutMs * 2 + 300,
): Promise<Error> {
  const started = Date.now();
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e as Error,
  );
  const codes = Array.isArray(code) ? code : [code];
  expect(codes).toContain((error as { code?: string }).code);
  expect((error as { location?: unknown }).location).toMatchObject({ instrument, command });
  expect(Date.now() - started).toBeLessThan(budgetMs);
  return error;
}

export function defineSessionSuite(options: SuiteOptions): void {
  let bench: SimBench;
  let supply: ScpiSession;
  // Every program message the simulated instruments received, as "role: message".
  const seen: string[] = [];
  const seenBy = (role: Role) =>
    seen.filter((m) => m.startsWith(`${role}: `)).map((m) => m.slice(role.length + 2));
  const open = (role: Role, errorCheck: ErrorCheck = "each") =>
    openSession(options.resource(bench, role), {
      name: role,
      timeoutMs: faultTimeoutMs,
      errorCheck,
    });
  // A serial port has one user at a time: on the pty path reuse the supply session.
  const openRaw = async (): Promise<ScpiSession> => {
    if (!options.pty) return open("supply", "off");
    supply.errorCheck = "off";
    return supply;
  };
  const closeRaw = async (raw: ScpiSession) => {
    if (raw === supply) supply.errorCheck = "each";
    else await raw.close();
  };
  const inject = (spec: Omit<FaultSpec, "role"> & { role?: Role }) =>
    bench.faults.add({ role: "supply", ...spec } as FaultSpec);

  beforeAll(async () => {
    bench = await startSimBench({
      portBase: 0,
      speed: 50,
      pty: options.pty ? ["supply", "ber"] : false,
      log: (role, message) => {
        seen.push(`${role}: ${message}`);
      },
    });
    supply = await open("supply");
  });
  afterAll(async () => {
    await supply?.close();
    await bench?.stop();
  });
  afterEach(() => {
    bench.faults.clear();
    supply.errorCheck = "each";
    seen.length = 0;
  });

  it("identifies the instrument and parses typed replies", async () => {
    expect(await supply.identify()).toMatchObject({ vendor: "CHROMA", model: "62012P-80-60" });
    await supply.write("SOUR:VOLT 48;CURR 10;:OUTP ON");
    expect(await supply.queryBool("OUTP?")).toBe(true);
    expect(await supply.queryNumber("SOUR:VOLT?")).toBe(48);
    const [v, i, p] = (await supply.queryAll("MEAS:VOLT?;CURR?;POW?")).map(Number);
    expect(v).toBe(48);
    expect(i).toBeCloseTo(250 / 48, 4);
    expect(p).toBeCloseTo(250, 2);
    expect(await supply.queryAll("*IDN?;*OPC?")).toEqual([
      bench.config.instruments.supply.identity,
      "1",
    ]);
    expect(bench.state().supply.output).toBe(true);
  });

  it("reads definite blocks by length (payload holds LF, CR, 0xff)", async () => {
    const block = await supply.queryBlock("DIAG:BLOC? 300");
    expect(block.length).toBe(300);
    expect([...block.subarray(8, 14)]).toEqual([8, 9, 10, 11, 12, 13]);
    expect(block[255]).toBe(255);
    expect(await supply.opc()).toBe(true);
    const ber = await open("ber");
    const bytes = await ber.queryBlock("FETC:BER:BLOC?");
    expect(bytes.length).toBe(64 * 8);
    expect(bytes.readDoubleLE(0)).toBeGreaterThan(0);
    await ber.close();
  });

  it("turns the error queue into typed errors; -350 on overflow; *CLS clears", async () => {
    const e = await expectTypedError(
      supply.write("FOO:BAR 1"),
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
      supply.write("SOUR:VOLT 500"),
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

  const replyFaults = [
    ["stall", "XPO_INSTRUMENT_TIMEOUT"],
    ["partial", "XPO_INSTRUMENT_TIMEOUT"],
    ["garbage", "XPO_INSTRUMENT_PROTOCOL"],
    ["slow", "XPO_INSTRUMENT_TIMEOUT"],
  ] as const;
  for (const [kind, code] of replyFaults) {
    it(`fault ${kind}: typed ${code} naming supply and MEAS:VOLT?, then back in step`, async () => {
      inject({ kind, match: "MEAS:VOLT?", count: 1, delayMs: faultTimeoutMs + 300 });
      await expectTypedError(supply.query("MEAS:VOLT?"), code, "supply", "MEAS:VOLT?");
      expect(await supply.identify()).toMatchObject({ vendor: "CHROMA" });
      expect(await supply.queryNumber("SOUR:VOLT?")).toBe(48);
    });
  }

  it("fault slow below the timeout: the reply is late but fine", async () => {
    inject({ kind: "slow", match: "SOUR:VOLT?", count: 1, delayMs: 150 });
    expect(await supply.queryNumber("SOUR:VOLT?")).toBe(48);
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
      supply.write("SOUR:CURR 9"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "SOUR:CURR 9",
    );
    expect((e as unknown as { scpi: { code: number } }).scpi.code).toBe(-221);
    expect(await supply.queryNumber("SOUR:CURR?")).toBe(9);
  });

  it("module faults: a failing lane shows on the BER checker", async () => {
    const ber = await open("ber");
    bench.faults.add({ kind: "lane-fail", role: "ber", lane: 5 });
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

  it('errorCheck "each": a query is one message Q;:SYST:ERR?, a write is W then SYST:ERR?', async () => {
    seen.length = 0;
    expect(await supply.queryNumber("SOUR:VOLT?")).toBe(48);
    expect(seenBy("supply")).toEqual(["SOUR:VOLT?;:SYST:ERR?"]);
    seen.length = 0;
    await supply.write("SOUR:VOLT 48");
    expect(seenBy("supply")).toEqual(["SOUR:VOLT 48", "SYST:ERR?"]);
    seen.length = 0;
    expect(await supply.queryAll("MEAS:VOLT?;CURR?")).toHaveLength(2);
    expect(seenBy("supply")).toEqual(["MEAS:VOLT?;CURR?;:SYST:ERR?"]);
    // Free text (*IDN?) and blocks must come last in a reply: checked in a separate exchange.
    seen.length = 0;
    await supply.identify();
    await supply.queryBlock("DIAG:BLOC? 8");
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
      supply.query("MEAS:CURR?"),
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
    expect(await supply.queryNumber("SOUR:VOLT?")).toBe(48);
    expect(seenBy("supply")).toEqual(["SOUR:VOLT?;:SYST:ERR?"]);
  });

  it("a failed write names the write; the next command does not inherit its entry", async () => {
    await expectTypedError(
      supply.write("SOUR:VOLT 500;:SOUR:CURR 9"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "SOUR:VOLT 500;:SOUR:CURR 9",
    );
    await expectTypedError(supply.write("BOGUS 1"), "XPO_INSTRUMENT_ERROR", "supply", "BOGUS 1");
    expect(await supply.queryNumber("SOUR:VOLT?")).toBe(48);
    expect(await supply.queryNumber("SOUR:CURR?")).toBe(9);
    expect(await supply.readErrors()).toEqual([]);
  });

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
      supply.errorCheck = mode;
      const e = await expectTypedError(
        supply.query("BOGUS?"),
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
      expect(await supply.queryNumber("SOUR:VOLT?")).toBe(48);
      expect(await supply.readErrors()).toEqual([]);
    });
  }

  it('errorCheck "separate": SYST:ERR? in its own exchange; errors still typed', async () => {
    supply.errorCheck = "separate";
    seen.length = 0;
    expect(await supply.queryNumber("SOUR:VOLT?")).toBe(48);
    await supply.write("SOUR:VOLT 48");
    expect(seenBy("supply")).toEqual(["SOUR:VOLT?", "SYST:ERR?", "SOUR:VOLT 48", "SYST:ERR?"]);
    await expectTypedError(
      supply.write("SOUR:VOLT 500"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "SOUR:VOLT 500",
    );
    inject({ kind: "error", match: "MEAS:CURR?", count: 1, code: -221 });
    await expectTypedError(
      supply.query("MEAS:CURR?"),
      "XPO_INSTRUMENT_ERROR",
      "supply",
      "MEAS:CURR?",
    );
  });

  it('errorCheck "off": no SYST:ERR? at all; entries stay queued for readErrors()', async () => {
    supply.errorCheck = "off";
    seen.length = 0;
    expect(await supply.queryNumber("SOUR:VOLT?")).toBe(48);
    await supply.write("NOPE");
    expect((await supply.readErrors()).map((e) => e.code)).toEqual([-113]);
    expect(seenBy("supply")).toEqual(["SOUR:VOLT?", "NOPE", "SYST:ERR?", "SYST:ERR?"]);
  });

  it("calls made without waiting run one at a time, in call order, each with its own reply", async () => {
    seen.length = 0;
    const results = await Promise.all([
      supply.queryNumber("SOUR:VOLT?"),
      supply.write("SOUR:CURR 9"),
      supply.queryNumber("SOUR:CURR?"),
      supply.query("*IDN?"),
      supply.write("BOGUS 2").catch((e: { code: string }) => e.code),
      supply.queryAll("SOUR:VOLT?;CURR?"),
    ]);
    expect(results).toEqual([
      48,
      undefined,
      9,
      bench.config.instruments.supply.identity,
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
      supply.query("MEAS:VOLT?"),
      "XPO_INSTRUMENT_TIMEOUT",
      "supply",
      "MEAS:VOLT?",
      faultTimeoutMs * 2 + 300,
    );
    // the next command fails at its resync, before sending: no second wait for the queue
    await expectTypedError(
      supply.queryNumber("SOUR:VOLT?"),
      "XPO_INSTRUMENT_TIMEOUT",
      "supply",
      "SOUR:VOLT?",
      faultTimeoutMs + 300,
    );
    bench.faults.clear();
    expect(await supply.queryNumber("SOUR:VOLT?")).toBe(48);
  });

  it("fault drop: the connection closes; typed error, never a hang", async () => {
    const s = options.pty ? supply : await open("supply");
    inject({ kind: "drop", match: "MEAS:CURR?", count: 1 });
    await expectTypedError(
      s.query("MEAS:CURR?"),
      options.pty
        ? ["XPO_INSTRUMENT_DISCONNECTED", "XPO_INSTRUMENT_TIMEOUT"]
        : "XPO_INSTRUMENT_DISCONNECTED",
      "supply",
      "MEAS:CURR?",
    );
    if (!options.pty) {
      expect(await s.queryNumber("SOUR:VOLT?")).toBe(48); // reconnected
      await s.close();
    }
  });
}
