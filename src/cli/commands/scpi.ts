// `xpo scpi <resource> <command...>`: send each command to one instrument; queries (by the SCPI
// grammar: a header ending in `?`) print the reply as the instrument sent it (--json: its
// structure), errors drained from SYST:ERR? after each command are shown with code and text.
// Entries already queued when the session opens are printed as stale and cleared first (unless
// the first command reads the queue itself). Exit 0 all fine, 1 the instrument reported an
// error, 2 connection or usage error. `--term cr|lf|crlf` (and `--reply-end`) speaks a vendor
// line dialect instead (TDK-Lambda GEN, Julabo, Lauda): no SCPI error queue, no *OPC? resync,
// and every message reads one reply line, except one written with a leading `>` (sent only:
// a Julabo `out_...` command answers nothing).
import type { Command } from "commander";
import { formatError, isXpoError, XpoError } from "../../model/errors.js";
import { checkErrorCheckMode } from "../../scpi/error-check.js";
import {
  describeReply,
  type ErrorCheck,
  type ErrorEntry,
  formatErrorEntry,
  formatReply,
  type InstrumentError,
  isQueryMessage,
  type LineRules,
  openSession,
  type ScpiSession,
} from "../../scpi/index.js";
import type { FlowControl, Parity, SerialSettings } from "../../transport/index.js";
import type { CommandContext } from "../context.js";

interface ScpiFlags {
  timeout: string;
  errorCheck?: string;
  term?: string;
  replyEnd?: string;
  json: boolean;
  record?: string;
  baud?: string;
  dataBits?: string;
  parity?: string;
  stopBits?: string;
  flowControl?: string;
}

function toInt(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new XpoError("XPO_USAGE", `--${name} ${JSON.stringify(text)} is not a positive number`);
  return value;
}

function serialFrom(flags: ScpiFlags): Partial<SerialSettings> {
  const serial: Partial<SerialSettings> = {};
  if (flags.baud !== undefined) serial.baudRate = toInt("baud", flags.baud);
  if (flags.dataBits !== undefined) serial.dataBits = toInt("data-bits", flags.dataBits) as 8;
  if (flags.parity !== undefined) serial.parity = flags.parity as Parity;
  if (flags.stopBits !== undefined) serial.stopBits = toInt("stop-bits", flags.stopBits) as 1;
  if (flags.flowControl !== undefined) serial.flowControl = flags.flowControl as FlowControl;
  return serial;
}

const terminators = { cr: "\r", lf: "\n", crlf: "\r\n" } as const;

function choose<T extends string>(name: string, text: string, choices: readonly T[]): T {
  const value = text.toLowerCase() as T;
  if (!choices.includes(value))
    throw new XpoError(
      "XPO_USAGE",
      `--${name} ${JSON.stringify(text)} is not one of ${choices.join(", ")}`,
    );
  return value;
}

// The vendor line rules `--term`/`--reply-end` ask for (undefined: SCPI).
function lineFrom(flags: ScpiFlags): LineRules | undefined {
  if (flags.term === undefined && flags.replyEnd === undefined) return undefined;
  const term = choose("term", flags.term ?? "lf", ["cr", "lf", "crlf"] as const);
  const end = choose("reply-end", flags.replyEnd ?? (term === "cr" ? "cr" : "lf"), [
    "cr",
    "lf",
  ] as const);
  return {
    terminator: terminators[term],
    replyEnd: end === "cr" ? "\r" : "\n",
    resyncWithOpc: false,
  };
}

// Whether the message reads the error queue itself (then stale entries are left for it).
const readsQueue = (command: string) => /^:?SYST(EM)?:ERR/i.test(command.trim());

// Print what the queue held before this session, and clear it.
async function reportStale(
  session: ScpiSession,
  commands: string[],
  context: CommandContext,
): Promise<void> {
  if (readsQueue(commands[0] ?? "")) return;
  const stale = await session.readStaleErrors();
  for (const entry of stale.entries)
    context.stderr.write(
      `xpo scpi: ${session.name}: stale error (queued before this session, cleared) ${formatErrorEntry(entry)}\n`,
    );
  if (stale.truncated)
    context.stderr.write(`xpo scpi: ${session.name}: more stale errors cleared with *CLS\n`);
}

// Send one command and print its reply (a query) as text or JSON.
async function sendOne(
  session: ScpiSession,
  command: string,
  flags: ScpiFlags,
  context: CommandContext,
): Promise<void> {
  const line = lineFrom(flags) !== undefined;
  if (line && command.startsWith(">")) {
    await session.write(command.slice(1));
    return;
  }
  if (!line && !isQueryMessage(command)) {
    await session.write(command);
    return;
  }
  const reply = await session.query(command);
  context.stdout.write(
    flags.json
      ? `${JSON.stringify({ command, reply, responses: describeReply(reply) })}\n`
      : `${formatReply(reply)}\n`,
  );
}

// Print instrument error entries for `command`.
function printEntries(
  session: ScpiSession,
  command: string,
  entries: ErrorEntry[],
  context: CommandContext,
): void {
  for (const entry of entries)
    context.stderr.write(
      `xpo scpi: ${session.name} "${command}": error ${formatErrorEntry(entry)}\n`,
    );
}

