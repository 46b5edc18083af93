// Generic SCPI drivers for the other roles: power meter, coolant loop, temperature logger,
// optical power meter and BER checker. Their command forms are the SCPI-99 style the
// simulator serves; a vendor dialect subclasses one and overrides what differs.
import { type AccuracyTable, formatArg, RoleDriver } from "./driver.js";

/** In-line DC power meter on the module's input. */
export class ScpiPowerMeter extends RoleDriver {
  readonly role = "powermeter" as const;
  static readonly driverName: string = "scpi-powermeter";
  static readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.0005, absolute: 0.01 },
    current: { relative: 0.001, absolute: 0.005 },
    power: { relative: 0.001, absolute: 0.1 },
  };
  get driverName(): string {
    return (this.constructor as typeof ScpiPowerMeter).driverName;
  }
  async measureVoltage(): Promise<number> {
    return this.session.queryNumber("MEAS:VOLT?");
  }
  async measureCurrent(): Promise<number> {
    return this.session.queryNumber("MEAS:CURR?");
  }
  async measurePower(): Promise<number> {
    return this.session.queryNumber("MEAS:POW?");
  }
}

/** Chiller / coolant loop: setpoints, inlet and outlet temperature, flow, pressure drop. */
export class ScpiCoolant extends RoleDriver {
  readonly role = "coolant" as const;
  static readonly driverName: string = "scpi-coolant";
  static readonly accuracy: AccuracyTable = {
    temperature: { relative: 0, absolute: 0.1 },
    flow: { relative: 0.02, absolute: 0.005 },
  };
  get driverName(): string {
    return (this.constructor as typeof ScpiCoolant).driverName;
  }
  async setTemperature(celsius: number): Promise<void> {
    await this.session.write(`SOUR:TEMP ${formatArg(celsius)}`);
  }
  async temperatureSetpoint(): Promise<number> {
    return this.session.queryNumber("SOUR:TEMP?");
  }
  async setFlow(litresPerMinute: number): Promise<void> {
    await this.session.write(`SOUR:FLOW ${formatArg(litresPerMinute)}`);
  }
  async flowSetpoint(): Promise<number> {
    return this.session.queryNumber("SOUR:FLOW?");
  }
  async flow(): Promise<number> {
    return this.session.queryNumber("MEAS:FLOW?");
  }
  async inletTemperature(): Promise<number> {
    return this.session.queryNumber("MEAS:TEMP:INL?");
  }
  async outletTemperature(): Promise<number> {
    return this.session.queryNumber("MEAS:TEMP:OUTL?");
  }
  async pressureDrop(): Promise<number> {
    return this.session.queryNumber("MEAS:PRES?");
  }
  // The fluid in the loop, e.g. "PG25" (a key of schemas/coolants.json).
  async fluid(): Promise<string> {
    return this.session.queryString("SYST:FLU?");
  }
}

/** Temperature logger with the module case (cold plate) on one channel. */
export class ScpiThermalLogger extends RoleDriver {
  readonly role = "thermal" as const;
  static readonly driverName: string = "scpi-thermal";
  static readonly accuracy: AccuracyTable = { temperature: { relative: 0, absolute: 0.5 } };
  caseChannel = 1;
  get driverName(): string {
    return (this.constructor as typeof ScpiThermalLogger).driverName;
  }
  async temperature(channel: number): Promise<number> {
    return this.session.queryNumber(`MEAS:TEMP? (@${Math.round(channel)})`);
  }
  async caseTemperature(): Promise<number> {
    return this.temperature(this.caseChannel);
  }
}

/** Optical power meter with one head per lane (dBm). */
export class ScpiOpticalMeter extends RoleDriver {
  readonly role = "optical" as const;
  static readonly driverName: string = "scpi-optical";
  static readonly accuracy: AccuracyTable = { opticalPower: { relative: 0, absolute: 0.2 } };
  get driverName(): string {
    return (this.constructor as typeof ScpiOpticalMeter).driverName;
  }
  async laneCount(): Promise<number> {
    return this.session.queryNumber("SENS:LANE:COUN?");
  }
  async lanePower(lane: number): Promise<number> {
    return this.session.queryNumber(`MEAS:POW? ${Math.round(lane)}`);
  }
  // Every lane in one query, lane 1 first.
  async allLanes(): Promise<number[]> {
    return this.session.queryNumbers("MEAS:POW:ALL?");
  }
}

/** Multi-lane BER checker: pre-FEC bit error ratio per lane. */
export class ScpiBerChecker extends RoleDriver {
  readonly role = "ber" as const;
  static readonly driverName: string = "scpi-ber";
  // Counting statistics: a relative uncertainty (about 1/sqrt(errors) at the gate time used).
  static readonly accuracy: AccuracyTable = { ber: { relative: 0.1, absolute: 0 } };
  get driverName(): string {
    return (this.constructor as typeof ScpiBerChecker).driverName;
  }
  async laneCount(): Promise<number> {
    return this.session.queryNumber("SENS:LANE:COUN?");
  }
  async lane(lane: number): Promise<number> {
    return this.session.queryNumber(`FETC:BER? ${Math.round(lane)}`);
  }
  async allLanes(): Promise<number[]> {
    return this.session.queryNumbers("FETC:BER:ALL?");
  }
  async locked(lane: number): Promise<boolean> {
    return this.session.queryBool(`FETC:LOCK? ${Math.round(lane)}`);
  }
}
