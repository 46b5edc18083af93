// The progress display: a live block on a terminal, plain lines elsewhere.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLiveProgress } from "./progress.js";
import { liveSteps } from "./steps/index.js";

function capture(tty: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY: tty, rows: 40, columns: 120 });
  let text = "";
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

const [first, second] = liveSteps;

describe("live progress", () => {
  it("shows step, readings and verdict counts on a terminal", () => {
    const { stream, text } = capture(true);
    const progress = createLiveProgress(stream, "SN9", liveSteps.length);
    if (first) progress.onStep(first, "start");
    progress.listener.reading?.("module power", 120.04, "W");
    progress.listener.reading?.("case temperature", 54.15, "°C");
    progress.listener.verdict?.({
      limitId: "XPO-PWR-001",
      subject: "p",
      observed: 120,
      unit: "W",
      margin: 360,
      outcome: "pass",
    });
    progress.stop();
    expect(text()).toContain(`xpo run SN9 · step 1/${liveSteps.length} interlock-coolant`);
    expect(text()).toContain("120 W · case 54.15 °C");
    expect(text()).toContain("1 pass · 0 marginal · 0 fail");
  });

  it("prints plain lines when not a terminal", () => {
    const { stream, text } = capture(false);
    const progress = createLiveProgress(stream, "SN9", liveSteps.length);
    if (second) progress.onStep(second, "start");
    progress.listener.verdict?.({
      limitId: "XPO-COOL-007",
      subject: "case temperature",
      observed: 90,
      unit: "°C",
      margin: -20,
      outcome: "fail",
      reason: "observed 90 °C, limit <= 70 °C",
    });
    progress.stop();
    expect(text()).toMatch(
      new RegExp(`^\\[00:00\\] step 1/${liveSteps.length} power-up: .*$`, "m"),
    );
    expect(text()).toMatch(
      /^\[00:00\] FAIL XPO-COOL-007 case temperature: observed 90 °C, limit <= 70 °C$/m,
    );
    expect(text()).not.toContain("\u001b[");
  });
});
