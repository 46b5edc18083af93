// Render docs/errors.md from the error catalogue, so the page never drifts from the code.
import { errorCatalog } from "./errors.js";

// Render the errors page as Markdown.
export function renderErrorsDoc(): string {
  const rows = Object.entries(errorCatalog).map(
    ([code, remedy]) => `| \`${code}\` | ${remedy.replace(/\|/g, "\\|")} |`,
  );
  return [
    "# Errors",
    "",
    "Generated from `src/model/errors.ts` by `src/model/errors-doc.test.ts` (run it with `XPO_UPDATE_DOCS=1` to rewrite this page).",
    "",
    "Every error the harness reports names where it happened (file:line:column, or instrument and command),",
    "says what went wrong, and ends with a `fix:` line. Errors mean the harness could not do its job: exit code 2,",
    "outcome `error`. A limit that is not met is never an error: it is a `fail` verdict (exit code 1).",
    "",
    "| code | what to do |",
    "| --- | --- |",
    ...rows,
    "",
  ].join("\n");
}
