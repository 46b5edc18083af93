// Generic optical power meter with one head per lane (dBm).
import { type AccuracyTable, type RangeTable, type Reading, RoleDriver } from "../driver.js";

export class ScpiOpticalMeter extends RoleDriver {
  static readonly driverName: string = "scpi-optical";
  static readonly role = "optical" as const;
  static readonly identityPatterns: readonly RegExp[] = [];
  static readonly accuracy: AccuracyTable = { opticalPower: { relative: 0, absolute: 0.2 } };
  static readonly range: RangeTable = { opticalPower: { min: -60, max: 20 } };

  async laneCount(): Promise<number> {
    return this.session.queryNumber("SENS:LANE:COUN?");
  }
  async lanePower(lane: number): Promise<Reading> {
    return this.read(`MEAS:POW? ${Math.round(lane)}`);
  }
  // Every lane in one query, lane 1 first.
  async allLanes(): Promise<Reading<number[]>> {
    const command = "MEAS:POW:ALL?";
    return { value: await this.session.queryNumbers(command), command };
  }
}
