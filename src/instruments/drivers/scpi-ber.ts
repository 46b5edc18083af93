// Generic multi-lane BER checker: pre-FEC bit error ratio per lane.
import { type AccuracyTable, type RangeTable, type Reading, RoleDriver } from "../driver.js";

export class ScpiBerChecker extends RoleDriver {
  static readonly driverName: string = "scpi-ber";
  static readonly role = "ber" as const;
  static readonly identityPatterns: readonly RegExp[] = [];
  // Counting statistics: a relative uncertainty (about 1/sqrt(errors) at the gate time used).
  static readonly accuracy: AccuracyTable = { ber: { relative: 0.1, absolute: 0 } };
  // A bit error ratio lies between 0 and 1.
  static readonly range: RangeTable = { ber: { min: 0, max: 1 } };

  async laneCount(): Promise<number> {
    return this.session.queryNumber("SENS:LANE:COUN?");
  }
  async lane(lane: number): Promise<Reading> {
    return this.read(`FETC:BER? ${Math.round(lane)}`);
  }
  async allLanes(): Promise<Reading<number[]>> {
    const command = "FETC:BER:ALL?";
    return { value: await this.session.queryNumbers(command), command };
  }
  async locked(lane: number): Promise<boolean> {
    return this.session.queryBool(`FETC:LOCK? ${Math.round(lane)}`);
  }
}
