// `xpo report <records...> [--out DIR] [--status]`: render the reports (junit.xml, report.html,
// every registered format) again from a run record, or merge many records (files, folders
// searched for run.jsonl, quoted globs) into one set of reports: the shards of a CI matrix, the
// positions of a lab.
// It is a renderer: exit 0 when every report was written, whatever the verdicts; 2 when a
// record cannot be read. With --status it exits with the verdict instead (0 / 1 / 2, as the
// run would), which is what a merge job gates on.
import { dirname, relative, resolve, sep } from "node:path";
import type { Command } from "commander";
import { formatError, XpoError } from "../../model/errors.js";
import { escapeControl } from "../../model/terminal-text.js";
import { loadBaseline } from "../../report/baseline.js";
import { loadRecord } from "../../report/load-record.js";
import { expandRecordInputs } from "../../report/merge-inputs.js";
import { mergeRecords } from "../../report/merge-records.js";
import { NAMED_REPORTERS, REPORTERS, selectReporters } from "../../report/reporters.js";
import { type WrittenReports, writeReports } from "../../report/write-reports.js";
import type { CommandContext } from "../context.js";
import { createReporterOption, parseOutDir } from "../options.js";

interface ReportFlags {
  out?: string;
  status?: boolean;
  reporter?: string[];
  baseline?: string;
}

export function register(program: Command, context: CommandContext): void {
  program
    .command("report")
    .description(
      "render junit.xml and report.html from run records (run.jsonl); many merge into one",
    )
    .argument(
      "<records...>",
      'run records written by xpo validate or xpo run, folders holding them, or a quoted glob ("reports/*/run.jsonl")',
    )
    .option(
      "-o, --out <dir>",
      "folder to write the reports into (default: the record's folder; for many, the folder that holds them all)",
      parseOutDir,
    )
    .option("--status", "exit with the verdict (0 pass, 1 a limit failed, 2 could not check)")
    .addOption(createReporterOption(Object.keys(NAMED_REPORTERS)))
    .option("--baseline <record>", "an earlier run.jsonl: mark findings new, unchanged or fixed")
    .addHelpText(
      "after",
      "\nExit code: 0 when every report was written (whatever the verdicts), 2 when a record cannot be read.\nWith --status: the verdict of the record(s), as one run would give it; a merge exits 2 when a record did not finish or the records used different profiles.",
    )
    .action(async (records: string[], flags: ReportFlags) => {
      try {
        const started = performance.now();
        const { paths, collected } = await expandRecordInputs(records);
        // One record named as a file renders as itself; from a folder or glob it is a batch.
        const single = paths.length === 1 && !collected;
        const outDir = flags.out ?? defaultOutDir(paths, single);
        // Without --reporter: junit.xml and report.html (no annotations when re-rendering).
        const reporters = flags.reporter ? selectReporters(flags.reporter) : REPORTERS;
        const baseline = flags.baseline ? await loadBaseline(flags.baseline) : undefined;
        let written: WrittenReports;
        let status: number;
        if (single) {
          const path = paths[0] as string;
          written = await writeReports(path, outDir, reporters, baseline);
          status = flags.status ? await recordStatus(path) : 0;
        } else {
          const merged = await mergeRecords(paths, outDir, reporters);
          written = merged.written;
          status = merged.exitCode;
          const { counts: c, inputErrors } = merged;
          context.stderr.write(
            `merged ${paths.length} record(s): ${c.pass} passed, ${c.fail} failed, ${c.marginal} marginal, ${c["not-applicable"]} not applicable, ${c.error} errors; ${inputErrors} input error(s); exit code ${status}\n`,
          );
        }
        for (const warning of written.warnings)
          context.stderr.write(`xpo report: warning: ${escapeControl(warning)}\n`);
        const ms = Math.round(performance.now() - started);
        for (const file of written.files)
          context.stdout.write(`${escapeControl(show(file.path))}\n`);
        if (context.stdout.isTTY) context.stdout.write(`rendered in ${ms} ms\n`);
        context.exitCode = flags.status ? status : 0;
      } catch (error) {
        context.stderr.write(`xpo report: ${formatError(error)}\n`);
        context.exitCode = 2;
      }
    });
}

// One record: its folder. Many: the deepest folder holding them all, unless that is one of the
// records' own folders (its reports would be replaced by the merged ones): then --out is needed.
function defaultOutDir(paths: readonly string[], single: boolean): string {
  const folders = paths.map((p) => resolve(dirname(p)));
  if (single) return dirname(paths[0] as string);
  let common = folders[0] as string;
  for (const folder of folders)
    while (folder !== common && !folder.startsWith(common.endsWith(sep) ? common : common + sep))
      common = dirname(common);
  if (folders.includes(common))
    throw new XpoError("XPO_USAGE", "the records' common folder holds a record of its own", {
      file: show(common),
      remedy:
        "Its reports would be replaced by the merged ones: name the merged reports' folder with --out.",
    });
  return show(common) || ".";
}

// The record's own verdict: its run-end exit code, 2 when it did not finish.
async function recordStatus(path: string): Promise<number> {
  const run = await loadRecord(path);
  return run.end?.exitCode ?? 2;
}

function show(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || rel === "" ? path : rel;
}
