// Keysight N6900/N7900 Advanced Power System (an 80 V class unit, so a 40-60 V XPO input keeps OVP
// headroom): SCPI-99 levels, output and measurements, MEAS:POW?, and the external
// data log (Elog) for inrush and power-up profiles: `SENS:ELOG:FUNC:CURR|VOLT ON` with
// `...:MINM ON`, `SENS:ELOG:PER <s>`, `INIT:ELOG`, then `FETC:ELOG? <n>` returns the oldest n
// records (current avg, min, max, voltage avg, min, max each) and `ABOR:ELOG` stops it. The
// Elog FIFO holds only about 20 s: `startLog` drains it on a timer well inside that, so nothing
// is overwritten. Command forms: the N6900/N7900 Operating and Service Guide (Elog chapter).
// Not confirmed: the trigger (INIT:ELOG is taken to start logging at once, the unit's default
// immediate trigger) and the ratings below (80 V / 25 A / 2 kW class; check the model's).
import type { AccuracyTable, RangeTable, Reading } from "../driver.js";
import { formatArg } from "../driver.js";
import { ScpiSupply } from "./scpi-supply.js";

/** One Elog record. */
export interface ElogRecord {
  current: { avg: number; min: number; max: number };
  voltage: { avg: number; min: number; max: number };
}

/** Values per record: current avg, min, max, then voltage avg, min, max. */
const recordSize = 6;
/** Records asked for per FETC:ELOG?. */
const fetchMax = 1000;

export class KeysightN7900Supply extends ScpiSupply {
  static override readonly driverName: string = "keysight-n7900";
  static override readonly identityPatterns: readonly RegExp[] = [
    /^(Agilent|Keysight)[^,]*,\s*N[67]9\d\dA/i,
  ];
  // APS class readback: V 0.04 % + 0.04 % F.S., I 0.1 % + 0.1 % F.S. (to be checked per model).
  static override readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.0004, absolute: 0.032 },
    current: { relative: 0.001, absolute: 0.025 },
    power: { relative: 0.0015, absolute: 2 },
  };
  static override readonly range: RangeTable = {
    voltage: { min: 0, max: 80 },
    current: { min: 0, max: 25 },
    power: { min: 0, max: 2000 },
  };
  /** Records drained so far in this log. */
  readonly log: ElogRecord[] = [];
  private drainTimer: ReturnType<typeof setInterval> | undefined;
  private draining: Promise<unknown> = Promise.resolve();

  override async measurePower(): Promise<Reading> {
    return this.read("MEAS:POW?");
  }

  // Start the Elog at `periodS` per record and drain it every `drainEveryMs` (real time; keep
  // it well under the FIFO's 20 s of instrument time).
  async startLog(periodS: number, drainEveryMs: number): Promise<void> {
    for (const f of ["CURR", "VOLT"]) {
      await this.session.write(`SENS:ELOG:FUNC:${f} ON`);
      await this.session.write(`SENS:ELOG:FUNC:${f}:MINM ON`);
    }
    await this.session.write(`SENS:ELOG:PER ${formatArg(periodS)}`);
    this.log.length = 0;
    await this.session.write("INIT:ELOG");
    this.drainTimer = setInterval(() => {
      this.draining = this.draining.then(() => this.drain()).catch(() => {});
    }, drainEveryMs);
  }

  // Fetch every record the FIFO holds now.
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const values = await this.session.queryNumbers(`FETC:ELOG? ${fetchMax}`);
      for (let i = 0; i + recordSize <= values.length; i += recordSize) {
        const [ia, imin, imax, va, vmin, vmax] = values.slice(i, i + recordSize) as number[] as [
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        this.log.push({
          current: { avg: ia, min: imin, max: imax },
          voltage: { avg: va, min: vmin, max: vmax },
        });
      }
      total += Math.floor(values.length / recordSize);
      if (values.length < fetchMax * recordSize) return total;
    }
  }

  // Stop the log, take what is left, and return every record of this log.
  async stopLog(): Promise<ElogRecord[]> {
    if (this.drainTimer !== undefined) clearInterval(this.drainTimer);
    this.drainTimer = undefined;
    await this.draining;
    await this.drain();
    await this.session.write("ABOR:ELOG");
    return this.log;
  }

  override async close(): Promise<void> {
    if (this.drainTimer !== undefined) clearInterval(this.drainTimer);
    await super.close();
  }
}
