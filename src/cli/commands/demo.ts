// `xpo demo [--out DIR]`: start the simulated XPO bench in-process (free ports, fast virtual
// clock), run the live procedure on a simulated module whose datasheet is a bundled fixture,
// add the datasheet suite over fixtures/datasheets/pass to the same record, write reports.
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { refuseResumableRecord } from "../../live/keep-open-record.js";
import { createRunEnd } from "../../live/live-record.js";
import type { LiveResult } from "../../live/run-live.js";
import { XpoError } from "../../model/errors.js";
import { addCounts } from "../../model/outcome.js";
import { loadProfile } from "../../profile/load-profile.js";
import { RecordWriter } from "../../run/record-writer.js";
import { type BenchFile, loadBenchFile, startSimBench } from "../../sim/index.js";
import { displayPath } from "../../station/load-station.js";
import { demoBenchFile, demoDatasheet, writeSimStation } from "../../station/sim-station.js";
import { makeDirectory } from "../../util/make-directory.js";
import { repoRoot } from "../../util/repo-root.js";
import { appendDatasheetSubjects } from "../../validate/run-validate.js";
import type { CommandContext } from "../context.js";
import { parseOutDir } from "../options.js";
import { writeRunReports } from "../reports.js";
import { printLiveSummary, runLiveGuarded } from "./run.js";

interface DemoFlags {
  out: string;
  speed: string;
  progress: boolean;
  bench?: string;
}

export const DEMO_DUT = "SIM-0001";

// After a completed live run, add the datasheet suite over fixtures/datasheets/pass to the same
// record and end it with counts over both; a tripped or interrupted run is left as it is.
function appendDatasheets(live: LiveResult): { result: LiveResult; files: number } {
  if (live.ended || live.trip !== undefined) return { result: live, files: 0 };
  const writer = new RecordWriter(live.recordPath, { append: true });
  try {
    const folder = join(repoRoot, "fixtures", "datasheets", "pass");
    const done = appendDatasheetSubjects(writer, {
      inputs: [displayPath(folder)],
      profile: loadProfile(),
    });
    const counts = addCounts(live.counts, done.counts);
    const end = createRunEnd(counts, done.inputErrors.length, false, live.warnings + done.warnings);
    writer.append(end);
    const warnings = live.warnings + done.warnings;
    const result = { ...live, counts, warnings, exitCode: end.exitCode, ended: true };
    return { result, files: done.files };
  } finally {
    writer.close();
  }
}

export function register(program: Command, context: CommandContext): void {
  program
    .command("demo")
    .description(
      "run the live suite on a simulated bench and the datasheet suite on the bundled fixtures",
    )
    .option(
      "-o, --out <dir>",
      "folder for run.jsonl, junit.xml, report.html",
      parseOutDir,
      "reports",
    )
    .option("--speed <x>", "simulated seconds per real second", "50")
    .option("--no-progress", "plain log lines even on a terminal")
    .option(
      "--bench <file>",
      "a bench file (fixtures/benches/*.yaml): which instrument dialects the simulated bench speaks",
    )
    .action(async (flags: DemoFlags) => {
      const speed = Number(flags.speed);
      if (!Number.isFinite(speed) || speed <= 0)
        throw new XpoError(
          "XPO_USAGE",
          `--speed ${JSON.stringify(flags.speed)} must be a number > 0`,
        );
      const started = Date.now();
      const out = context.stdout;
      const benchFile: BenchFile | undefined =
        flags.bench === undefined ? undefined : loadBenchFile(flags.bench);
      refuseResumableRecord(flags.out);
      makeDirectory(flags.out);
      const bench = await startSimBench({
        configFile: demoBenchFile,
        portBase: 0,
        speed,
        ...(benchFile ? { config: benchFile.sim, roles: benchFile.roles } : {}),
      });
      try {
        const stationFile = writeSimStation(bench, flags.out, {
          ...benchFile?.station,
          omitRoles: benchFile?.omitRoles ?? [],
        });
        const dialects = benchFile ? ` speaking bench "${benchFile.name}"` : "";
        out.write(
          `xpo demo: simulated XPO bench started (${bench.instruments.length} instruments on 127.0.0.1${dialects}, clock x${speed})\n` +
            `  station ${displayPath(stationFile)}; DUT ${DEMO_DUT} with datasheet ${displayPath(demoDatasheet)}\n`,
        );
        const live = await runLiveGuarded(
          {
            stationFile,
            dut: DEMO_DUT,
            outDir: flags.out,
            kind: "demo",
            argv: ["demo", ...process.argv.slice(3)],
            moreSubjects: true,
          },
          context,
          flags.progress,
        );
        const { result, files } = appendDatasheets(live);
        const state = bench.state();
        printLiveSummary(result, context);
        out.write(
          `  live + ${files} datasheets (fixtures/datasheets/pass) in one record; simulated supply output is ${state.supply.output ? "ON" : "off"}\n`,
        );
        const reports = await writeRunReports(result.recordPath, flags.out, context);
        out.write(
          `done in ${((Date.now() - started) / 1000).toFixed(1)} s. Open the report: ${pathToFileURL(resolve(flags.out, "report.html")).href}\n`,
        );
        context.exitCode = reports ? result.exitCode : 2;
      } finally {
        await bench.stop();
      }
    });
}
