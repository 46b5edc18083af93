import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../util/repo-root.js";
import { errorCatalog, formatError, XpoError } from "./errors.js";
import { renderErrorsDoc } from "./errors-doc.js";

it("docs/errors.md lists the current error catalogue", () => {
  const path = join(repoRoot, "docs", "errors.md");
  if (process.env.XPO_UPDATE_DOCS === "1") writeFileSync(path, renderErrorsDoc());
  expect(
    readFileSync(path, "utf8"),
    "docs/errors.md is stale: run XPO_UPDATE_DOCS=1 npx vitest run src/model/errors-doc.test.ts",
  ).toBe(renderErrorsDoc());
});

it("formats an error with its location, code and remedy, never a stack", () => {
  const error = new XpoError("XPO_YAML_SYNTAX", "malformed YAML: bad indent", {
    file: "a.yaml",
    line: 3,
    column: 7,
  });
  expect(formatError(error)).toBe(
    `a.yaml:3:7: malformed YAML: bad indent [XPO_YAML_SYNTAX]\n  fix: ${errorCatalog.XPO_YAML_SYNTAX}`,
  );
  expect(formatError(new TypeError("x is undefined"))).toMatch(
    /^internal error: x is undefined\n {2}fix: /,
  );
});
