// The `xpo` command: parses arguments with commander and dispatches to one module per command.
// Every command returns its exit code: 0 pass, 1 a limit failed or an instrument reported an
// error, 2 the harness could not do its job (bad input, usage, connection).
import { Command, CommanderError } from "commander";
import { formatError, XpoError } from "../model/errors.js";
import { escapeControl } from "../model/terminal-text.js";
import { harnessVersion } from "../run/harness-info.js";
import { dropOutputToClosedPipes } from "./closed-pipe.js";
import type { CommandContext } from "./context.js";

type Registrar = (program: Command, context: CommandContext) => void;

// Each command lives in its own module, loaded only when it runs, so start-up stays fast.
const commands: Record<string, () => Promise<{ register: Registrar }>> = {
  validate: () => import("./commands/validate.js"),
  limits: () => import("./commands/limits.js"),
  init: () => import("./commands/init.js"),
  report: () => import("./commands/report.js"),
  scpi: () => import("./commands/scpi.js"),
  sim: () => import("./commands/sim.js"),
  run: () => import("./commands/run.js"),
  demo: () => import("./commands/demo.js"),
  drivers: () => import("./commands/drivers.js"),
  cmis: () => import("./commands/cmis.js"),
};

// Run the CLI with the given arguments (without node and script) and resolve to an exit code.
export async function main(argv: string[]): Promise<number> {
  dropOutputToClosedPipes();
  const context: CommandContext = { exitCode: 0, stdout: process.stdout, stderr: process.stderr };
  const program = new Command("xpo")
    .description("XPO MSA compliance harness: datasheets, live benches, JUnit and HTML reports")
    .version(harnessVersion(), "-V, --version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(escapeControl(text)),
      // Usage errors are printed below, with a code and a fix line like every other error.
      outputError: () => {},
    });

  const name = argv.find((arg) => !arg.startsWith("-"));
  const load = name === undefined ? undefined : commands[name];
  if (load) {
    (await load()).register(program, context);
  } else {
    // Help or an unknown command: register every command so help and suggestions are complete.
    for (const loader of Object.values(commands)) (await loader()).register(program, context);
  }

  try {
    await program.parseAsync(argv, { from: "user" });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; any other commander error is a usage error.
      if (error.exitCode === 0) return 0;
      context.stderr.write(`xpo: ${formatError(usageError(error, argv))}\n`);
      return 2;
    }
    context.stderr.write(`xpo: ${formatError(error)}\n`);
    return 2;
  }
}

// A commander usage error ("error: unknown command 'valdiate'\n(Did you mean validate?)") as an
// XPO_USAGE error whose fix names the help to read.
function usageError(error: CommanderError, argv: string[]): XpoError {
  const message = error.message.replace(/^error: /, "").replace(/\n/g, " ");
  const name = argv.find((arg) => !arg.startsWith("-"));
  const help = name !== undefined && name in commands ? `npx xpo help ${name}` : "npx xpo help";
  return new XpoError("XPO_USAGE", message, { remedy: `See \`${help}\` for the usage.` });
}
