// Placeholder until the command lands (see the open issues); replaced by its owner.
import type { Command } from "commander";
import type { CommandContext } from "../context.js";

export function register(program: Command, context: CommandContext): void {
  program
    .command("report")
    .description("(not yet available)")
    .allowUnknownOption()
    .action(() => {
      context.stderr.write("xpo report: not yet available in this build\n");
      context.exitCode = 2;
    });
}
