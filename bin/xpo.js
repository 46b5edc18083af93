#!/usr/bin/env node
// Entry point for `npx xpo`: runs the compiled CLI (built by `npm ci` through the prepare script)
// from its bundle (scripts/bundle-cli.mjs): the same modules as dist/cli/main.js, in fewer files.
import { createRequire } from "node:module";

const { main } = createRequire(import.meta.url)("../dist/bundle/xpo.cjs");

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`xpo: internal error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
