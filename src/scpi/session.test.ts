// The SCPI layer against the simulated bench over real TCP sockets, with every injected fault.
import { describe, expect, it } from "vitest";
import { defineSessionSuite } from "../../test/support/session-suite.js";
import { createReplayTransport } from "../transport/index.js";
import { canAppendCheck, type ErrorCheck, ScpiSession } from "./session.js";

describe("SCPI session over TCP", () => {
  defineSessionSuite({ resource: (bench, role) => bench.get(role).resource, pty: false });
});

describe("error-check options", () => {
  const transcript = new URL("../../fixtures/transcripts/supply-session.jsonl", import.meta.url)
    .pathname;
  const modeOf = (options: ConstructorParameters<typeof ScpiSession>[1]) =>
    new ScpiSession(createReplayTransport(transcript), options).errorCheck;

  it('defaults to "each"; the deprecated checkErrors flag still maps; a bad mode is a usage error', () => {
    expect(modeOf({})).toBe("each");
    expect(modeOf({ checkErrors: false })).toBe("off");
    expect(modeOf({ checkErrors: true })).toBe("each");
    expect(modeOf({ checkErrors: false, errorCheck: "separate" })).toBe("separate");
    expect(() => modeOf({ errorCheck: "always" as ErrorCheck })).toThrow(
      expect.objectContaining({ code: "XPO_USAGE" }),
    );
  });

  it("appends ;:SYST:ERR? except after free-text replies that must come last (*IDN?, *OPT?)", () => {
    expect(canAppendCheck("MEAS:VOLT?")).toBe(true);
    expect(canAppendCheck("MEAS:VOLT?;CURR?")).toBe(true);
    expect(canAppendCheck('DISP:TEXT? "*IDN?;x"')).toBe(true);
    expect(canAppendCheck("*IDN?")).toBe(false);
    expect(canAppendCheck("*idn?")).toBe(false);
    expect(canAppendCheck("*IDN?;*OPC?")).toBe(false);
    expect(canAppendCheck("SYST:ERR?;*OPT?")).toBe(false);
  });
});
