// The simulated XPO module and the bench around it: supply output, module power, case
// temperature (first-order), coolant loop, per-lane optics. State is integrated lazily on each
// read from the virtual clock, with exact exponentials in steps of at most 0.1 s.

import type { CoolantProperties } from "../model/coolant.js";
import type { VirtualClock } from "./clock.js";
import type { BenchConfig } from "./config.js";
import type { FaultSet } from "./faults.js";

export type SupplyTrip = "none" | "ovp" | "ocp" | "otp";
export type SupplyMode = "off" | "cv" | "cc";

export interface SupplyState {
  voltageSetpoint: number;
  currentLimit: number;
  ovpLevel: number;
  ocpLevel: number;
  output: boolean;
  trip: SupplyTrip;
  remote: boolean;
  /** SYST:COMM:RLST RWL: remote with the front panel locked out. */
  lockout: boolean;
  beeper: boolean;
  /** CURR:PROT:STAT: over-current protection armed (on by default here). */
  ocpEnabled: boolean;
}

export interface CoolantState {
  setpointC: number;
  flowSetpointLpm: number;
  pumpOn: boolean;
  inletC: number;
}

export interface ModuleState {
  variant: string;
  caseC: number;
  /** Latched by over-temperature until its input power is removed. */
  thermalShutdown: boolean;
}

/** Everything a test or a demo may want to read at one instant. */
export interface BenchSnapshot {
  time: number;
  supply: SupplyState & { mode: SupplyMode; voltage: number; current: number; power: number };
  module: ModuleState & { running: boolean; powerW: number };
  coolant: CoolantState & { flowLpm: number; outletC: number; pressureDropKPa: number };
  coldPlateC: number;
}

const step = 0.1;

export class BenchModel {
  readonly config: BenchConfig;
  readonly coolantProps: CoolantProperties;
  readonly supply: SupplyState;
  readonly coolant: CoolantState;
  readonly module: ModuleState;
  private readonly clock: VirtualClock;
  private readonly faults: FaultSet;
  private last: number;
  /** What the running module draws (W), when something other than the variant decides it. */
  private powerDraw: ((running: boolean, fullW: number) => number) | undefined;
  /** Told the case temperature at every integration step (the module's own monitor). */
  private caseWatch: ((caseC: number) => void) | undefined;

  constructor(
    config: BenchConfig,
    coolant: CoolantProperties,
    clock: VirtualClock,
    faults: FaultSet,
  ) {
    this.config = config;
    this.coolantProps = coolant;
    this.clock = clock;
    this.faults = faults;
    this.last = clock.now();
    this.supply = this.defaultSupply();
    this.coolant = {
      setpointC: config.coolant.setpointC,
      flowSetpointLpm: config.coolant.flowLpm,
      pumpOn: true,
      inletC: config.coolant.setpointC,
    };
    this.module = {
      variant: config.module.variant,
      caseC: config.module.thermal.initialC,
      thermalShutdown: false,
    };
  }

  defaultSupply(): SupplyState {
    const s = this.config.instruments.supply;
    return {
      voltageSetpoint: s.voltage,
      currentLimit: s.currentLimit,
      ovpLevel: s.maxVoltage,
      ocpLevel: s.maxCurrent,
      output: false,
      trip: "none",
      remote: false,
      lockout: false,
      beeper: false,
      ocpEnabled: true,
    };
  }

  // Let the module's management state decide what it draws (the CMIS module: LowPwr or full);
  // `draw` is told on every evaluation whether the module is powered and running.
  setPowerDraw(draw: (running: boolean, fullW: number) => number): void {
    this.powerDraw = draw;
  }

  // Follow the case temperature as it evolves, not only when someone reads it (a module latches
  // a warning the moment its temperature passes the threshold).
  watchCase(watch: (caseC: number) => void): void {
    this.caseWatch = watch;
  }

  /** The virtual time, without bringing the state up to it. */
  now(): number {
    return this.clock.now();
  }

  // *RST of the supply: output off, setpoints to defaults.
  resetSupply(): void {
    this.update();
    Object.assign(this.supply, this.defaultSupply());
    this.module.thermalShutdown = false;
  }

  // Apply a change to supply or coolant settings at the current instant.
  change(action: () => void): void {
    this.update();
    action();
    this.checkProtection();
  }

  flowLpm(): number {
    if (!this.coolant.pumpOn || this.faults.active("flow-loss").length > 0) return 0;
    return this.coolant.flowSetpointLpm;
  }

  // Electrical operating point for the present settings and module state.
  electrical(): { mode: SupplyMode; voltage: number; current: number; running: boolean } {
    const s = this.supply;
    if (!s.output || s.trip !== "none") {
      this.powerDraw?.(false, 0);
      return { mode: "off", voltage: 0, current: 0, running: false };
    }
    const m = this.config.module;
    const v = s.voltageSetpoint;
    const inRange = v >= m.operatingVoltage.min && v <= m.operatingVoltage.max;
    const running = inRange && !this.module.thermalShutdown;
    const fullW = this.variant().powerW;
    const drawW = this.powerDraw ? this.powerDraw(running, fullW) : fullW;
    const demand = running ? drawW / v : v / m.offResistanceOhm;
    if (demand <= s.currentLimit) return { mode: "cv", voltage: v, current: demand, running };
    // Current limit: the constant-power module cannot start, the output sags onto the
    // module's off-state resistance (a real supply folds back the same way).
    const sag = Math.min(v, s.currentLimit * m.offResistanceOhm);
    return { mode: "cc", voltage: sag, current: sag / m.offResistanceOhm, running: false };
  }

