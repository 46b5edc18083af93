// A driver plug-in: how a lab adds its own instrument without touching the harness. Copy this
// file, name it in the station file, and use its driverName there:
//
//   driverPlugins: [./drivers/lab-power-meter.ts]     # relative to the station file
//   instruments:
//     powermeter: { resource: TCPIP0::10.0.0.9::5025::SOCKET, driver: lab-pm-480 }
//
// A plug-in exports classes that extend a role's generic driver (here the power meter's),
// declaring its driverName, the *IDN? replies it serves, and the accuracy and measuring range
// from the instrument's published specifications; it overrides the commands that differ.
// This one reads the simulator's power meter (`XPO-SIM,PM-480`) with one MEAS:ALL? per quantity
// instead of three separate queries. (Run through tsx or vitest; with the built CLI, write it in
// JavaScript and extend the installed package's classes.)
import type { AccuracyTable, RangeTable, Reading } from "../src/instruments/driver.js";
import { ScpiPowerMeter } from "../src/instruments/drivers/scpi-powermeter.js";

export class LabPowerMeter extends ScpiPowerMeter {
  static override readonly driverName: string = "lab-pm-480";
  static override readonly identityPatterns: readonly RegExp[] = [/^XPO-SIM,PM-480,/];
  // From the meter's data sheet (here: the simulated meter's class).
  static override readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.0005, absolute: 0.01 },
    current: { relative: 0.001, absolute: 0.005 },
    power: { relative: 0.001, absolute: 0.1 },
  };
  static override readonly range: RangeTable = {
    voltage: { min: 0, max: 100 },
    current: { min: 0, max: 20 },
    power: { min: 0, max: 2000 },
  };

  // V, I and P in one exchange; the evidence names the command that ran.
  private async all(index: 0 | 1 | 2): Promise<Reading> {
    const command = "MEAS:ALL?";
    const values = await this.session.queryNumbers(command);
    return { value: values[index] ?? Number.NaN, command };
  }

  override measureVoltage(): Promise<Reading> {
    return this.all(0);
  }
  override measureCurrent(): Promise<Reading> {
    return this.all(1);
  }
  override measurePower(): Promise<Reading> {
    return this.all(2);
  }
}
