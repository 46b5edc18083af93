// Option parsers shared by the commands: a bad value is a usage error (exit 2) from commander.
import { InvalidArgumentError } from "commander";

// --out: a folder name; an empty one ("") would mean the working directory by accident.
export function parseOutDir(value: string): string {
  if (value.trim() === "")
    throw new InvalidArgumentError("the folder name is empty; name a folder, e.g. --out reports");
  return value;
}
