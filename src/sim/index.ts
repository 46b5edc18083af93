// The simulated XPO bench: instruments, module physics, faults, serving over TCP and ptys.
export * from "./bench.js";
export * from "./bench-file.js";
export * from "./bench-model.js";
export * from "./clock.js";
export * from "./config.js";
export * from "./faults.js";
export * from "./pty.js";
