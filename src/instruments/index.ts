// Typed role drivers over the SCPI layer: suites use these, never raw SCPI.
export * from "./driver.js";
export * from "./drivers/index.js";
export * from "./open-instruments.js";
export * from "./registry.js";
