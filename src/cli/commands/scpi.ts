// `xpo scpi <resource> <command...>`: send each command to one instrument; queries print their
// parsed reply, errors drained from SYST:ERR? after each command are shown with code and text.
// Exit 0 all fine, 1 the instrument reported an error, 2 connection or usage error.
import type { Command } from "commander";
import { formatError, isXpoError, XpoError } from "../../model/errors.js";
import {
  formatErrorEntry,
  formatReply,
  type InstrumentError,
  openSession,
  type ScpiSession,
} from "../../scpi/index.js";
import type { FlowControl, Parity, SerialSettings } from "../../transport/index.js";
import type { CommandContext } from "../context.js";

interface ScpiFlags {
  timeout: string;
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

// Run the commands; returns the exit code.
async function runCommands(
  resource: string,
  commands: string[],
  flags: ScpiFlags,
  context: CommandContext,
): Promise<number> {
  const timeoutMs = toInt("timeout", flags.timeout);
  let session: ScpiSession;
  try {
    session = await openSession(resource, {
      timeoutMs,
      connectTimeoutMs: timeoutMs,
      serial: serialFrom(flags),
      ...(flags.record === undefined ? {} : { record: flags.record }),
    });
  } catch (error) {
    context.stderr.write(`xpo scpi: ${formatError(error)}\n`);
    return 2;
  }
  let exitCode = 0;
  try {
    for (const command of commands) {
      try {
        if (command.includes("?"))
          context.stdout.write(`${formatReply(await session.query(command))}\n`);
        else await session.write(command);
      } catch (error) {
        if (isXpoError(error) && error.code === "XPO_INSTRUMENT_ERROR") {
          const entries = (error as Partial<InstrumentError>).errors ?? [];
          for (const entry of entries)
            context.stderr.write(
              `xpo scpi: ${session.name} "${command}": error ${formatErrorEntry(entry)}\n`,
            );
          exitCode = Math.max(exitCode, 1);
          continue;
        }
        if (isXpoError(error) && error.code === "XPO_INSTRUMENT_TIMEOUT") {
          // A query the instrument rejects gets no reply: the queue says why.
          const entries = await session.readErrors().catch(() => []);
          if (entries.length > 0) {
            for (const entry of entries)
              context.stderr.write(
                `xpo scpi: ${session.name} "${command}": error ${formatErrorEntry(entry)}\n`,
              );
            exitCode = Math.max(exitCode, 1);
            continue;
          }
        }
        if (isXpoError(error) && error.code === "XPO_INSTRUMENT_PROTOCOL") {
          context.stderr.write(`xpo scpi: ${formatError(error)}\n`);
          exitCode = Math.max(exitCode, 1);
          continue;
        }
        context.stderr.write(`xpo scpi: ${formatError(error)}\n`);
        return 2;
      }
    }
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
    .option("-r, --record <file>", "record every exchange to a JSONL transcript")
    .option("--baud <rate>", "serial baud rate (ASRL resources)")
    .option("--data-bits <n>", "serial data bits: 5, 6, 7 or 8")
    .option("--parity <p>", "serial parity: none, even, odd, mark, space")
    .option("--stop-bits <n>", "serial stop bits: 1 or 2")
    .option("--flow-control <f>", "serial flow control: none, rtscts, xonxoff")
    .addHelpText(
      "after",
      "\nExamples:\n  npx xpo scpi TCPIP0::127.0.0.1::5025::SOCKET '*IDN?' 'MEAS:VOLT?'\n  npx xpo scpi ASRL/dev/ttyUSB0::INSTR --baud 115200 '*IDN?'\n  npx xpo scpi REPLAY::fixtures/transcripts/supply-idn.jsonl '*IDN?'",
    )
    .action(async (resource: string, commands: string[], flags: ScpiFlags) => {
      context.exitCode = await runCommands(resource, commands, flags, context);
    });
}
