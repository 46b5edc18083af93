// One uPlot chart per recorded channel, with the limits as dashed lines. uPlot is inlined into
// the page before this script (only when there are readings) and read from the global scope.
import { type PlotData, SUBJECT } from "../html-columns.js";
import { at, findById, fmt, h } from "./dom.js";
import type { Page } from "./page.js";

/** The part of uPlot's API the page uses. */
type UPlotConstructor = new (options: object, data: unknown[], target: HTMLElement) => unknown;

const LINE_COLORS = ["#cf222e", "#bc4c00", "#8250df", "#1f6feb"];

// "SIM-0001 · psu · 1,000,000 readings, drawn as 2,400 points (...)".
function plotNote(page: Page, p: PlotData): string {
  const subject = page.subjects.length > 1 ? `${at(page.subjects, p.s)[SUBJECT.name]} · ` : "";
  const drawn =
    p.t.length < p.n
      ? `, drawn as ${p.t.length.toLocaleString("en-US")} points (min/max per bucket: peaks kept)`
      : "";
  const scale = page.data.timeScale ?? 1;
  const clock = scale > 1 ? ` · time in simulated bench seconds (${fmt(scale)}× real time)` : "";
  return `${subject}${p.instrument ? `${p.instrument} · ` : ""}${p.n.toLocaleString("en-US")} readings${drawn}${clock}`;
}

// A simulated bench runs faster than real time: its plots are in bench time, and say so.
function timeAxisLabel(page: Page): string {
  const scale = page.data.timeScale ?? 1;
  return scale > 1
    ? `simulated bench time since start (s; ${fmt(scale)}× real time)`
    : "time since start (s)";
}

// Draw one channel into a new card in box.
function renderPlot(page: Page, uPlot: UPlotConstructor, box: HTMLElement, p: PlotData): void {
  const width = Math.max(
    560,
    Math.min(640, box.clientWidth / (box.clientWidth > 1240 ? 2 : 1) - 20),
  );
  const card = h("div", "plot");
  card.setAttribute("data-channel", p.channel);
  card.appendChild(h("h3", "", p.channel + (p.unit ? ` (${p.unit})` : "")));
  card.appendChild(h("div", "note", plotNote(page, p)));
  box.appendChild(card);
  const data: unknown[] = [p.t, p.v];
  const series: object[] = [
    { label: "t (s)" },
    {
      label: p.channel,
      stroke: "#1f6feb",
      width: 1,
      value: (_u: unknown, v: number | null) => (v === null ? "" : `${fmt(v)} ${p.unit}`),
    },
  ];
  p.lines.forEach(([label, value], k) => {
    data.push(p.t.map(() => value));
    series.push({
      label,
      stroke: at(LINE_COLORS, k % LINE_COLORS.length),
      width: 1.5,
      dash: [6, 4],
      points: { show: false },
    });
  });
  const options = {
    width,
    height: 240,
    scales: { x: { time: false } },
    axes: [
      { label: timeAxisLabel(page), size: 44 },
      { label: p.unit, size: 60 },
    ],
    series,
    cursor: { drag: { x: true, y: false } },
  };
  new uPlot(options, data, card);
}

// Draw every channel, if the page has readings.
export function renderPlots(page: Page): void {
  const box = findById("plots-box");
  const plots = page.data.plots;
  if (!box || !plots.length) return;
  const uPlot = (globalThis as { uPlot?: UPlotConstructor }).uPlot;
  if (uPlot === undefined) {
    box.textContent = "The plotting library did not load.";
    return;
  }
  for (const p of plots) renderPlot(page, uPlot, box, p);
}
