// The procedure's dwell (settle, soak, the waits between inlet checks) as intervals in time, the
// steps as phases, and how much of each instrument's busy time fell outside the dwell in each
// phase. Issue 14's floor adds the busiest instrument's whole busy time to the dwell, so an
// instrument busy during a dwell (the safety monitor's polls in the soak) counts twice there.
// Busy time outside the dwell does not overlap the dwell: per step, dwell + the busiest
// instrument's busy time outside it is a lower bound of the step's time, and their sum over the
// steps one of the wall time (docs/performance.md).

/** Something that reports its busy intervals (an ScpiSession). */
interface BusySource {
  readonly busy: { readonly ms: number };
  watchBusy(watch: (startMs: number, endMs: number) => void): void;
}

/** One step (or the opening before the first): from its start to the next one's. */
interface Phase {
  id: string;
  startMs: number;
  /** Dwell asked for in this phase. */
  dwellMs: number;
  /** Per source: busy ms outside the dwell in this phase. */
  outside: Map<BusySource, number>;
}

export class TimingLedger {
  /** Real ms of dwell the procedure asked for (the sum of its waits). */
  ms = 0;
  private readonly closed: [number, number][] = [];
  private depth = 0;
  private openedAt = 0;
  private readonly inside = new Map<BusySource, number>();
  private readonly phases: Phase[] = [{ id: "open", startMs: 0, dwellMs: 0, outside: new Map() }];

  // Count `wait` (of `ms` asked for) as dwell while it runs.
  async during(ms: number, wait: Promise<void>): Promise<void> {
    this.ms += ms;
    (this.phases.at(-1) as Phase).dwellMs += ms;
    if (this.depth++ === 0) this.openedAt = performance.now();
    try {
      await wait;
    } finally {
      if (--this.depth === 0) this.closed.push([this.openedAt, performance.now()]);
    }
  }

  // A step starts: busy time from now on belongs to it.
  enterPhase(id: string): void {
    this.phases.push({ id, startMs: performance.now(), dwellMs: 0, outside: new Map() });
  }

  // Watch a session; what it was busy before (opening it) belongs to the opening phase.
  watch(source: BusySource): void {
    if (this.inside.has(source)) return;
    this.inside.set(source, 0);
    (this.phases[0] as Phase).outside.set(source, source.busy.ms);
    source.watchBusy((start, end) => this.add(source, start, end));
  }

  /** Busy ms of `source` that fell inside a dwell (0 for a source never watched). */
  insideOf(source: BusySource): number {
    return this.inside.get(source) ?? 0;
  }

  /** Per phase: the dwell plus the busiest source's busy time outside the dwell, summed. */
  perStepFloorMs(): number {
    let floor = 0;
    for (const phase of this.phases)
      floor += phase.dwellMs + Math.max(0, ...phase.outside.values());
    return floor;
  }

  // Split one busy interval over the phases it spans; the part outside the dwell counts there.
  private add(source: BusySource, start: number, end: number): void {
    const inside = this.overlap(start, end);
    this.inside.set(source, (this.inside.get(source) ?? 0) + inside);
    let to = end;
    for (let i = this.phases.length - 1; i >= 0 && to > start; i--) {
      const phase = this.phases[i] as Phase;
      const from = Math.max(start, phase.startMs);
      if (to > from) {
        const outside = to - from - this.overlap(from, to);
        phase.outside.set(source, (phase.outside.get(source) ?? 0) + outside);
      }
      to = Math.min(to, phase.startMs);
    }
  }

  // How much of [start, end] lies inside the dwell so far (the latest intervals first: a busy
  // interval that just ended can only meet the last few).
  private overlap(start: number, end: number): number {
    let ms = this.depth > 0 ? Math.max(0, end - Math.max(start, this.openedAt)) : 0;
    for (let i = this.closed.length - 1; i >= 0; i--) {
      const [from, to] = this.closed[i] as [number, number];
      if (to <= start) break;
      ms += Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
    return ms;
  }
}
