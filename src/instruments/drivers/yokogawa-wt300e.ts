// Yokogawa WT300E digital power meter (WT310E, WT310EH, WT332E, WT333E) in-line on the module's
// DC input, element 1. Confirmed from the public WT310E communication guide (IM WT310E-17EN):
// the numeric list `:NUMeric[:NORMal]:ITEM<x> <function>,<element>` with functions U, I, P,
// and that an item with no data reads NAN and an overrange ("--OL-") reads INF (stated there
// for the float registers; the ASCII list is assumed to say the same, and the older WT210 guide
// gives 9.91E+37 for no data: both parse as not finite and are never judged). Not confirmed
// from a guide: `:NUMeric[:NORMal]:VALue? <x>` returning item x alone (this driver's read),
// the *IDN? form (`YOKOGAWA,WT310E,...` or the model number `7602xx`), and the figures below,
// which are the WT310E datasheet's DC class as remembered (±(0.1 % of reading + 0.2 % of range)
// on the 60 V and 20 A ranges): a station should state its own calibration in `accuracy:`.
import type { AccuracyTable, RangeTable, Reading } from "../driver.js";
import { ScpiPowerMeter } from "./scpi-powermeter.js";

/** Which numeric item holds which quantity (set in prepare). */
const items = { voltage: 1, current: 2, power: 3 } as const;

export class YokogawaWt300ePowerMeter extends ScpiPowerMeter {
  static override readonly driverName: string = "yokogawa-wt300e";
  static override readonly identityPatterns: readonly RegExp[] = [
    /^YOKOGAWA,\s*(WT3[13]\d[EH]*|7602\d\d),/i,
  ];
  static override readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.001, absolute: 0.12 },
    current: { relative: 0.001, absolute: 0.04 },
    power: { relative: 0.001, absolute: 2.4 },
  };
  // 600 V and 20 A maximum ranges of the WT310E (the power range is their product).
  static override readonly range: RangeTable = {
    voltage: { min: 0, max: 600 },
    current: { min: 0, max: 20 },
    power: { min: 0, max: 12000 },
  };

  // Map U, I and P of element 1 to items 1 to 3 of the numeric list.
  override async prepare(): Promise<void> {
    await super.prepare();
    await this.session.write(":NUM:NORM:ITEM1 U,1");
    await this.session.write(":NUM:NORM:ITEM2 I,1");
    await this.session.write(":NUM:NORM:ITEM3 P,1");
    await this.session.write(":NUM:NORM:NUMB 3");
  }

  override async measureVoltage(): Promise<Reading> {
    return this.read(`:NUM:NORM:VAL? ${items.voltage}`);
  }
  override async measureCurrent(): Promise<Reading> {
    return this.read(`:NUM:NORM:VAL? ${items.current}`);
  }
  override async measurePower(): Promise<Reading> {
    return this.read(`:NUM:NORM:VAL? ${items.power}`);
  }
}
