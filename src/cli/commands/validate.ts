// `xpo validate <files|folders...>`: check datasheets against a profile, write run.jsonl,
// junit.xml and report.html into --out, print a summary, exit 0 / 1 / 2.
import { createRequire } from "node:module";
import { join } from "node:path";
import type cliProgress from "cli-progress";
import { type Command, InvalidArgumentError } from "commander";
import { listCmisLimits } from "../../cmis/limits.js";
import { formatValue } from "../../model/bound.js";
import { formatError, formatLocation } from "../../model/errors.js";
import { assumedSuffix, type Severity } from "../../model/limit.js";
import { FAIL_ON_LEVELS } from "../../model/outcome.js";
import { escapeControl } from "../../model/terminal-text.js";
import { hintsOf, laneSuffix } from "../../model/verdict.js";
import { defaultProfileId, loadProfile, type Profile } from "../../profile/load-profile.js";
import { NAMED_REPORTERS, selectReporters } from "../../report/reporters.js";
import type { ValidateResult } from "../../validate/run-validate.js";
import { parseShard, type Shard, shardFolder } from "../../validate/shard.js";
import { runValidateWithReports } from "../../validate/validate-with-reports.js";
import type { CommandContext } from "../context.js";
import { createFailOnOption, createReporterOption, parseOutDir } from "../options.js";
import { printReportsNotWritten, printWrittenReports } from "../reports.js";

// cli-progress and its terminal-width helpers, required only when a bar is shown.
function progressBars(): typeof cliProgress {
  return createRequire(import.meta.url)("cli-progress") as typeof cliProgress;
}

interface ValidateFlags {
  profile: string;
  out: string;
  progress: boolean;
  failOn: Severity;
  reporter?: string[];
  baseline?: string;
  cmis?: string;
  shard?: Shard;
}

// --shard i/n: a usage error (exit 2) unless 1 <= i <= n.
function shardOption(value: string): Shard {
  const shard = parseShard(value);
  if (typeof shard === "string") throw new InvalidArgumentError(shard);
  return shard;
}

/** Files above which a terminal shows a progress bar. */
const PROGRESS_MIN_FILES = 20;
/** Notable verdicts printed before the summary points at the report instead. */
const MAX_SUMMARY_LINES = 200;

// Print one line per failing / marginal / error limit and per input error, then the totals.
export function printSummary(
  result: ValidateResult,
  profile: Profile,
  context: CommandContext,
): void {
  const out = context.stdout;
  const catalogue = [...profile.limits.map((limit) => limit.info), ...listCmisLimits(profile)];
  const limits = new Map(catalogue.map((info) => [info.id, info]));
  const lines: string[] = [];
  for (const error of result.inputErrors) lines.push(`ERROR    ${formatError(error)}`);
  for (const verdict of result.notable) {
    const info = limits.get(verdict.limitId);
    const where = verdict.evidence ? formatLocation(verdict.evidence) : verdict.file;
    const unit = verdict.unit ? ` ${verdict.unit}` : "";
    const label = (verdict.warning ? "WARNING" : verdict.outcome.toUpperCase()).padEnd(8);
    const severity = verdict.warning ? `, ${info?.severity ?? "?"}` : "";
    // A yes/no check (an agreement, "= true") says what disagreed in its reason, not its value.
    const yesNo = info !== undefined && /^= (true|false)$/.test(info.boundText);
    const what =
      yesNo && verdict.reason !== undefined
        ? verdict.reason
        : `observed ${formatValue(verdict.observed)}${unit} vs ${info?.boundText ?? "?"}`;
    lines.push(
      `${label} ${where}  ${verdict.limitId} ${info?.title ?? ""}${laneSuffix(verdict)}: ${what} (${info?.source ?? "?"}${severity})${assumedSuffix(info)}${hintsOf(
        yesNo ? undefined : verdict.reason,
      )
        .map((hint) => `; ${hint}`)
        .join("")}`,
    );
  }
  for (const line of lines.slice(0, MAX_SUMMARY_LINES)) out.write(`${escapeControl(line)}\n`);
  if (lines.length > MAX_SUMMARY_LINES)
    out.write(`... ${lines.length - MAX_SUMMARY_LINES} more lines: see the report\n`);
  out.write(`${describeTotals(result)}\n`);
}

