// `node --import test/support/module-log.mjs ...`: logs every module the process loads to the
// file named by XPO_MODULE_LOG, one per line: ESM imports through the hooks in
// module-log-hooks.mjs, CommonJS require() calls (packages requiring their parts, createRequire)
// by wrapping Module.prototype.require.
import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";

register("./module-log-hooks.mjs", import.meta.url);

const log = process.env.XPO_MODULE_LOG;
const original = Module.prototype.require;
Module.prototype.require = function require(id, ...rest) {
  const exports = original.call(this, id, ...rest);
  if (log) {
    try {
      appendFileSync(log, `${Module._resolveFilename(id, this)}\n`);
    } catch {
      appendFileSync(log, `${id}\n`);
    }
  }
  return exports;
};
