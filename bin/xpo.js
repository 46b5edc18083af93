#!/usr/bin/env node
// Entry point for `npx xpo`: runs the compiled CLI (built by `npm ci` through the prepare script)
// from its bundle (scripts/bundle-cli.mjs): the same modules as dist/cli/main.js, in fewer files,
// compiled with V8's code from earlier runs where there is some (src/cli/code-cache.ts).
// CommonJS (bin/package.json), so that a run that loads no ES module never starts Node's ES
// module loader (about 10 ms).
"use strict";

require("../dist/bundle/code-cache.cjs").enableCodeCache();
const { main } = require("../dist/bundle/xpo.cjs");

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`xpo: internal error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
