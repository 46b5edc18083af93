// Progress of a live run: on a terminal, a live block (log-update) with the step, elapsed
// time, latest readings and verdict counts; otherwise (CI, pipes) plain log lines for step
// changes, failures and safety events.

import { createLogUpdate } from "log-update";
import { type Counts, createCounts } from "../model/outcome.js";
import { GLANCE_DIGITS, roundSignificant } from "../model/round.js";
import type { EventLine } from "../run/record.js";
import type { LiveVerdict, RecorderListener } from "./recorder.js";
import type { Step } from "./step.js";

export interface LiveProgress {
  listener: RecorderListener;
  onStep: (step: Step, phase: "start" | "done" | "skip") => void;
  /** Leave the last frame on screen (terminal) and stop updating. */
  stop(): void;
}

const shownChannels: [string, string][] = [
  ["supply voltage", "V"],
  ["input current", "A"],
  ["module power", "W"],
  ["case temperature", "case"],
  ["coolant inlet", "inlet"],
  ["coolant flow", "flow"],
];

function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

// The latest reading of each shown channel, on one line.
function formatReadings(latest: ReadonlyMap<string, { value: number; unit: string }>): string {
  return shownChannels
    .map(([channel, label]) => {
      const r = latest.get(channel);
      if (r === undefined) return undefined;
      const value = roundSignificant(r.value, GLANCE_DIGITS);
      return label === r.unit ? `${value} ${r.unit}` : `${label} ${value} ${r.unit}`;
    })
    .filter((x) => x !== undefined)
    .join(" · ");
}

// Create the display for `dut` with `total` steps, writing to `stream`.
export function createLiveProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  dut: string,
  total: number,
  options: { tty?: boolean } = {},
): LiveProgress {
  // A terminal with no size (some CI ptys) gets plain lines: log-update would clip to 0 rows.
  const rows = (stream as { rows?: number }).rows;
  const tty = options.tty ?? (stream.isTTY === true && rows !== 0);
  const started = Date.now();
  const counts: Counts = createCounts();
  const latest = new Map<string, { value: number; unit: string }>();
  let stepIndex = 0;
  let stepLabel = "starting";
  const log = tty ? createLogUpdate(stream) : undefined;
  let timer: NodeJS.Timeout | undefined;
  const line = (text: string) => stream.write(`[${formatElapsed(Date.now() - started)}] ${text}\n`);

  const render = () => {
    if (!log) return;
    const readings = formatReadings(latest);
    log(
      [
        `xpo run ${dut} · step ${stepIndex}/${total} ${stepLabel} · ${formatElapsed(Date.now() - started)}`,
        `  ${readings || "waiting for readings"}`,
        `  ${counts.pass} pass · ${counts.marginal} marginal · ${counts.fail} fail · ${counts.error} error · ${counts["not-applicable"]} n/a`,
      ].join("\n"),
    );
  };
  if (log) {
    timer = setInterval(render, 100);
    timer.unref();
  }

  const listener: RecorderListener = {
    verdict(verdict: LiveVerdict) {
      counts[verdict.outcome]++;
      if (!log && (verdict.outcome === "fail" || verdict.outcome === "error"))
        line(
          `${verdict.outcome.toUpperCase()} ${verdict.limitId} ${verdict.subject}: ${verdict.reason ?? ""}`,
        );
    },
    event(event: EventLine) {
      if (event.level === "info" && event.kind !== "output-on" && event.kind !== "resumed") return;
      if (log) {
        log.clear();
        stream.write(`${event.level === "info" ? "" : `${event.level}: `}${event.message}\n`);
        render();
      } else
        line(
          `${event.level === "info" ? "" : `${event.level.toUpperCase()} `}${event.kind}: ${event.message}`,
        );
    },
    reading(channel, value, unit) {
      latest.set(channel, { value, unit });
    },
  };

  return {
    listener,
    onStep(step, phase) {
      if (phase !== "done") stepIndex++;
      stepLabel = `${step.id}${phase === "skip" ? " (done before, skipped)" : ""}`;
      if (log) render();
      else if (phase !== "done")
        line(
          `step ${stepIndex}/${total} ${step.id}: ${step.title}${phase === "skip" ? " (completed before, skipped)" : ""}`,
        );
    },
    stop() {
      if (timer) clearInterval(timer);
      if (log) {
        render();
        log.done();
      }
    },
  };
}
