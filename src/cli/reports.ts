// Render junit.xml and report.html from a run record after a run, and print where they are.
import { formatError } from "../model/errors.js";
import type { CommandContext } from "./context.js";

// Write the reports of a finished run; false (and a message) when they could not be written.
export async function writeRunReports(
  recordPath: string,
  outDir: string,
  context: CommandContext,
): Promise<boolean> {
  try {
    // Loaded lazily: rendering is the last step and most of its code is not needed before.
    const reportModule = "../report/write-reports.js";
    const { writeReports } = (await import(reportModule)) as {
      writeReports: (
        record: string,
        out: string,
      ) => Promise<{ junitPath: string; htmlPath: string; warnings: string[] }>;
    };
    printWrittenReports(await writeReports(recordPath, outDir), recordPath, context);
    return true;
  } catch (error) {
    printReportsNotWritten(error, recordPath, context);
    return false;
  }
}

// Warnings, then where the record and both reports are.
export function printWrittenReports(
  written: { junitPath: string; htmlPath: string; warnings: string[] },
  recordPath: string,
  context: CommandContext,
): void {
  for (const warning of written.warnings) context.stderr.write(`warning: ${warning}\n`);
  context.stdout.write(
    `record: ${recordPath}\njunit:  ${written.junitPath}\nreport: ${written.htmlPath}\n`,
  );
}

export function printReportsNotWritten(
  error: unknown,
  recordPath: string,
  context: CommandContext,
): void {
  context.stderr.write(
    `xpo: reports not written: ${formatError(error)}\n  the record is kept: ${recordPath}\n  render them again with: npx xpo report ${recordPath}\n`,
  );
}
