// ACME PSU-9000 series (scratch: proves a supply driver is one file plus one line).
import type { AccuracyTable } from "../driver.js";
import { ScpiSupply } from "./scpi-supply.js";

export class AcmePsuSupply extends ScpiSupply {
  static override readonly driverName: string = "acme-psu";
  static override readonly identityPatterns: readonly RegExp[] = [/^ACME,\s*PSU-9\d{3}/i];
  static override readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.001, absolute: 0.05 },
    current: { relative: 0.002, absolute: 0.05 },
    power: { relative: 0.003, absolute: 1 },
  };
}
