// The SCPI message layer: sessions, typed errors and pure parsers.
export * from "./errors.js";
export * from "./format.js";
export * from "./parse.js";
export * from "./session.js";
