// commander, required rather than imported: it is CommonJS, and an ESM import of it makes Node
// scan its source for export names first (about 12 ms of every `xpo` start, issue 15).
import { createRequire } from "node:module";
import type * as Commander from "commander";

const commander = createRequire(import.meta.url)("commander") as typeof Commander;

export const { Command, CommanderError, InvalidArgumentError, Option } = commander;
export type Command = Commander.Command;
export type CommanderError = Commander.CommanderError;
export type Option = Commander.Option;
