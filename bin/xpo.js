#!/usr/bin/env node
// Entry point for `npx xpo`: runs the compiled CLI (built by `npm ci` through the prepare script).
import { main } from "../dist/cli/main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`xpo: internal error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
