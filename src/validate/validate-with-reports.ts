// `xpo validate` with its reports: every registered reporter gets each datasheet as soon as it
// is checked (no second read of the record). A report problem (e.g. a full disk) stops the
// reports, never the check or the record.
import type { Baseline } from "../report/baseline.js";
import type { CreateReporter } from "../report/reporter.js";
import { REPORTERS } from "../report/reporters.js";
import { ReportStream, type WrittenReports } from "../report/write-reports.js";
import { runValidate, type ValidateOptions, type ValidateResult } from "./run-validate.js";

export interface ValidateWithReportsOptions extends ValidateOptions {
  /** Report formats to write into outDir (default: the registry's, junit.xml and report.html). */
  reporters?: readonly CreateReporter[];
  /** `--baseline`: an earlier run's findings, for the reports to mark new, unchanged, fixed. */
  baseline?: Baseline;
}

export type ValidatedWithReports =
  | { result: ValidateResult; written: WrittenReports }
  | { result: ValidateResult; written?: undefined; reportError: unknown };

// Validate datasheets into outDir/run.jsonl and write the reports beside it as the run goes.
export async function runValidateWithReports(
  options: ValidateWithReportsOptions,
): Promise<ValidatedWithReports> {
  const { reporters = REPORTERS, baseline, ...validate } = options;
  let stream: ReportStream | undefined;
  let reportError: unknown;
  const guard = (step: () => void): void => {
    if (reportError !== undefined) return;
    try {
      step();
    } catch (error) {
      reportError = error;
      stream?.abort();
      stream = undefined;
    }
  };
  let result: ValidateResult;
  try {
    result = await runValidate({
      ...validate,
      onStart: (start) => {
        guard(() => {
          const limits = new Map(start.limits.map((limit) => [limit.id, limit]));
          stream = new ReportStream(
            options.outDir,
            { start, limits, incomplete: false, baseline },
            reporters,
          );
        });
        options.onStart?.(start);
      },
      onSubject: (subject) => {
        guard(() => stream?.addSubject(subject));
        options.onSubject?.(subject);
      },
    });
  } catch (error) {
    stream?.abort();
    throw error;
  }
  if (stream && reportError === undefined) {
    try {
      await stream.prepare();
    } catch (error) {
      reportError = error;
      stream.abort();
      stream = undefined;
    }
  }
  let written: WrittenReports | undefined;
  guard(() => {
    written = stream?.finish({ end: result.end });
  });
  return written ? { result, written } : { result, reportError };
}
