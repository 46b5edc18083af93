// Option parsers shared by the commands: a bad value is a usage error (exit 2) from commander.

import { InvalidArgumentError, Option } from "commander";
import { DEFAULT_FAIL_ON, FAIL_ON_LEVELS } from "../model/outcome.js";

// --out: a folder name; an empty one ("") would mean the working directory by accident.
export function parseOutDir(value: string): string {
  if (value.trim() === "")
    throw new InvalidArgumentError("the folder name is empty; name a folder, e.g. --out reports");
  return value;
}

/** --fail-on: the lowest severity whose failures fail the run (exit 1). */
export function createFailOnOption(): Option {
  return new Option(
    "--fail-on <severity>",
    "lowest limit severity whose failures set exit 1; failures below it are warnings",
  )
    .choices(FAIL_ON_LEVELS)
    .default(DEFAULT_FAIL_ON);
}

/** --reporter NAME (repeatable): the report formats to write; none given keeps the defaults. */
export function createReporterOption(names: readonly string[]): Option {
  return new Option(
    "--reporter <name>",
    `report format to write into --out, repeatable: ${names.join(", ")} (default: junit and html, plus github when GITHUB_ACTIONS=true)`,
  ).argParser((value: string, previous: string[] | undefined) => {
    if (!names.includes(value))
      throw new InvalidArgumentError(
        `unknown reporter "${value}": choose from ${names.join(", ")}`,
      );
    return [...(previous ?? []), value];
  });
}
