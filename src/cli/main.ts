// The `xpo` command: parses arguments with commander and dispatches to one module per command.
// Every command returns its exit code: 0 pass, 1 a limit failed or an instrument reported an
// error, 2 the harness could not do its job (bad input, usage, connection).

import { Command, CommanderError } from "commander";
import { formatError, XpoError } from "../model/errors.js";
import { escapeControl } from "../model/terminal-text.js";
import { harnessVersion, prefetchHarnessInfo } from "../run/harness-info.js";
import { dropOutputToClosedPipes } from "./closed-pipe.js";
import type { CommandContext } from "./context.js";

type Registrar = (program: Command, context: CommandContext) => void;

interface CommandEntry {
  /** The command's line in `xpo --help` after its name: its options and arguments, as commander
   * prints them ("" for none). */
  usage: string;
  description: string;
  load: () => Promise<{ register: Registrar }>;
  /** The command writes a run record: the harness's git status is asked for as it loads. */
  recordsRun?: true;
}

// Each command lives in its own module, imported only when that command runs, so start-up stays
// fast: `xpo --version` and `xpo --help` import none of them (the help list is this table;
// src/cli/main.test.ts checks it matches what the modules register).
export const COMMANDS: Record<string, CommandEntry> = {
  validate: {
    usage: "[options] <paths...>",
    description: "check XPO datasheets (YAML/JSON files or folders) against the MSA limits",
    load: () => import("./commands/validate.js"),
    recordsRun: true,
  },
  limits: {
    usage: "[options]",
    description: "list the limits of a profile",
    load: () => import("./commands/limits.js"),
  },
  init: {
    usage: "[options] [file]",
    description: "write a starter datasheet whose first line makes editors check it",
    load: () => import("./commands/init.js"),
  },
  report: {
    usage: "[options] <records...>",
    description:
      "render junit.xml and report.html from run records (run.jsonl); many merge into one",
    load: () => import("./commands/report.js"),
  },
  scpi: {
    usage: "[options] <resource> <commands...>",
    description: "send SCPI commands to one instrument and print the replies",
    load: () => import("./commands/scpi.js"),
  },
  sim: {
    usage: "[options]",
    description:
      "serve a simulated XPO bench (supply, power meter, chiller, thermal, optical, BER)",
    load: () => import("./commands/sim.js"),
  },
  run: {
    usage: "[options]",
    description: "run the live XPO procedure on a module with the instruments of a station file",
    load: () => import("./commands/run.js"),
  },
  demo: {
    usage: "[options]",
    description:
      "run the live suite on a simulated bench and the datasheet suite on the bundled fixtures",
    load: () => import("./commands/demo.js"),
  },
  drivers: {
    usage: "[options]",
    description: "list the instrument drivers: role, kind, how each is chosen, identities served",
    load: () => import("./commands/drivers.js"),
  },
  cmis: {
    usage: "",
    description: "decode a module's CMIS memory map, or write a starter image from a datasheet",
    load: () => import("./commands/cmis.js"),
  },
};

// The command a command line runs: its first word, or the one `xpo help NAME` asks about.
function commandNamed(argv: string[]): CommandEntry | undefined {
  const words = argv.filter((arg) => !arg.startsWith("-"));
  const name = words[0] === "help" ? words[1] : words[0];
  return name === undefined || !Object.hasOwn(COMMANDS, name) ? undefined : COMMANDS[name];
}

// List every command by its table entry (name, usage, description) without importing it: enough
// for the top-level help and for "did you mean" suggestions on an unknown command.
function listCommands(program: Command): void {
  for (const [name, entry] of Object.entries(COMMANDS))
    program.command(name).description(entry.description);
  program.configureHelp({
    subcommandTerm: (command) => {
      const entry = Object.hasOwn(COMMANDS, command.name()) ? COMMANDS[command.name()] : undefined;
      if (entry) return [command.name(), entry.usage].filter(Boolean).join(" ");
      const args = command.registeredArguments.map((arg) =>
        arg.required ? `<${arg.name()}>` : `[${arg.name()}]`,
      );
      return [command.name(), ...args].join(" ");
    },
  });
}

// The program with its global options, writing through the context.
export function createProgram(context: CommandContext): Command {
  return new Command("xpo")
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
}

// Run the CLI with the given arguments (without node and script) and resolve to an exit code.
export async function main(argv: string[]): Promise<number> {
  dropOutputToClosedPipes();
  const context: CommandContext = { exitCode: 0, stdout: process.stdout, stderr: process.stderr };
  const program = createProgram(context);
  const entry = commandNamed(argv);
  if (entry?.recordsRun && !argv.includes("--help") && !argv.includes("-h") && argv[0] !== "help")
    void prefetchHarnessInfo();
  if (entry) (await entry.load()).register(program, context);
  else listCommands(program);

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
  const help =
    name !== undefined && Object.hasOwn(COMMANDS, name) ? `npx xpo help ${name}` : "npx xpo help";
  return new XpoError("XPO_USAGE", message, { remedy: `See \`${help}\` for the usage.` });
}
