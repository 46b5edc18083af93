// Keysight N7744C/N7745C (N77xx) multiport optical power meter, one port per lane: each port is
// set to watts (`:SENS<n>:POW:UNIT 1`) and read with `:READ<n>:POW?`; the driver converts to
// dBm itself, because a dark port answers a value above 1e20 W (under-range), which must become
// an unusable reading, never a number. The logging function (`:SENS<n>:FUNC:PAR:LOGG N,t`,
// `:SENS<n>:FUNC:STAT LOGG,STAR`, `:SENS<n>:FUNC:RES?`) returns N float32 LE samples in W as a
// definite block. Command forms: LabExT's N77xx driver, citing the N77xx programming guide.
// Not confirmed: the state reply text "...,COMPLETE" (the driver only looks for COMPLETE).
import { XpoError } from "../../model/errors.js";
import type { AccuracyTable, RangeTable, Reading } from "../driver.js";
import { ScpiOpticalMeter } from "./scpi-optical.js";

/** Anything above this (W) is the meter's under-range marker, not a power. */
const underRangeW = 1e20;

// W to dBm; the under-range marker (or a non-positive power) reads -Infinity: no light seen.
export function wattsToDbm(watts: number): number {
  if (!(watts > 0) || watts > underRangeW) return Number.NEGATIVE_INFINITY;
  return 10 * Math.log10(watts * 1000);
}

export class KeysightN77xxOptical extends ScpiOpticalMeter {
  static override readonly driverName: string = "keysight-n77xx";
  static override readonly identityPatterns: readonly RegExp[] = [
    /^(Keysight|Agilent)[^,]*,\s*N77[45]\d[AC]/i,
  ];
  // N7744C/N7745C datasheet class: +/-0.2 dB total uncertainty (reference conditions).
  static override readonly accuracy: AccuracyTable = {
    opticalPower: { relative: 0, absolute: 0.2 },
  };
  static override readonly range: RangeTable = { opticalPower: { min: -80, max: 10 } };
  /** Ports in use (the module's lanes). */
  lanes = 64;
  private unitsSet = new Set<number>();

  override async laneCount(): Promise<number> {
    return this.lanes;
  }

  // Put the port in watts once (the meter keeps the unit per port).
  private async watts(port: number): Promise<void> {
    if (this.unitsSet.has(port)) return;
    await this.session.write(`SENS${port}:POW:UNIT 1`);
    this.unitsSet.add(port);
  }

  override async lanePower(lane: number): Promise<Reading> {
    const port = Math.round(lane);
    await this.watts(port);
    const command = `READ${port}:POW?`;
    return { value: wattsToDbm(await this.session.queryNumber(command)), command };
  }

  // No all-port query is confirmed for the N77xx: one READ per port, in order.
  override async allLanes(): Promise<Reading<number[]>> {
    const values: number[] = [];
    for (let lane = 1; lane <= this.lanes; lane++) values.push((await this.lanePower(lane)).value);
    return { value: values, command: `READ1:POW? ... READ${this.lanes}:POW?` };
  }

  // Log `samples` readings every `periodS` on one port and return them in dBm (the block).
  async logPower(lane: number, samples: number, periodS: number): Promise<Reading<number[]>> {
    const port = Math.round(lane);
    await this.session.write(`SENS${port}:FUNC:PAR:LOGG ${samples},${periodS}`);
    await this.session.write(`SENS${port}:FUNC:STAT LOGG,STAR`);
    const deadline = performance.now() + this.session.timeoutMs + samples * periodS * 1000;
    while (!/COMPLETE/i.test(await this.session.query(`SENS${port}:FUNC:STAT?`))) {
      if (performance.now() > deadline)
        throw new XpoError("XPO_INSTRUMENT_TIMEOUT", "the logging run did not complete", {
          instrument: this.session.name,
          command: `SENS${port}:FUNC:STAT?`,
        });
      await new Promise((resolve) => setTimeout(resolve, Math.max(10, periodS * 100)));
    }
    const command = `SENS${port}:FUNC:RES?`;
    const block = await this.session.queryBlock(command);
    if (block.length !== samples * 4)
      throw new XpoError(
        "XPO_INSTRUMENT_PROTOCOL",
        `the logging block holds ${block.length} bytes, not ${samples} float32 values`,
        { instrument: this.session.name, command },
      );
    const value = Array.from({ length: samples }, (_, i) => wattsToDbm(block.readFloatLE(i * 4)));
    return { value, command };
  }
}