// "3 datasheet(s): 40 passed, 1 failed, ...; 0 input error(s); 1 warning(s) (failed
// recommended/informative limits, not gating: --fail-on mandatory)": failures that gate and
// warnings counted apart, so the exit code reads off it.
export function describeTotals(result: ValidateResult): string {
  const c = result.counts;
  const failed = c.fail - result.warnings;
  const below = FAIL_ON_LEVELS.slice(FAIL_ON_LEVELS.indexOf(result.failOn) + 1).join("/");
  const warned =
    result.warnings > 0
      ? `; ${result.warnings} warning(s) (failed ${below} limits, not gating: --fail-on ${result.failOn})`
      : "";
  const badFiles = new Set(result.inputErrors.map((error) => error.location.file)).size;
  const inFiles = badFiles ? ` in ${badFiles} file(s)` : "";
  return `${result.files} datasheet(s): ${c.pass} passed, ${failed} failed, ${c.marginal} marginal, ${c["not-applicable"]} not applicable, ${c.error} errors; ${result.inputErrors.length} input error(s)${inFiles}${warned}`;
}

export function register(program: Command, context: CommandContext): void {
  program
    .command("validate")
    .description("check XPO datasheets (YAML/JSON files or folders) against the MSA limits")
    .argument("<paths...>", "datasheet files or folders (searched for *.yaml, *.yml, *.json)")
    .option("-p, --profile <id|path>", "limit profile id or folder", defaultProfileId())
    .option(
      "-o, --out <dir>",
      "folder for run.jsonl, junit.xml and report.html",
      parseOutDir,
      "reports",
    )
    .addOption(createFailOnOption())
    .addOption(createReporterOption(Object.keys(NAMED_REPORTERS)))
    .option(
      "--baseline <record>",
      "an earlier run.jsonl: mark each finding new, unchanged or fixed (SARIF, GitHub summary, HTML)",
    )
    .option("--no-progress", "never show a progress bar")
    .option("--cmis <input>", "also check this module's CMIS memory dump against each datasheet")
    .option(
      "--shard <i/n>",
      "check only share i of n of the datasheets (same split on every machine); writes into --out/shard-i-of-n/",
      shardOption,
    )
    .action(async (paths: string[], flags: ValidateFlags) => {
      const profile = loadProfile(flags.profile);
      // Loaded only with --baseline: reading a record pulls in the record schema's compiler.
      const baseline = flags.baseline
        ? await (await import("../../report/baseline.js")).loadBaseline(flags.baseline)
        : undefined;
      const { shard } = flags;
      const outDir = shard ? join(flags.out, shardFolder(shard)) : flags.out;
      const showBar = flags.progress && context.stderr.isTTY === true;
      // Only a terminal gets a bar: CI logs and hooks never load the bar's modules.
      const bars = showBar ? progressBars() : undefined;
      let bar: cliProgress.SingleBar | undefined;
      let lastPlain = 0;
      const validated = await runValidateWithReports({
        inputs: paths,
        profile,
        outDir,
        failOn: flags.failOn,
        reporters: selectReporters(flags.reporter),
        ...(baseline ? { baseline } : {}),
        ...(shard ? { shard } : {}),
        argv: ["validate", ...process.argv.slice(3)],
        ...(flags.cmis === undefined ? {} : { cmis: flags.cmis }),
        onProgress: (done, total) => {
          if (total < PROGRESS_MIN_FILES) return;
          if (bars) {
            bar ??= new bars.SingleBar(
              {
                format: "checking {bar} {value}/{total} datasheets",
                stream: context.stderr as NodeJS.WriteStream,
              },
              bars.Presets.shades_classic,
            );
            if (done === 1) bar.start(total, 0);
            bar.update(done);
            if (done === total) bar.stop();
          } else if (done === total || done - lastPlain >= Math.ceil(total / 10)) {
            lastPlain = done;
            context.stderr.write(`checked ${done}/${total} datasheets\n`);
          }
        },
      });
      const { result } = validated;
      printSummary(result, profile, context);
      if (shard)
        context.stdout.write(
          `shard ${shard.index}/${shard.count}: its share of the inputs only; once every shard is done, merge them: npx xpo report ${escapeControl(flags.out)} --status\n`,
        );
      if (validated.written) printWrittenReports(validated.written, result.recordPath, context);
      else printReportsNotWritten(validated.reportError, result.recordPath, context);
      context.exitCode = validated.written ? result.exitCode : 2;
    });
}
