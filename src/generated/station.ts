// Generated from schemas/station.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`.

/**
 * A QA lab's bench: which instrument plays which role, the lab's own safety settings, and the DUT's datasheet. Read by `xpo run --station`. Safety values are the lab's settings, not MSA limits (those live in schemas/xpo/).
 */
export interface StationFile {
  $schema?: string;
  stationFormat: 1;
  name: string;
  description?: string;
  /**
   * Limit profile id or folder (default: the newest bundled profile).
   */
  profile?: string;
  dut?: {
    /**
     * The DUT's datasheet (YAML/JSON), relative to the station file. Readings are checked against its declared values too.
     */
    datasheet: string;
  };
  /**
   * How long a run waits for a shared-resource group another run holds before it stops with an error naming the holder (default 1800000, 30 min).
   */
  sharedGroupWaitMs?: number;
  /**
   * Driver plug-ins to load before the instruments are opened: a module path (relative to this file) or a package name, each exporting driver classes (see examples/custom-driver.ts).
   */
  driverPlugins?: string[];
  instruments: {
    supply: Instrument;
    powermeter?: Instrument;
    coolant: Instrument;
    thermal: Instrument;
    optical?: Instrument;
    ber?: Instrument;
    mgmt?: Instrument;
  };
  /**
   * The lab's interlock settings. The supply output goes off when a reading crosses one while powered.
   */
  safety: {
    /**
     * Trip when the case temperature rises above this while powered. At most 100 °C (a lab interlock; the profile's case limits lie below it).
     */
    maxCaseTemperatureC: number;
    /**
     * Trip when the supply current (also the inrush) rises above this while powered. Preflight also holds it to the supply's range.
     */
    maxCurrentA: number;
    /**
     * Trip when coolant flow falls below this while powered (0: rely on temperature alone).
     */
    minFlowLpm: number;
    maxInletTemperatureC: number;
    /**
     * Current limit (constant-current setpoint) set on the supply before its output goes on. Preflight holds it to the supply's range.
     */
    supplyCurrentLimitA: number;
    /**
     * Supply OVP level, set (and read back) at every run start. Preflight requires it above the highest test voltage (XPO-PWR-003) and within the supply's range; without it, the OVP is set to the supply's full scale.
     */
    overVoltageProtectionV?: number;
    /**
     * How often the safety monitor reads current, temperatures, flow and the supply's protection state while powered (real ms, 10 to 1000; default 100).
     */
    pollMs?: number;
    /**
     * Reply timeout of the safety switch-off path (a fresh connection, one retry); default 1000 ms, or the supply's timeoutMs when shorter.
     */
    switchOffTimeoutMs?: number;
  };
  timing?: {
    /**
     * Simulated benches only: virtual seconds per real second (xpo sim --speed), 0.1 to 1000. Waits are divided by it. 1 on a real bench.
     */
    timeScale?: number;
    /**
     * Wait after each supply voltage change before measuring (bench seconds).
     */
    settleS?: number;
    /**
     * Wait at the thermal test condition before reading the case temperature (bench seconds).
     */
    thermalSettleS?: number;
    /**
     * Longest wait for the coolant inlet to reach its setpoint (bench seconds).
     */
    inletWaitS?: number;
    inletToleranceK?: number;
    inrushSamples?: number;
  };
  checks?: {
    /**
     * Allowed relative difference between the measured coolant rise and P/(rho Q cp) (bench consistency, not an MSA limit).
     */
    coolantRiseTolerance?: number;
  };
}
export interface Instrument {
  /**
   * VISA-style resource: TCPIP0::<host>::<port>::SOCKET, ASRL<device>::INSTR or REPLAY::<file>.
   */
  resource: string;
  /**
   * Driver name (see docs/live.md): a generic SCPI driver of the role (e.g. scpi-supply), which picks a vendor dialect from *IDN?, or a dialect by name (e.g. chroma-62000p).
   */
  driver: string;
  /**
   * Text the *IDN? reply must contain (case-insensitive), e.g. a model number.
   */
  identity?: string;
  /**
   * Reply timeout per query (10 ms to 60 s).
   */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /**
   * How the error queue (SYST:ERR?) is checked after each command: each (default) in the same round trip (Q;:SYST:ERR?), separate in its own exchange for instruments that mishandle compound messages, off not at all.
   */
  errorCheck?: "each" | "separate" | "off";
  serial?: Serial;
  /**
   * Record every exchange to this transcript file (relative to the station file).
   */
  record?: string;
  /**
   * RS-485 / multidrop address of the instrument on its bus (TDK-Lambda GEN: ADR n); only for drivers that use one.
   */
  address?: number;
  /**
   * Name of a shared-resource group this instrument belongs to (one chiller or one BERT shared by several DUT positions). Runs whose stations put the same group name on an instrument take turns: a run waits for the group (in this process and, through a lock file, in others on this host) and holds it from before power-on to the end of the run. Never on the supply: two runs can never drive one supply.
   */
  sharedGroup?: string;
  /**
   * thermal: the logger channel wired to the module case / cold plate.
   */
  channel?: number;
  /**
   * ber (anritsu-mp1900a): lanes read per program message (default 8, several select; read pairs in one message as IEEE 488.2 allows). Set 1 for a unit or firmware that takes one query per message, as public MP1900A drivers send.
   */
  lanesPerMessage?: number;
  /**
   * Override the driver's stated accuracy per quantity (voltage, current, power, temperature, flow, opticalPower, ber).
   */
  accuracy?: {
    [k: string]: Accuracy | undefined;
  };
}
/**
 * Serial line settings for ASRL<device>::INSTR resources.
 */
export interface Serial {
  baudRate?: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: "none" | "even" | "odd" | "mark" | "space";
  stopBits?: 1 | 1.5 | 2;
  flowControl?: "none" | "rtscts" | "xonxoff";
}
/**
 * Stated accuracy of one quantity: +/- (relative x |reading| + absolute), in the reading's unit.
 */
export interface Accuracy {
  relative: number;
  absolute: number;
}
