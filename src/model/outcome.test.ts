// The gate's arithmetic: which severities fail the run at each --fail-on level, and the exit code.
import { describe, expect, it } from "vitest";
import { createCounts, exitCodeFor, gatesOn, isWarning } from "./outcome.js";

describe("the gate", () => {
  it("gates on mandatory by default, and on everything at or above --fail-on", () => {
    expect(gatesOn("mandatory")).toBe(true);
    expect(gatesOn("recommended")).toBe(false);
    expect(gatesOn("informative")).toBe(false);
    expect(gatesOn("recommended", "recommended")).toBe(true);
    expect(gatesOn("informative", "recommended")).toBe(false);
    expect(gatesOn("informative", "informative")).toBe(true);
    // A limit the catalogue lacks is never waved through.
    expect(gatesOn(undefined)).toBe(true);
  });

  it("a warning is a failed limit below the gate, nothing else", () => {
    expect(isWarning("fail", "recommended")).toBe(true);
    expect(isWarning("fail", "mandatory")).toBe(false);
    expect(isWarning("error", "recommended")).toBe(false);
    expect(isWarning("marginal", "recommended")).toBe(false);
    expect(isWarning("fail", "recommended", "recommended")).toBe(false);
  });

  it("exit 1 only for failures that gate; 2 whenever something could not be checked", () => {
    const counts = { ...createCounts(), pass: 40, fail: 2 };
    expect(exitCodeFor(counts, 0)).toBe(1);
    expect(exitCodeFor(counts, 0, 1)).toBe(1);
    expect(exitCodeFor(counts, 0, 2)).toBe(0);
    expect(exitCodeFor({ ...counts, error: 1 }, 0, 2)).toBe(2);
    expect(exitCodeFor(counts, 1, 2)).toBe(2);
  });
});
