// Module customization hooks (node:module register) that append the URL of every module Node
// loads through the ESM loader, one per line, to the file named by XPO_MODULE_LOG. Used by
// test/support/module-log.ts to see what a command imports, not how long it takes.
import { appendFileSync } from "node:fs";

export async function load(url, context, nextLoad) {
  if (process.env.XPO_MODULE_LOG) appendFileSync(process.env.XPO_MODULE_LOG, `${url}\n`);
  return nextLoad(url, context);
}
