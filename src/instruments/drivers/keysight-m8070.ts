// Keysight M8040A/M8050A BERT driven through the M8070 system software. Replies are
// parenthesised tuples with the location quoted: `:FETC:IBER? 'M1.DataIn1'` ->
// (timestamp,"M1.DataIn1",BER[,SER0..3]); a group name ('Lanes' here, defined on the
// instrument to hold every lane's input) answers for all its members in one reply, which is
// how the 64 lanes are read in one exchange. `:STAT:INST:SLOS? '<location>'` is the sync loss
// (1: no pattern lock), also per group. A lane without sync gives no BER: NaN, never a number.
// Command forms: the M8070A programming guide (FETCh:IBERate, STATus:INSTrument:SLOSs) as used by
// public drivers. Not confirmed: the comma between tuples of a group reply, the order of a
// group's members (taken as the reply's own locations) and the location names, which are the
// bench's own setup.
import { XpoError } from "../../model/errors.js";
import type { AccuracyTable, RangeTable, Reading } from "../driver.js";
import { ScpiBerChecker } from "./scpi-ber.js";

/** One tuple of an IBER reply: where, and the ratio (NaN for none). */
export interface IberTuple {
  location: string;
  ber: number;
}

// Parse `(t,"loc",ber[,...]),(...)`; a ratio of 9.9E37 or more is the SCPI not-a-number.
export function parseIberTuples(reply: string): IberTuple[] {
  const tuples = [...reply.matchAll(/\(\s*([^(),]+),\s*"([^"]*)"\s*,\s*([^(),]+)(?:,[^()]*)?\)/g)];
  if (tuples.length === 0 || reply.replace(/\([^()]*\)|[\s,]/g, "") !== "")
    throw new XpoError(
      "XPO_INSTRUMENT_PROTOCOL",
      `not an IBER tuple reply: ${JSON.stringify(reply.slice(0, 60))}`,
    );
  return tuples.map((m) => {
    const value = Number(m[3]);
    return {
      location: m[2] ?? "",
      ber: Number.isFinite(value) && value < 9.9e37 ? value : Number.NaN,
    };
  });
}

export class KeysightM8070Ber extends ScpiBerChecker {
  static override readonly driverName: string = "keysight-m8070";
  static override readonly identityPatterns: readonly RegExp[] = [
    /^(Keysight|Agilent)[^,]*,\s*(M8070[AB]|M8040A|M8050A)/i,
  ];
  // Counting statistics, as the generic checker.
  static override readonly accuracy: AccuracyTable = { ber: { relative: 0.1, absolute: 0 } };
  static override readonly range: RangeTable = { ber: { min: 0, max: 1 } };
  lanes = 64;
  /** The group holding every lane's error-detector input. */
  group = "Lanes";
  location = (lane: number) => `M1.DataIn${Math.round(lane)}`;

  override async laneCount(): Promise<number> {
    return this.lanes;
  }

  override async lane(lane: number): Promise<Reading> {
    const command = `FETC:IBER? '${this.location(lane)}'`;
    const [tuple] = parseIberTuples(await this.session.query(command));
    return { value: tuple?.ber ?? Number.NaN, command };
  }

  override async locked(lane: number): Promise<boolean> {
    return !(await this.session.queryBool(`STAT:INST:SLOS? '${this.location(lane)}'`));
  }

  // The whole group in two exchanges; a lane in sync loss reads NaN whatever its counter says.
  override async allLanes(): Promise<Reading<number[]>> {
    const iber = `FETC:IBER? '${this.group}'`;
    const slos = `STAT:INST:SLOS? '${this.group}'`;
    const tuples = parseIberTuples(await this.session.query(iber));
    const lost = await this.session.queryNumbers(slos);
    const value = Array.from({ length: this.lanes }, (_, i) => {
      const tuple = tuples.find((t) => t.location === this.location(i + 1));
      return tuple === undefined || lost[i] !== 0 ? Number.NaN : tuple.ber;
    });
    return { value, command: `${iber}; ${slos}` };
  }
}
