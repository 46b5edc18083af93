// The procedure's dwell (settle, soak, the waits between inlet checks) as intervals in time, and
// how much of each instrument's busy time fell inside them. The floor of issue 14 adds the
// busiest instrument's whole busy time to the dwell; an instrument busy during a dwell (the
// safety monitor's polls in the soak) is counted twice there. Its busy time outside the dwell
// is not: dwell + that is a strict lower bound on the wall time (docs/performance.md).

/** Something that reports its busy intervals (an ScpiSession). */
interface BusySource {
  watchBusy(watch: (startMs: number, endMs: number) => void): void;
}

export class DwellLedger {
  /** Real ms of dwell the procedure asked for (the sum of its waits). */
  ms = 0;
  private readonly closed: [number, number][] = [];
  private depth = 0;
  private openedAt = 0;
  private readonly inside = new Map<BusySource, number>();

  // Count `wait` (of `ms` asked for) as dwell while it runs.
  async during(ms: number, wait: Promise<void>): Promise<void> {
    this.ms += ms;
    if (this.depth++ === 0) this.openedAt = performance.now();
    try {
      await wait;
    } finally {
      if (--this.depth === 0) this.closed.push([this.openedAt, performance.now()]);
    }
  }

  // Watch a session: the part of each of its busy intervals that lies inside a dwell.
  watch(source: BusySource): void {
    if (this.inside.has(source)) return;
    this.inside.set(source, 0);
    source.watchBusy((start, end) => {
      this.inside.set(source, (this.inside.get(source) ?? 0) + this.overlap(start, end));
    });
  }

  /** Busy ms of `source` that fell inside a dwell (0 for a source never watched). */
  insideOf(source: BusySource): number {
    return this.inside.get(source) ?? 0;
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
