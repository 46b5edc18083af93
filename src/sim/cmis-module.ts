// A simulated XPO's management interface: the CMIS register file of a memory image, 8 banks,
// with the module state machine (LowPwr -> PwrUp -> Ready once powered and LowPwrRequestSW is
// cleared; PwrDn when it is set again; Fault on over-temperature), per-lane data paths
// (Deactivated -> Init -> Activated), BankSelect/PageSelect acted on only when PageSelect is
// written (one two-byte write, as CMIS requires), and the management faults. Time is the
// bench's virtual clock (seconds). Not yet served as an instrument role (docs/cmis.md).

import { clampToPlace, encodePlace, type FieldPlace, type FieldValue } from "../cmis/codec.js";
import { decodeImage, indexFields } from "../cmis/decode.js";
import type { CmisImage } from "../cmis/image.js";
import type { MemoryMap } from "../cmis/map.js";
import { placesOf } from "../cmis/places.js";

import { writeChecksums } from "../cmis/starter.js";

/** The management faults of the simulated module (bench config instruments.mgmt.cmisFaults). */
export const CMIS_FAULTS = [
  "slow-power-up",
  "stuck-in-pwrup",
  "wrong-max-power",
  "lane-37-never-activates",
  "corrupt-checksum",
  "latched-alarm",
  "bank-select-ignored",
  "temperature-monitor-offset",
  "tx-power-monitor-low",
] as const;
export type CmisFault = (typeof CMIS_FAULTS)[number];

/** The module's real durations as shares of what it advertises (01h:144, 01h:167). */
export interface CmisModuleTiming {
  pwrUpShare: number;
  dpInitShare: number;
  /** LowPwrRequestSW set at power-on (a host that holds the module in LowPwr); else the module
   * powers itself up to ModuleReady, as a CMIS module with the request clear does. */
  lowPwrAtPowerOn?: boolean;
}

const STATE = { lowPwr: 1, pwrUp: 2, ready: 3, pwrDn: 4, fault: 5 } as const;
const DP = { deactivated: 1, init: 2, activated: 4 } as const;
const SLOW_FACTOR = 2;
/** The latched module flags, 00h:9-11 (cleared when read). */
const FLAGS_FIRST = 9;
const FLAGS_LAST = 11;
/** temperature-monitor-offset: the monitor reads this much above the case (K). */
const TEMPERATURE_OFFSET_K = 8;
/** tx-power-monitor-low: the lane monitors read this share of the launched power (-6 dB). */
const TX_POWER_SHARE = 0.25;
const DEAD_LANE = 37;

export class SimCmisModule {
  private powered = false;
  private state: number = STATE.lowPwr;
  private since = 0;
  private bank = 0;
  private page = 0;
  private pendingBank = 0;
  private readonly dpSince = new Map<number, number>();
  /** Lanes in DataPathDeactivated: only those start DataPathInit when their Deinit bit clears. */
  private readonly deactivated = new Set<number>();
  private readonly advertised: {
    pwrUpS: number;
    dpInitS: number;
    tempHighAlarmC: number;
    tempHighWarningC: number;
  };

  constructor(
    private readonly image: CmisImage,
    private readonly map: MemoryMap,
    private readonly now: () => number,
    private readonly timing: CmisModuleTiming,
    private readonly faults: ReadonlySet<CmisFault> = new Set(),
  ) {
    const fields = indexFields(decodeImage(image, map));
    const ms = (name: string) => Number(fields.get(name)?.[0]?.value ?? 0);
    this.advertised = {
      pwrUpS: ms("modulePwrUpDuration") / 1000,
      dpInitS: ms("dpInitDuration") / 1000,
      tempHighAlarmC: Number(fields.get("tempHighAlarm")?.[0]?.value ?? Number.POSITIVE_INFINITY),
      tempHighWarningC: Number(
        fields.get("tempHighWarning")?.[0]?.value ?? Number.POSITIVE_INFINITY,
      ),
    };
    if (faults.has("wrong-max-power")) this.set("maxPower", 58.75);
    writeChecksums(image, map);
    if (faults.has("corrupt-checksum"))
      image.setByte(1, 0, 255, ((image.byte(1, 0, 255) ?? 0) + 1) & 0xff);
    this.set("lowPwrRequestSW", this.timing.lowPwrAtPowerOn === true);
    this.setState(STATE.lowPwr);
  }

