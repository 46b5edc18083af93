// Every driver the harness knows, one line each: the registry (../registry.ts) reads every
// export of this file. To add a driver, write its file in this folder and add its line here.
export { Chroma62000PSupply } from "./chroma-62000p.js";
export { KeysightN5700Supply } from "./keysight-n5700.js";
export { ScpiBerChecker } from "./scpi-ber.js";
export { ScpiCoolant } from "./scpi-coolant.js";
export { ScpiOpticalMeter } from "./scpi-optical.js";
export { ScpiPowerMeter } from "./scpi-powermeter.js";
export { ScpiSupply } from "./scpi-supply.js";
export { ScpiThermalLogger } from "./scpi-thermal.js";
