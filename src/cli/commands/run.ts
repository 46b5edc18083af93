// `xpo run --station station.yaml --dut SN1234 --out reports/ [--resume run.jsonl]`: run the
// live XPO procedure on one module. The supply output goes off on any breach, instrument
// error, Ctrl-C, SIGTERM or crash, and the reason is recorded. Exit 0 pass, 1 fail, 2 error.
import { dirname } from "node:path";
import type { Command } from "commander";
import { createLiveProgress } from "../../live/progress.js";
import { readPreviousRun } from "../../live/resume.js";
import { type LiveOptions, type LiveResult, runLive } from "../../live/run-live.js";
import type { SafetyTrip } from "../../live/safety.js";
import { liveSteps } from "../../live/steps/index.js";
import { formatError, isXpoError, XpoError } from "../../model/errors.js";
import { escapeControl } from "../../model/terminal-text.js";
import type { CommandContext } from "../context.js";
import { parseOutDir } from "../options.js";
import { writeRunReports } from "../reports.js";

interface RunFlags {
  station?: string;
  dut?: string;
  out?: string;
  resume?: string;
  profile?: string;
  progress: boolean;
}

// Run the live procedure with the process's signals and crashes wired to the safety controller.
export async function runLiveGuarded(
  options: Omit<LiveOptions, "signal" | "listener" | "onStep">,
  context: CommandContext,
  showProgress: boolean,
): Promise<LiveResult> {
  const controller = new AbortController();
  /** Whether the record says the output is confirmed off (so a second signal is told the truth). */
  let confirmedOff = false;
  const interrupt = (trip: SafetyTrip) => {
    if (controller.signal.aborted) {
      context.stderr.write(
        confirmedOff
          ? "xpo: the supply output is confirmed off; finishing the record, please wait\n"
          : "xpo: still switching the supply output off, please wait\n",
      );
      return;
    }
    controller.abort(trip);
  };
  const onSignal = (signal: NodeJS.Signals) =>
    interrupt({ kind: "interrupted", message: `${signal} received`, final: false });
  const onCrash = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    context.stderr.write(`xpo: uncaught exception: ${message}; switching the supply output off\n`);
    interrupt({ kind: "exception", message: `uncaught exception: ${message}`, final: false });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  const progress = createLiveProgress(
    context.stdout,
    options.dut,
    liveSteps.length,
    showProgress ? {} : { tty: false },
  );
  try {
    return await runLive({
      ...options,
      signal: controller.signal,
      listener: {
        ...progress.listener,
        event: (event) => {
          if (event.kind === "output-off") confirmedOff = event.data?.confirmed === true;
          progress.listener.event?.(event);
        },
      },
      onStep: progress.onStep,
    });
  } finally {
    progress.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
  }
}

// Print the outcome of a live run: counts, a trip and its reason, how to resume.
export function printLiveSummary(result: LiveResult, context: CommandContext): void {
  const c = result.counts;
  const out = context.stdout;
  out.write(
    `verdicts: ${c.pass} passed, ${c.fail - result.warnings} failed, ${c.marginal} marginal, ${c["not-applicable"]} not applicable, ${c.error} errors; ${result.warnings} warning(s) (failed limits below mandatory, not failing)\n`,
  );
  if (result.trip)
    out.write(
      `${result.trip.kind === "interrupted" ? "interrupted" : "SAFETY TRIP"} (${result.trip.kind}): ${escapeControl(result.trip.message)}\n`,
    );
  out.write(
    result.outputOff
      ? "supply output: off (confirmed)\n"
      : "supply output: NOT confirmed off - check the bench\n",
  );
  if (!result.ended)
    out.write(`the record is open: continue with  npx xpo run --resume ${result.recordPath}\n`);
}

// Print each problem found before power-on.
export function printPreflight(error: unknown, context: CommandContext): boolean {
  if (!isXpoError(error) || error.problems.length === 0) return false;
  const problems = error.problems;
  context.stderr.write(
    `xpo: ${problems.length} problem(s) found before anything was switched on:\n`,
  );
  for (const problem of problems) context.stderr.write(`  ${formatError(problem)}\n`);
  return true;
}

export function register(program: Command, context: CommandContext): void {
  program
    .command("run")
    .description("run the live XPO procedure on a module with the instruments of a station file")
    .option("-s, --station <file>", "station file (instruments, safety settings, DUT datasheet)")
    .option("-d, --dut <id>", "the module's serial number or id")
    .option("-o, --out <dir>", "folder for run.jsonl, junit.xml and report.html", parseOutDir)
    .option("-r, --resume <run.jsonl>", "continue an interrupted run from its last completed step")
    .option("-p, --profile <id|path>", "limit profile (default: the station's, else the newest)")
    .option("--no-progress", "plain log lines even on a terminal")
    .action(async (flags: RunFlags) => {
      let station = flags.station;
      let dut = flags.dut;
      if (flags.resume) {
        const previous = readPreviousRun(flags.resume);
        station ??= previous.start.live?.stationFile;
        dut ??= previous.start.live?.dut;
      }
      if (station === undefined || dut === undefined)
        throw new XpoError(
          "XPO_USAGE",
          "xpo run needs --station <file> and --dut <id> (or --resume <run.jsonl>)",
        );
      const outDir = flags.out ?? (flags.resume ? dirname(flags.resume) : "reports");
      let result: LiveResult;
      try {
        result = await runLiveGuarded(
          {
            stationFile: station,
            dut,
            outDir,
            ...(flags.resume ? { resume: flags.resume } : {}),
            ...(flags.profile ? { profile: flags.profile } : {}),
            argv: ["run", ...process.argv.slice(3)],
          },
          context,
          flags.progress,
        );
      } catch (error) {
        if (printPreflight(error, context)) {
          context.exitCode = 2;
          return;
        }
        throw error;
      }
      printLiveSummary(result, context);
      const reports = await writeRunReports(result.recordPath, outDir, context);
      context.exitCode = reports ? result.exitCode : 2;
    });
}
