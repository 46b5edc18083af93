// Render a run's reports from its record after a run, and print where they are.
import { formatError } from "../model/errors.js";
import { escapeControl } from "../model/terminal-text.js";
import type { WrittenReports } from "../report/write-reports.js";
import type { CommandContext } from "./context.js";

// Write the reports of a finished run; false (and a message) when they could not be written.
export async function writeRunReports(
  recordPath: string,
  outDir: string,
  context: CommandContext,
): Promise<boolean> {
  try {
    // Loaded lazily: rendering is the last step and most of its code is not needed before.
    const { writeReports } = await import("../report/write-reports.js");
    printWrittenReports(await writeReports(recordPath, outDir), recordPath, context);
    return true;
  } catch (error) {
    printReportsNotWritten(error, recordPath, context);
    return false;
  }
}

// Warnings, then where the record and every report are ("junit:  reports/junit.xml").
export function printWrittenReports(
  written: WrittenReports,
  recordPath: string,
  context: CommandContext,
): void {
  for (const warning of written.warnings)
    context.stderr.write(`warning: ${escapeControl(warning)}\n`);
  const lines = [`record: ${recordPath}`];
  for (const file of written.files) lines.push(`${`${file.label}:`.padEnd(7)} ${file.path}`);
  context.stdout.write(`${escapeControl(lines.join("\n"))}\n`);
}

// Why the reports are missing, that the record is kept, and how to render them again.
export function printReportsNotWritten(
  error: unknown,
  recordPath: string,
  context: CommandContext,
): void {
  context.stderr.write(
    `xpo: reports not written: ${formatError(error)}\n  the record is kept: ${escapeControl(recordPath)}\n  render them again with: npx xpo report ${escapeControl(recordPath)}\n`,
  );
}
