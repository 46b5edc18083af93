// The registry of report formats (`xpo validate`, `xpo run`, `xpo report`, `xpo demo`), by name,
// in the order they are written. A new format is one file exporting a CreateReporter (see
// reporter.ts, and examples/custom-reporter.ts) plus one line here. `--reporter NAME` picks
// among them; the default stays junit.xml and report.html, plus the GitHub annotations when
// GITHUB_ACTIONS=true.
import { XpoError } from "../model/errors.js";
import { createCtrfReporter } from "./ctrf-reporter.js";
import { createGithubReporter } from "./github-reporter.js";
import { createGitlabReporter } from "./gitlab-reporter.js";
import { createHtmlReporter } from "./html-reporter.js";
import { createJunitReporter } from "./junit-reporter.js";
import type { CreateReporter, Reporter } from "./reporter.js";
import { createSarifReporter } from "./sarif-reporter.js";

/** Every built-in format by its --reporter name. */
export const NAMED_REPORTERS: Readonly<Record<string, CreateReporter>> = {
  junit: createJunitReporter, // junit.xml
  html: createHtmlReporter, // report.html
  sarif: createSarifReporter, // report.sarif
  ctrf: createCtrfReporter, // ctrf.json
  github: createGithubReporter, // workflow annotations and $GITHUB_STEP_SUMMARY
  gitlab: createGitlabReporter, // gl-code-quality-report.json
};

/** The built-in formats written by default. */
export const REPORTERS: readonly CreateReporter[] = [createJunitReporter, createHtmlReporter];

// The formats for names given with --reporter (none: the defaults, plus github under GitHub
// Actions); an unknown name is XPO_USAGE naming the choices.
export function selectReporters(
  names: readonly string[] | undefined,
  env: NodeJS.ProcessEnv = process.env,
): CreateReporter[] {
  const chosen =
    names && names.length > 0
      ? [...new Set(names)]
      : ["junit", "html", ...(env.GITHUB_ACTIONS === "true" ? ["github"] : [])];
  return chosen.map((name) => {
    const create = NAMED_REPORTERS[name];
    if (!create)
      throw new XpoError(
        "XPO_USAGE",
        `unknown reporter "${name}": choose from ${Object.keys(NAMED_REPORTERS).join(", ")}`,
      );
    return create;
  });
}

// Fresh reporters for one run writing into outDir (default: the built-in formats).
export function createReporters(
  outDir: string,
  entries: readonly CreateReporter[] = REPORTERS,
): Reporter[] {
  return entries.map((create) => create(outDir));
}
