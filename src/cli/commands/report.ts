// `xpo report <run.jsonl> [--out DIR]`: render the reports (junit.xml, report.html, ...) again
// from a run record.
// It is a renderer: exit 0 when every report was written, whatever the verdicts; 2 when the record
// cannot be read. Gate CI on the exit code of `xpo validate` / `xpo run`, not on this one.
import { dirname, relative } from "node:path";
import type { Command } from "commander";
import { formatError } from "../../model/errors.js";
import { escapeControl } from "../../model/terminal-text.js";
import { loadBaseline } from "../../report/baseline.js";
import { NAMED_REPORTERS, REPORTERS, selectReporters } from "../../report/reporters.js";
import { writeReports } from "../../report/write-reports.js";
import type { CommandContext } from "../context.js";
import { createReporterOption, parseOutDir } from "../options.js";

interface ReportFlags {
  out?: string;
  reporter?: string[];
  baseline?: string;
}

export function register(program: Command, context: CommandContext): void {
  program
    .command("report")
    .description("render junit.xml and report.html from a run record (run.jsonl)")
    .argument("<record>", "run record written by xpo validate or xpo run, e.g. reports/run.jsonl")
    .option(
      "-o, --out <dir>",
      "folder to write junit.xml and report.html into (default: the record's folder)",
      parseOutDir,
    )
    .addOption(createReporterOption(Object.keys(NAMED_REPORTERS)))
    .option("--baseline <record>", "an earlier run.jsonl: mark findings new, unchanged or fixed")
    .addHelpText(
      "after",
      "\nExit code: 0 when both reports were written (whatever the verdicts), 2 when the record cannot be read.\nThe verdict is in the reports and in the exit code of the run that wrote the record.",
    )
    .action(async (record: string, options: ReportFlags) => {
      const outDir = options.out ?? dirname(record);
      try {
        const started = performance.now();
        const baseline = options.baseline ? await loadBaseline(options.baseline) : undefined;
        // Without --reporter: junit.xml and report.html (no annotations when re-rendering).
        const reporters = options.reporter ? selectReporters(options.reporter) : REPORTERS;
        const written = await writeReports(record, outDir, reporters, baseline);
        for (const warning of written.warnings)
          context.stderr.write(`xpo report: warning: ${escapeControl(warning)}\n`);
        const ms = Math.round(performance.now() - started);
        for (const file of written.files)
          context.stdout.write(`${escapeControl(show(file.path))}\n`);
        if (context.stdout.isTTY) context.stdout.write(`rendered in ${ms} ms\n`);
        context.exitCode = 0;
      } catch (error) {
        context.stderr.write(`xpo report: ${formatError(error)}\n`);
        context.exitCode = 2;
      }
    });
}

function show(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || rel === "" ? path : rel;
}