// The exit code a failed command leaves (1: the instrument said no; 2: stop, connection or usage).
async function handleFailure(
  session: ScpiSession,
  command: string,
  error: unknown,
  context: CommandContext,
): Promise<1 | 2> {
  if (isXpoError(error) && error.code === "XPO_INSTRUMENT_ERROR") {
    printEntries(session, command, (error as Partial<InstrumentError>).errors ?? [], context);
    return 1;
  }
  if (isXpoError(error) && error.code === "XPO_INSTRUMENT_TIMEOUT") {
    // A query the instrument rejects gets no reply: the queue says why.
    const entries = await session.readErrors().catch(() => []);
    if (entries.length > 0) {
      printEntries(session, command, entries, context);
      return 1;
    }
  }
  context.stderr.write(`xpo scpi: ${formatError(error)}\n`);
  return isXpoError(error) && error.code === "XPO_INSTRUMENT_PROTOCOL" ? 1 : 2;
}

// Run the commands; returns the exit code.
async function runCommands(
  resource: string,
  commands: string[],
  flags: ScpiFlags,
  context: CommandContext,
): Promise<number> {
  let session: ScpiSession;
  try {
    const timeoutMs = toInt("timeout", flags.timeout);
    const line = lineFrom(flags);
    const errorCheck: ErrorCheck = checkErrorCheckMode(
      flags.errorCheck ?? (line === undefined ? "each" : "off"),
    );
    session = await openSession(resource, {
      timeoutMs,
      connectTimeoutMs: timeoutMs,
      errorCheck,
      serial: serialFrom(flags),
      ...(line === undefined ? {} : { line }),
      ...(flags.record === undefined ? {} : { record: flags.record }),
    });
  } catch (error) {
    context.stderr.write(`xpo scpi: ${formatError(error)}\n`);
    return 2;
  }
  let exitCode = 0;
  try {
    if (flags.term === undefined && flags.replyEnd === undefined)
      await reportStale(session, commands, context);
    for (const command of commands) {
      try {
        await sendOne(session, command, flags, context);
      } catch (error) {
        const code = await handleFailure(session, command, error, context);
        if (code === 2) return 2;
        exitCode = 1;
      }
    }
  } catch (error) {
    context.stderr.write(`xpo scpi: ${formatError(error)}\n`);
    return 2;
  } finally {
    await session.close().catch(() => {});
  }
  return exitCode;
}

export function register(program: Command, context: CommandContext): void {
  program
    .command("scpi")
    .description("send SCPI commands to one instrument and print the replies")
    .argument("<resource>", "TCPIP0::<host>::<port>::SOCKET, ASRL<device>::INSTR or REPLAY::<file>")
    .argument("<commands...>", "commands and queries, e.g. '*IDN?' 'SOUR:VOLT 48' 'MEAS:VOLT?'")
    .option("-t, --timeout <ms>", "reply and connect timeout in milliseconds", "2000")
    .option(
      "-e, --error-check <mode>",
      "check the error queue after each command: each (in the same message), separate (own SYST:ERR? exchange; for small input buffers) or off (default each; off with --term)",
    )
    .option(
      "--term <t>",
      "vendor line dialect: message terminator cr, lf or crlf; every message then reads one reply line ('>cmd' sends without reading), no SCPI error queue",
    )
    .option(
      "--reply-end <e>",
      "byte ending a reply with --term: cr or lf (default cr for --term cr, else lf)",
    )
    .option("--json", "print each reply as JSON: exact text and its structure", false)
    .option("-r, --record <file>", "record every exchange to a JSONL transcript")
    .option("--baud <rate>", "serial baud rate (ASRL resources)")
    .option("--data-bits <n>", "serial data bits: 5, 6, 7 or 8")
    .option("--parity <p>", "serial parity: none, even, odd, mark, space")
    .option("--stop-bits <n>", "serial stop bits: 1 or 2")
    .option("--flow-control <f>", "serial flow control: none, rtscts, xonxoff")
    .addHelpText(
      "after",
      "\nExamples:\n  npx xpo scpi TCPIP0::127.0.0.1::5025::SOCKET '*IDN?' 'MEAS:VOLT?'\n  npx xpo scpi ASRL/dev/ttyUSB0::INSTR --baud 115200 '*IDN?'\n  npx xpo scpi TCPIP0::127.0.0.1::8003::SOCKET --term cr 'ADR 6' 'MV?'          # TDK-Lambda GEN\n  npx xpo scpi ASRL/dev/ttyUSB1::INSTR --baud 4800 --data-bits 7 --parity even --flow-control rtscts --term cr --reply-end lf version   # Julabo\n  npx xpo scpi REPLAY::fixtures/transcripts/supply-idn.jsonl '*IDN?'",
    )
    .action(async (resource: string, commands: string[], flags: ScpiFlags) => {
      context.exitCode = await runCommands(resource, commands, flags, context);
    });
}
