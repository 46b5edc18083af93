// Every driver the harness knows, one line each: the registry (../registry.ts) reads every
// export of this file. To add a driver, write its file in this folder and add its line here.
export { AnritsuMp1900aBer } from "./anritsu-mp1900a.js";
export { Chroma62000PSupply } from "./chroma-62000p.js";
export { JulaboCoolant } from "./julabo.js";
export { KeithleyDaq6510Thermal } from "./keithley-daq6510.js";
export { KeysightDaq970aThermal } from "./keysight-daq970a.js";
export { KeysightM8070Ber } from "./keysight-m8070.js";
export { KeysightN77xxOptical } from "./keysight-n77xx.js";
export { KeysightN5700Supply } from "./keysight-n5700.js";
export { KeysightN7900Supply } from "./keysight-n7900.js";
export { LaudaCoolant } from "./lauda.js";
export { SantecMpm210hOptical } from "./santec-mpm210h.js";
export { ScpiBerChecker } from "./scpi-ber.js";
export { ScpiCoolant } from "./scpi-coolant.js";
export { ScpiOpticalMeter } from "./scpi-optical.js";
export { ScpiPowerMeter } from "./scpi-powermeter.js";
export { ScpiSupply } from "./scpi-supply.js";
export { ScpiThermalLogger } from "./scpi-thermal.js";
export { TdkLambdaGenSupply } from "./tdk-lambda-gen.js";
export { YokogawaWt300ePowerMeter } from "./yokogawa-wt300e.js";
