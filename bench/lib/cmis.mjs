// CMIS benchmark (issue 13): decode and check a full 8-bank image in-process (goal <= 10 ms),
// beside checking one datasheet in-process; and `xpo cmis decode` of one image as a process,
// beside `xpo validate` of one datasheet (goal: no slower).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fmt, importBuilt, median, repoRoot, timeProcess } from "./util.mjs";

const image = "fixtures/cmis/good/acme-xpo-dr8-lpo.bin";
const datasheet = "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml";

// Median ms of `runs` calls of fn after `warm` unmeasured ones.
function timeCalls(fn, runs, warm = 20) {
  for (let i = 0; i < warm; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

export async function cmisBench({ row, quick, scratch, node }) {
  const { loadProfile } = await importBuilt("profile/load-profile.js");
  const { loadMemoryMap } = await importBuilt("cmis/map.js");
  const { readLinearImage } = await importBuilt("cmis/linear.js");
  const { checkCmisImage } = await importBuilt("cmis/check-module.js");
  const { checkDatasheetText } = await importBuilt("validate/check-file.js");
  const { parse } = await import("yaml");
  const profile = loadProfile("public-2026-11");
  const map = loadMemoryMap(profile.dir);
  const bytes = new Uint8Array(readFileSync(join(repoRoot, image)));
  const text = readFileSync(join(repoRoot, datasheet), "utf8");
  const document = parse(text);
  const runs = quick ? 100 : 500;
  const cmis = timeCalls(() => {
    const decoded = readLinearImage(bytes, image, map);
    checkCmisImage(decoded, { profile, file: image, datasheet: document });
  }, runs);
  const sheet = timeCalls(() => checkDatasheetText(datasheet, text, profile), runs);
  row(
    "cmis in-process",
    "read + decode + check an 8-bank image, median ms",
    fmt.ms(cmis),
    `check one datasheet ${fmt.ms(sheet)} ms`,
    fmt.ratio(cmis / sheet),
    "<= 10 ms",
    cmis <= 10,
  );
  const count = quick ? 3 : 7;
  const decodeMs = [];
  const validateMs = [];
  for (let i = 0; i < count; i++) {
    const d = await timeProcess(node, ["bin/xpo.js", "cmis", "decode", image]);
    if (d.code !== 0) throw new Error(`xpo cmis decode exited ${d.code}: ${d.stderr}`);
    decodeMs.push(d.ms);
    const out = join(scratch, `cmis-validate-${i}`);
    const v = await timeProcess(node, [
      "bin/xpo.js",
      "validate",
      datasheet,
      "--out",
      out,
      "--no-progress",
    ]);
    if (v.code !== 0) throw new Error(`xpo validate exited ${v.code}: ${v.stderr}`);
    validateMs.push(v.ms);
  }
  const ratio = median(decodeMs) / median(validateMs);
  row(
    "xpo cmis decode",
    "one image, process wall ms (median)",
    fmt.ms(median(decodeMs)),
    `xpo validate one datasheet ${fmt.ms(median(validateMs))} ms`,
    fmt.ratio(ratio),
    "ratio <= 1",
    ratio <= 1,
  );
}
