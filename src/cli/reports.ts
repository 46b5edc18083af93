// Render junit.xml and report.html from a run record after a run, and print where they are.
import { formatError } from "../errors.js";
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
    const written = await writeReports(recordPath, outDir);
    for (const warning of written.warnings) context.stderr.write(`warning: ${warning}\n`);
    context.stdout.write(
      `record: ${recordPath}\njunit:  ${written.junitPath}\nreport: ${written.htmlPath}\n`,
    );
    return true;
  } catch (error) {
    context.stderr.write(
      `xpo: reports not written: ${formatError(error)}\n  the record is kept: ${recordPath}\n`,
    );
    return false;
  }
}
