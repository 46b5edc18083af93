// The registry of report formats every run writes (`xpo validate`, `xpo run`, `xpo report`,
// `xpo demo`), in the order they are written. A new format is one file exporting a
// CreateReporter (see reporter.ts, and examples/custom-reporter.ts) plus one line here.
import { createHtmlReporter } from "./html-reporter.js";
import { createJunitReporter } from "./junit-reporter.js";
import type { CreateReporter, Reporter } from "./reporter.js";

/** The built-in formats. */
export const REPORTERS: readonly CreateReporter[] = [
  createJunitReporter, // junit.xml
  createHtmlReporter, // report.html
];

// Fresh reporters for one run writing into outDir (default: the built-in formats).
export function createReporters(
  outDir: string,
  entries: readonly CreateReporter[] = REPORTERS,
): Reporter[] {
  return entries.map((create) => create(outDir));
}
