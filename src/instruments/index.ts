// Typed role drivers over the SCPI layer: suites use these, never raw SCPI.
export * from "./bench-drivers.js";
export * from "./driver.js";
export * from "./open-instruments.js";
export * from "./registry.js";
export * from "./supply.js";
