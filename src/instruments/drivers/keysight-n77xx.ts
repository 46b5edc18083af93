// Keysight N7744C/N7745C (N77xx) multiport optical power meter, one port per lane: each port is
// set to watts (`:SENS<n>:POW:UNIT 1`) and read with `:READ<n>:POW?`; the driver converts to
// dBm itself, because a dark port answers a value above 1e20 W (under-range), which must become
// an unusable reading, never a number. Every port at once: `:READ:POW:ALL?` measures all ports
// and answers a definite block of one float32 LE value per port, port 1 first. The logging
// function (`:SENS<n>:FUNC:PAR:LOGG N,t`, `:SENS<n>:FUNC:STAT LOGG,STAR`, `:SENS<n>:FUNC:RES?`)
// returns N float32 LE samples in W as a definite block. Command forms: LabExT's N77xx driver,
// citing the N77xx programming guide; the all-port block from public N774x drivers (a Qt
// multiport-meter driver reading `read:pow:all?` as float32 LE, an N7745C driver quoting the
// guide's `:FETCh:POWer:ALL?`, "all current power meter values"). Not confirmed: the state reply
// text "...,COMPLETE" (the driver only looks for COMPLETE); whether the all-port block follows
// each port's unit or is always in W (the driver sets every port to W first, so either holds);
// several unit settings in one program message (IEEE 488.2 compound message, `;:` between).
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
  /** Unit settings per program message when setting many ports at once (a short message). */
  unitsPerMessage = 16;

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

  // Put ports 1..lanes in watts, several per program message (once per port, as `watts`).
  private async allWatts(): Promise<void> {
    const ports = Array.from({ length: this.lanes }, (_, i) => i + 1).filter(
      (port) => !this.unitsSet.has(port),
    );
    for (let i = 0; i < ports.length; i += this.unitsPerMessage) {
      const batch = ports.slice(i, i + this.unitsPerMessage);
      await this.session.write(batch.map((port) => `SENS${port}:POW:UNIT 1`).join(";:"));
      for (const port of batch) this.unitsSet.add(port);
    }
  }

  // Every port in one query: `READ:POW:ALL?`, a block of float32 LE W per port, port 1 first.
  // A block of fewer ports than lanes gives fewer values (the lanes step records the missing
  // lanes as errors); a block that is not whole float32 values is a protocol error.
  override async allLanes(): Promise<Reading<number[]>> {
    await this.allWatts();
    const command = "READ:POW:ALL?";
    const block = await this.session.queryBlock(command);
    if (block.length % 4 !== 0)
      throw new XpoError(
        "XPO_INSTRUMENT_PROTOCOL",
        `the all-port block holds ${block.length} bytes, not whole float32 values`,
        { instrument: this.session.name, command },
      );
    const ports = Math.min(block.length / 4, this.lanes);
    const value = Array.from({ length: ports }, (_, i) => wattsToDbm(block.readFloatLE(i * 4)));
    return { value, command };
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
