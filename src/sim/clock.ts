// Virtual clock: simulated seconds run `speed` times faster than real time, and tests can
// jump it forward with advance().
export class VirtualClock {
  private speed: number;
  private baseReal: number;
  private baseSim: number;

  constructor(speed = 1) {
    this.speed = speed;
    this.baseReal = performance.now();
    this.baseSim = 0;
  }

  /** Simulated seconds since start. */
  now(): number {
    return this.baseSim + ((performance.now() - this.baseReal) / 1000) * this.speed;
  }

  getSpeed(): number {
    return this.speed;
  }

  // Change the speed from now on (0 freezes the clock).
  setSpeed(speed: number): void {
    this.baseSim = this.now();
    this.baseReal = performance.now();
    this.speed = speed;
  }

  // Jump forward by `seconds` of simulated time.
  advance(seconds: number): void {
    this.baseSim += seconds;
  }
}