  /** Each field's places, worked out once (the monitors are written on every bus command). */
  private readonly places = new Map<string, FieldPlace[]>();

  private placesNamed(name: string): FieldPlace[] {
    let places = this.places.get(name);
    if (places === undefined) {
      const spec = this.map.fields.find((f) => f.name === name);
      places = spec ? placesOf(spec, [0, 1, 2, 3, 4, 5, 6, 7], this.map.lanesPerBank) : [];
      this.places.set(name, places);
    }
    return places;
  }

  // Write a field of the map by name (every bank, or the lane-th place).
  private set(name: string, value: FieldValue, lane?: number): void {
    for (const place of this.placesNamed(name)) {
      if (lane !== undefined && place.lane !== lane) continue;
      const read = (o: number) => this.image.byte(place.page, place.bank, o);
      const held = typeof value === "number" ? clampToPlace(place, value) : value;
      for (const [offset, byte] of encodePlace(place, held, read, this.map.codes))
        this.image.setByte(place.page, place.bank, offset, byte);
    }
  }

  private setState(state: number): void {
    this.state = state;
    this.since = this.now();
    this.set("moduleState", state);
  }

  /** The supply feeds the module (true) or not; unpowered, the bus does not answer. */
  setPower(on: boolean): void {
    if (on === this.powered) return;
    this.powered = on;
    this.bank = 0;
    this.page = 0;
    this.dpSince.clear();
    for (let lane = 1; lane <= 8 * this.map.lanesPerBank; lane++) this.deactivated.add(lane);
    const hold = this.timing.lowPwrAtPowerOn === true;
    this.set("lowPwrRequestSW", hold);
    this.set("dataPathState", DP.deactivated);
    this.setState(on && !hold ? STATE.pwrUp : STATE.lowPwr);
    if (on && this.faults.has("latched-alarm")) this.image.setByte(0, 0, 9, 0x01);
  }

  /** Whether the module is in ModuleLowPwr or ModulePwrDn: it draws its low power. ModuleFault
   * keeps drawing what it did: the bench model's own over-temperature shutdown (and the
   * station's interlock) are what switch a hot module off, as before the module had states. */
  inLowPower(): boolean {
    if (!this.powered) return true;
    this.tick();
    return this.state === STATE.lowPwr || this.state === STATE.pwrDn;
  }

  /** The input voltage monitor (the profile's location), from the supply. */
  setInputVoltage(volts: number): void {
    this.set("inputVoltage", volts);
  }

  /** Monitors from the bench physics: module temperature (and Fault above its high alarm). */
  setTemperature(celsius: number): void {
    if (!this.powered) return; // an unpowered module latches nothing
    const offset = this.faults.has("temperature-monitor-offset") ? TEMPERATURE_OFFSET_K : 0;
    this.set("temperature", celsius + offset);
    // Above its high warning threshold the module latches the warning flag (00h:9 bit 2).
    if (celsius > this.advertised.tempHighWarningC)
      this.image.setByte(0, 0, 9, (this.image.byte(0, 0, 9) ?? 0) | 0x04);
    if (celsius > this.advertised.tempHighAlarmC && this.state !== STATE.fault) {
      this.image.setByte(0, 0, 9, (this.image.byte(0, 0, 9) ?? 0) | 0x01);
      this.set("faultCause", 6);
      this.setState(STATE.fault);
    }
  }