  variant() {
    const v = this.config.module.variants[this.module.variant];
    if (v === undefined) throw new Error(`unknown variant ${this.module.variant}`);
    return v;
  }

  modulePowerW(): number {
    const e = this.electrical();
    return e.voltage * e.current;
  }

  // Coolant temperature rise across the module: dT = P / (rho * Q * cp).
  coolantRiseK(powerW: number, flowLpm: number): number {
    if (flowLpm <= 0) return 0;
    const kgPerS = (this.coolantProps.densityKgPerL * flowLpm) / 60;
    return powerW / (kgPerS * this.coolantProps.specificHeatJPerKgK);
  }

  // Bring the state up to the clock's present time.
  update(): void {
    if (this.faults.active("protection-trip").length > 0) this.checkProtection();
    const now = this.clock.now();
    let dt = now - this.last;
    this.last = now;
    const t = this.config.module.thermal;
    while (dt > 1e-9) {
      const h = Math.min(dt, step);
      dt -= h;
      const power = this.modulePowerW();
      const flow = this.flowLpm();
      const tau = this.config.coolant.inletTimeConstantS;
      this.coolant.inletC =
        this.coolant.setpointC +
        (this.coolant.inletC - this.coolant.setpointC) * Math.exp(-h / tau);
      const sink = flow > 0 ? this.coolant.inletC + this.coolantRiseK(power, flow) / 2 : t.ambientC;
      const r =
        flow > 0
          ? t.plateResistanceKPerW + t.flowResistanceKPerWLpm / flow
          : t.noFlowResistanceKPerW;
      const steady = sink + power * r;
      this.module.caseC =
        steady + (this.module.caseC - steady) * Math.exp(-h / (r * t.heatCapacityJPerK));
      this.caseWatch?.(this.module.caseC);
      if (this.module.caseC > t.shutdownC) this.module.thermalShutdown = true;
      if (!this.supply.output || this.supply.trip !== "none") this.module.thermalShutdown = false;
    }
  }

  private checkProtection(): void {
    const s = this.supply;
    if (!s.output || s.trip !== "none") return;
    const injected = this.faults.active("protection-trip")[0];
    if (injected) s.trip = (injected.message ?? "ovp").toLowerCase() as SupplyTrip;
    else if (s.voltageSetpoint > s.ovpLevel) s.trip = "ovp";
    else if (s.ocpEnabled && this.electrical().current > s.ocpLevel) s.trip = "ocp";
    if (s.trip !== "none") s.output = false;
  }

  // Per-lane pre-FEC BER (NaN when the module is not running: no signal to count).
  laneBer(lane: number): number {
    this.update();
    if (!this.electrical().running) return Number.NaN;
    const b = this.config.module.ber;
    if (this.failedLanes().has(lane)) return b.failedLaneBer;
    const decades =
      b.decadesPerK * (this.module.caseC - b.referenceC) + b.laneSpreadDecades * laneJitter(lane);
    return Math.min(0.5, this.variant().preFecBer * 10 ** decades);
  }

  // Per-lane optical output power in dBm (-Infinity when dark).
  laneOpticalDbm(lane: number): number {
    this.update();
    if (!this.electrical().running) return Number.NEGATIVE_INFINITY;
    if (this.failedLanes().has(lane)) return this.config.module.ber.failedLanePowerDbm;
    return this.variant().lanePowerDbm + 0.4 * laneJitter(lane + 101);
  }

  failedLanes(): Set<number> {
    return new Set(this.faults.active("lane-fail").map((f) => f.lane ?? 1));
  }

  snapshot(): BenchSnapshot {
    this.update();
    const e = this.electrical();
    const power = e.voltage * e.current;
    const flow = this.flowLpm();
    const rise = this.coolantRiseK(power, flow);
    const t = this.config.module.thermal;
    const coldPlateC =
      flow > 0
        ? this.coolant.inletC + rise / 2 + power * t.plateResistanceKPerW
        : this.module.caseC;
    return {
      time: this.clock.now(),
      supply: { ...this.supply, mode: e.mode, voltage: e.voltage, current: e.current, power },
      module: { ...this.module, running: e.running, powerW: power },
      coolant: {
        ...this.coolant,
        flowLpm: flow,
        outletC: this.coolant.inletC + rise,
        pressureDropKPa: this.config.coolant.pressureDropKPaPerLpm2 * flow * flow,
      },
      coldPlateC,
    };
  }
}

// A fixed pseudo-random number in [-1, 1] per lane, so lanes differ but runs repeat.
function laneJitter(lane: number): number {
  const x = Math.sin(lane * 12.9898 + 78.233) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}