  /** Per-lane Tx power from the optics model (mW). */
  setLaneTxPower(lane: number, milliwatts: number): void {
    const share = this.faults.has("tx-power-monitor-low") ? TX_POWER_SHARE : 1;
    this.set("txPower", milliwatts * share, lane);
  }

  private pwrUpSeconds(): number {
    if (this.faults.has("stuck-in-pwrup")) return Number.POSITIVE_INFINITY;
    const slow = this.faults.has("slow-power-up") ? SLOW_FACTOR : this.timing.pwrUpShare;
    return this.advertised.pwrUpS * slow;
  }

  // Advance the state machines to the current time.
  private tick(): void {
    const t = this.now();
    if (this.state === STATE.pwrUp && t - this.since >= this.pwrUpSeconds())
      this.setState(STATE.ready);
    if (
      this.state === STATE.pwrDn &&
      t - this.since >= this.advertised.pwrUpS * this.timing.pwrUpShare
    )
      this.setState(STATE.lowPwr);
    if (this.state !== STATE.ready) return;
    for (const [lane, start] of this.dpSince) {
      if (lane === DEAD_LANE && this.faults.has("lane-37-never-activates")) continue;
      if (t - start >= this.advertised.dpInitS * this.timing.dpInitShare) {
        this.set("dataPathState", DP.activated, lane);
        this.dpSince.delete(lane);
      }
    }
  }

  private requireBus(): void {
    if (!this.powered) throw new Error("the module does not answer: it is not powered");
  }

  // Read `length` bytes at `offset` (0-255) of the lower page and the selected upper page.
  read(offset: number, length: number): number[] {
    this.requireBus();
    this.tick();
    const out: number[] = [];
    for (let at = offset; at < offset + length; at++) {
      out.push(this.image.byte(this.page, this.bank, at) ?? 0);
      // The latched module flags clear when read (CMIS clear-on-read).
      if (at >= FLAGS_FIRST && at <= FLAGS_LAST) this.image.setByte(0, 0, at, 0);
    }
    return out;
  }

  // Write bytes at `offset`: page/bank select, LowPwrRequestSW (00h:26), DataPathDeinit (10h:128).
  write(offset: number, bytes: readonly number[]): void {
    this.requireBus();
    this.tick();
    for (const [i, byte] of bytes.entries()) this.writeByte(offset + i, byte);
    this.tick();
  }

  private writeByte(offset: number, byte: number): void {
    if (offset === 126) {
      this.pendingBank = byte;
      this.image.setByte(0, 0, 126, byte);
      return;
    }
    if (offset === 127) {
      this.page = byte;
      this.bank = this.faults.has("bank-select-ignored") ? 0 : this.pendingBank;
      this.image.setByte(0, 0, 127, byte);
      return;
    }
    this.image.setByte(this.page, this.bank, offset, byte);
    if (offset === 26) this.onControl(byte);
    if (this.page === 0x10 && offset === 128) this.onDeinit(this.bank, byte);
  }

  private onControl(byte: number): void {
    const lowPwrRequest = (byte & 0x10) !== 0;
    if (!lowPwrRequest && this.state === STATE.lowPwr) this.setState(STATE.pwrUp);
    if (lowPwrRequest && (this.state === STATE.ready || this.state === STATE.pwrUp))
      this.setState(STATE.pwrDn);
  }

  // DataPathDeinit cleared for a lane starts its DataPathInit (only in ModuleReady).
  private onDeinit(bank: number, byte: number): void {
    if (this.state !== STATE.ready) return;
    for (let i = 0; i < this.map.lanesPerBank; i++) {
      const lane = bank * this.map.lanesPerBank + i + 1;
      if ((byte >> i) & 1) {
        this.set("dataPathState", DP.deactivated, lane);
        this.dpSince.delete(lane);
        this.deactivated.add(lane);
      } else if (this.deactivated.delete(lane)) {
        this.set("dataPathState", DP.init, lane);
        this.dpSince.set(lane, this.now());
      }
    }
  }
}
