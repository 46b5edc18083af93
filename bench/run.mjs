// `npm run bench`: benchmarks against peers, side by side in the same run (issue 6). Prints
// medians and ratios as a Markdown table for docs/performance.md. Loopback only; every step
// stops by itself. Flags: --quick (fewer files and runs),
// --only=startup,datasheets,scpi,serial,reports,merge,demo,cmis,floor
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createConnection } from "node:net";
import { cpus, freemem, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cmisBench } from "./lib/cmis.mjs";
import { generateDatasheets } from "./lib/datasheets.mjs";
import { floorBench } from "./lib/floor.mjs";
import { benchBuild, fmt, importBuilt, median, repoRoot, timeProcess } from "./lib/util.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const wants = (name) => !only || only.includes(name);
const rows = [];
const row = (bench, measure, value, peer, ratio, goal, met) => {
  rows.push({ bench, measure, value, peer, ratio, goal, met });
  console.error(
    `  ${bench} | ${measure}: ${value}${peer ? ` vs ${peer}` : ""}${ratio ? ` ratio ${ratio}` : ""}${goal ? ` (goal ${goal}: ${met ? "met" : "MISSED"})` : ""}`,
  );
};
const scratch = mkdtempSync(join(tmpdir(), "xpo-bench-"));
// The bench's own cache folder (V8's code for the CLI, compiled lab profiles): the first `xpo`
// run fills it, as a user's first run does, whatever the user's own cache holds.
process.env.XPO_CACHE_DIR = join(scratch, "cache");
const node = process.execPath;

if (!existsSync(join(repoRoot, "dist/cli/main.js"))) {
  console.error("bench: run `npm run build` first (the benchmarks time the built `xpo` command)");
  process.exit(2);
}
// The modules measured in-process come from the bench's own compile of the current source.
const compiled = spawnSync(
  node,
  [
    join(repoRoot, "node_modules/typescript/bin/tsc"),
    "-p",
    "tsconfig.build.json",
    "--outDir",
    benchBuild,
  ],
  { cwd: repoRoot, stdio: "inherit" },
);
if (compiled.status !== 0) process.exit(2);

// `xpo validate DIR` into a fresh OUT as a timed process; exit 1 (a limit failed) is fine.
async function xpoValidate(dir, out, extra = []) {
  rmSync(out, { recursive: true, force: true });
  const args = ["bin/xpo.js", "validate", dir, "--out", out, "--no-progress", ...extra];
  const result = await timeProcess(node, args);
  if (result.code !== 0 && result.code !== 1)
    throw new Error(`xpo ${args.slice(1).join(" ")} exited ${result.code}: ${result.stderr}`);
  return result;
}

// Median wall times of two commands run alternately, and the median of the per-run ratios a/b.
async function alternate(runs, a, b) {
  const times = { a: [], b: [], ratios: [] };
  for (let i = 0; i < runs; i++) {
    const x = await timeProcess(...a);
    const y = await timeProcess(...b);
    times.a.push(x.ms);
    times.b.push(y.ms);
    times.ratios.push(x.ms / y.ms);
  }
  return { a: median(times.a), b: median(times.b), ratio: median(times.ratios) };
}

// 0. Start-up (issue 15): `xpo --version` and `xpo --help` against a bare `node -e 0`.
async function startup() {
  const runs = quick ? 5 : 9;
  const floor = [node, ["-e", "0"], { measureMemory: false }];
  for (const flag of ["--version", "--help"]) {
    const r = await alternate(runs, [node, ["bin/xpo.js", flag], { measureMemory: false }], floor);
    row(
      `xpo ${flag}`,
      `wall ms (median of ${runs})`,
      fmt.ms(r.a),
      `node -e 0 ${fmt.ms(r.b)}`,
      fmt.ratio(r.ratio),
      "ratio <= 2.0",
      r.ratio <= 2.0,
    );
  }
}

// 1. Datasheet gating: xpo validate (whole process, with reports) vs ajv-cli (no reports).
async function datasheets() {
  const ajv = join(repoRoot, "node_modules/.bin/ajv");
  const ajvArgs = (dir) => [
    "validate",
    "-c",
    "./schemas/ajv-keywords.cjs",
    "-s",
    "schemas/xpo/public-2026-11/xpo.schema.json",
    "-d",
    `${dir}/*.yaml`,
  ];
  const sizes = quick
    ? [[1000, 3]]
    : [
        [1000, 5],
        [10000, 3],
      ];
  const rss = {};
  const wall = {};
  // One datasheet (the usual pull request): start-up and schema compilation dominate.
  {
    const one = join(repoRoot, "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml");
    const out = join(scratch, "out-1");
    const xpo = [];
    const ratios = [];
    const peer = [];
    const uncached = [];
    const uncachedRatios = [];
    const args = ["bin/xpo.js", "validate", one, "--out", out];
    // A ratio near its goal, from short runs: more rounds than the longer rows.
    const rounds = quick ? 5 : 11;
    for (let i = 0; i < rounds; i++) {
      const a = await timeProcess(node, args);
      const b = await timeProcess(
        ajv,
        ajvArgs(one).map((x) => (x.endsWith("*.yaml") ? one : x)),
      );
      const c = await timeProcess(node, args, { env: { XPO_CODE_CACHE: "off" } });
      xpo.push(a.ms);
      peer.push(b.ms);
      ratios.push(a.ms / b.ms);
      uncached.push(c.ms);
      uncachedRatios.push(c.ms / b.ms);
    }
    // The second row is the first run after an install or a build: every chunk compiled from source.
    for (const [name, times, runRatios, goal] of [
      ["validate 1", xpo, ratios, true],
      ["validate 1, no code cache (XPO_CODE_CACHE=off)", uncached, uncachedRatios, false],
    ]) {
      const ratio = median(runRatios);
      row(
        name,
        `wall ms (median of ${rounds})`,
        fmt.ms(median(times)),
        `ajv-cli ${fmt.ms(median(peer))}`,
        fmt.ratio(ratio),
        goal ? "ratio <= 0.5" : "",
        goal ? ratio <= 0.5 : undefined,
      );
    }
    await labProfile(one, out);
  }
  for (const [count, runs] of sizes) {
    const { dir } = generateDatasheets(count, join(scratch, `ds-${count}`));
    const out = join(scratch, `out-${count}`);
    const xpo = [];
    const peer = [];
    const ratios = [];
    const xpoRss = [];
    for (let i = 0; i < runs; i++) {
      const a = await xpoValidate(dir, out);
      const b = await timeProcess(ajv, ajvArgs(dir));
      if (!/valid/.test(b.stdout + b.stderr))
        throw new Error(`ajv-cli failed: ${b.stderr.slice(0, 500)}`);
      xpo.push(a.ms);
      peer.push(b.ms);
      ratios.push(a.ms / b.ms);
      xpoRss.push(a.maxRssKiB);
    }
    rss[count] = median(xpoRss);
    wall[count] = median(xpo);
    const ratio = median(ratios);
    row(
      `validate ${count}`,
      `wall ms (median of ${runs})`,
      fmt.ms(median(xpo)),
      `ajv-cli ${fmt.ms(median(peer))}`,
      fmt.ratio(ratio),
      count === 1000 ? "ratio <= 1.0" : "",
      count === 1000 ? ratio <= 1.0 : undefined,
    );
    const junit = statSync(join(out, "junit.xml")).size;
    const html = statSync(join(out, "report.html")).size;
    const record = statSync(join(out, "run.jsonl")).size;
    row(`validate ${count}`, "peak RSS MB", fmt.mb(rss[count] * 1024), "", "", "", undefined);
    row(
      `validate ${count}`,
      "sizes MB (run.jsonl / junit.xml / report.html)",
      `${fmt.mb(record)} / ${fmt.mb(junit)} / ${fmt.mb(html)}`,
      "",
      "",
      count === 1000 ? "junit < GitLab 30 MB" : "",
      count === 1000 ? junit < 30e6 : undefined,
    );
    if (count === 10000) {
      const [ready, complete] = await openInChromium(join(out, "report.html"), 3, [
        "html[data-ready=true]",
        "html[data-complete=true]",
      ]);
      row(
        `validate ${count}`,
        "report.html in Chromium: ms until shown with its filters working (median of 3)",
        fmt.ms(median(ready)),
        "",
        "",
        "<= 1000 ms",
        median(ready) <= 1000,
      );
      row(
        `validate ${count}`,
        "report.html in Chromium: ms until every row is unpacked (median of 3)",
        fmt.ms(median(complete)),
        "",
        "",
        "",
        undefined,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
  if (rss[10000]) {
    const time = wall[10000] / wall[1000];
    const memory = rss[10000] / rss[1000];
    row("validate", "wall 10,000 / 1,000", fmt.ratio(time), "", "", "<= 10.5", time <= 10.5);
    row("validate", "peak RSS 10,000 / 1,000", fmt.ratio(memory), "", "", "<= 1.5", memory <= 1.5);
  }
}

// A lab's own profile (a copy of the bundled one, one bound moved): the first run compiles its
// limits with ajv, later runs read the compiled code from the cache (XPO_CACHE_DIR).
async function labProfile(datasheet, out) {
  const base = join(repoRoot, "schemas/xpo/public-2026-11");
  const lab = join(scratch, "lab-profile");
  cpSync(base, lab, { recursive: true });
  const power = join(lab, "power.schema.json");
  writeFileSync(power, readFileSync(power, "utf8").replace('"maximum": 480', '"maximum": 481'));
  const cache = join(scratch, "lab-cache");
  const args = ["bin/xpo.js", "validate", datasheet, "--profile", lab, "--out", out];
  const compiled = [];
  const cached = [];
  // Each round empties the compiled profiles only: the CLI's code cache (code/, in the same
  // folder) stays warm from an unmeasured first run, so the rows differ by the profile alone.
  rmSync(cache, { recursive: true, force: true });
  await timeProcess(node, args, { env: { XPO_CACHE_DIR: cache } });
  for (let i = 0; i < 5; i++) {
    for (const name of readdirSync(cache))
      if (name.startsWith("validators-")) rmSync(join(cache, name), { force: true });
    compiled.push((await timeProcess(node, args, { env: { XPO_CACHE_DIR: cache } })).ms);
    cached.push((await timeProcess(node, args, { env: { XPO_CACHE_DIR: cache } })).ms);
  }
  row(
    "validate 1, a lab's own profile",
    "wall ms (median of 5): second run (cached) vs first (compiled)",
    fmt.ms(median(cached)),
    `first run ${fmt.ms(median(compiled))}`,
    fmt.ratio(median(cached) / median(compiled)),
    "",
    undefined,
  );
}

// Open a page in headless Chromium `runs` times; for each selector, the ms from navigation until
// it is there (one list per selector, waited for in order).
async function openInChromium(path, runs, selectors) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const loads = selectors.map(() => []);
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      const started = performance.now();
      await page.goto(pathToFileURL(path).href, { waitUntil: "load", timeout: 30_000 });
      for (const [k, selector] of selectors.entries()) {
        await page.waitForSelector(selector, { timeout: 30_000 });
        loads[k].push(performance.now() - started);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return loads;
}

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// A query loop over a bare socket: the floor for any SCPI client.
function bareLoop(port, count, command) {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.setNoDelay(true);
    let left = count + 1;
    let started = 0n;
    let pending = "";
    const send = () => socket.write(`${command}\n`);
    socket.on("connect", send);
    socket.on("error", reject);
    socket.on("data", (chunk) => {
      pending += chunk;
      let nl = pending.indexOf("\n");
      while (nl !== -1) {
        pending = pending.slice(nl + 1);
        left--;
        if (left === count) started = process.hrtime.bigint();
        if (left === 0) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          socket.destroy();
          return resolve(ms);
        }
        send();
        nl = pending.indexOf("\n");
      }
    });
  });
}

async function startSim(pty, baud) {
  const flags = [...(pty ? ["--pty"] : []), ...(baud ? ["--baud", String(baud)] : [])];
  const child = spawn(
    node,
    ["--import", "tsx", join(repoRoot, "bench/lib/sim-server.mjs"), ...flags],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const line = await new Promise((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (c) => {
      text += c;
      if (text.includes("\n")) resolve(text.split("\n")[0]);
    });
    child.on("exit", (code) => reject(new Error(`simulator exited ${code}`)));
  });
  const supply = JSON.parse(line).find((i) => i.role === "supply");
  return { supply, stop: () => child.stdin.end() };
}

// errorCheck: "each" (the session's default) checks SYST:ERR? in the same round trip as every
// query (`MEAS:VOLT?;:SYST:ERR?`); "off" sends the bare query.
async function xpoLoop(resource, count, command, errorCheck = "each") {
  const { openSession } = await importBuilt("scpi/index.js");
  const session = await openSession(resource, { timeoutMs: 5000, errorCheck });
  await session.query(command);
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await session.query(command);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await session.close();
  return ms;
}

// pyvisa-py in its own process; mode "plain" = query(command), "checked" = query(command) then
// query("SYST:ERR?") per reading, as a pyvisa user checks errors. Returns ms, or undefined.
async function pyvisaLoop(port, count, command, mode) {
  const py = await timeProcess(
    "/usr/bin/python3",
    [join(repoRoot, "bench/lib/pyvisa-loop.py"), String(port), String(count), command, mode],
    { measureMemory: false },
  );
  if (py.code !== 0) {
    console.error(`  pyvisa-py unavailable: ${py.stderr.trim().split("\n").at(-1)}`);
    return undefined;
  }
  return Number(py.stdout.trim()) * 1000;
}

// 2. SCPI over TCP, same simulator process, loops alternated within each run (order rotated per
// run): (a) bare socket, (b) xpo default (error queue checked per query, one round trip),
// (c) xpo errorCheck "off", (d) pyvisa-py plain query, (e) pyvisa-py query + SYST:ERR? query,
// and (a2) the bare socket sending what (b) sends, `MEAS:VOLT?;:SYST:ERR?` (the floor for b).
// Ratios are of rates, taken per run, then the median over runs.
async function scpiTcp() {
  const sim = await startSim(false);
  const command = "MEAS:VOLT?";
  const count = quick ? 1000 : 3000;
  const runs = quick ? 3 : 11;
  const { port, resource } = sim.supply;
  const loops = {
    bare: () => bareLoop(port, count, command),
    bareChecked: () => bareLoop(port, count, `${command};:SYST:ERR?`),
    each: () => xpoLoop(resource, count, command, "each"),
    off: () => xpoLoop(resource, count, command, "off"),
    py: () => pyvisaLoop(port, count, command, "plain"),
    pyChecked: () => pyvisaLoop(port, count, command, "checked"),
  };
  let names = Object.keys(loops);
  if (!existsSync("/usr/bin/python3")) names = names.filter((n) => !n.startsWith("py"));
  const rate = Object.fromEntries(Object.keys(loops).map((n) => [n, []]));
  const ratios = {
    eachVsBare: [],
    offVsBare: [],
    eachVsPyChecked: [],
    offVsPy: [],
    eachVsBareChecked: [],
  };
  try {
    for (let i = 0; i < runs; i++) {
      const ms = {};
      const order = names.map((_, k) => names[(k + i) % names.length]);
      for (const name of order) {
        if (!names.includes(name)) continue;
        const taken = await loops[name]();
        if (taken === undefined) {
          names = names.filter((n) => !n.startsWith("py"));
          continue;
        }
        ms[name] = taken;
        rate[name].push((count / taken) * 1000);
      }
      // rate ratio x/y = ms_y / ms_x
      const ratio = (x, y) => (ms[x] && ms[y] ? ms[y] / ms[x] : undefined);
      const pairs = [
        ["eachVsBare", "each", "bare"],
        ["offVsBare", "off", "bare"],
        ["eachVsPyChecked", "each", "pyChecked"],
        ["offVsPy", "off", "py"],
        ["eachVsBareChecked", "each", "bareChecked"],
      ];
      for (const [key, x, y] of pairs) {
        const r = ratio(x, y);
        if (r !== undefined) ratios[key].push(r);
      }
    }
  } finally {
    sim.stop();
  }
  const r = (v) => `${Math.round(median(v))}/s`;
  const label = {
    bare: "(a) bare net.Socket loop",
    bareChecked: "(a2) bare net.Socket loop sending MEAS:VOLT?;:SYST:ERR?",
    each: "(b) xpo default: SYST:ERR? per query, one round trip",
    off: '(c) xpo errorCheck: "off"',
    py: "(d) pyvisa-py query()",
    pyChecked: '(e) pyvisa-py query() + query("SYST:ERR?")',
  };
  const n = `median of ${runs} runs x ${count}`;
  for (const name of Object.keys(loops))
    if (rate[name].length)
      row(
        `SCPI TCP ${label[name]}`,
        `${command} readings/s (${n})`,
        r(rate[name]),
        "",
        "",
        "",
        undefined,
      );
  const tag = (name) => /^\(\w+\)/.exec(label[name])?.[0] ?? name;
  // One row per ratio: xpo's rate, the peer's rate, the median of the per-run rate ratios.
  const ratioRow = (key, xpo, peer, goal, min) => {
    if (!ratios[key].length) return;
    const m = median(ratios[key]);
    row(
      `SCPI TCP ${tag(xpo)}/${tag(peer)}`,
      `${command} readings/s, rate ratio`,
      `${label[xpo]}: ${r(rate[xpo])}`,
      `${label[peer]}: ${r(rate[peer])}`,
      fmt.ratio(m),
      goal,
      min === undefined ? undefined : m >= min,
    );
  };
  // The issue's goals: the default session against the bare loop sending the same bytes (a2),
  // and errorCheck off against the bare loop (a). (b)/(a) is shown for what the check costs.
  ratioRow("eachVsBare", "each", "bare", "", undefined);
  ratioRow("offVsBare", "off", "bare", ">= 0.9 of bare", 0.9);
  ratioRow("eachVsPyChecked", "each", "pyChecked", ">= 1.5x pyvisa-py (like for like)", 1.5);
  ratioRow("offVsPy", "off", "py", ">= 1.5x pyvisa-py", 1.5);
  ratioRow("eachVsBareChecked", "each", "bareChecked", ">= 0.9 of bare, same bytes", 0.9);
}

// 3. SCPI over the pty with the simulator pacing the line at 115200 baud (10 bit times per
// byte each way, as a UART does): the floor is the bytes of one checked query and its reply on
// the wire, `MEAS:VOLT?;:SYST:ERR?` out and `<reading>;0,"No error"` back.
async function serial() {
  const baud = 115200;
  const sim = await startSim(true, baud);
  const command = "MEAS:VOLT?";
  const count = quick ? 100 : 300;
  try {
    const { serialResource } = sim.supply;
    if (!serialResource) throw new Error("no pty (socat missing?)");
    const { openSession } = await importBuilt("scpi/index.js");
    const session = await openSession(serialResource, { timeoutMs: 5000, errorCheck: "off" });
    const sent = `${command};:SYST:ERR?`;
    const reply = await session.query(sent);
    await session.close();
    const bytes = sent.length + 1 + String(reply).length + 1;
    const floorMs = (bytes * 10 * 1000) / baud;
    const times = [];
    for (let i = 0; i < 3; i++) times.push(await xpoLoop(serialResource, count, command));
    const perQuery = median(times) / count;
    row(
      `SCPI serial (pty paced at ${baud} baud)`,
      `${command} ms per checked query`,
      perQuery.toFixed(3),
      `line time ${floorMs.toFixed(3)} (${bytes} bytes x 10 bits)`,
      fmt.ratio(floorMs / perQuery),
      ">= 0.85 of line time",
      floorMs / perQuery >= 0.85,
    );
  } finally {
    sim.stop();
  }
}

// 4. Reports from a synthetic live record: 1,000,000 readings + 64-lane measurements.
async function reports() {
  const { writeRecord } = await import(
    pathToFileURL(join(repoRoot, "test/support/synthetic-record.ts")).href
  );
  const { createSyntheticLiveRecord } = await import(
    pathToFileURL(join(repoRoot, "test/support/synthetic-live-record.ts")).href
  );
  const recordPath = join(scratch, "live.jsonl");
  await writeRecord(
    createSyntheticLiveRecord({ readings: quick ? 200_000 : 1_000_000 }),
    recordPath,
  );
  const out = join(scratch, "live-out");
  const render = [];
  const rss = [];
  for (let i = 0; i < (quick ? 2 : 3); i++) {
    const r = await timeProcess(node, [
      "--import",
      "tsx",
      join(repoRoot, "bench/lib/report-child.mjs"),
      recordPath,
      out,
    ]);
    if (r.code !== 0) throw new Error(`report render failed: ${r.stderr.slice(0, 800)}`);
    render.push(JSON.parse(r.stdout.trim().split("\n").at(-1)).renderMs);
    rss.push(r.maxRssKiB);
  }
  const html = statSync(join(out, "report.html")).size;
  const readings = quick ? "200k" : "1M";
  row(
    `report ${readings} readings`,
    "render ms (load + junit + html)",
    fmt.ms(median(render)),
    "",
    "",
    "<= 2000 ms",
    median(render) <= 2000,
  );
  row(
    `report ${readings} readings`,
    "peak RSS MB",
    fmt.mb(median(rss) * 1024),
    `record ${fmt.mb(statSync(recordPath).size)} MB`,
    "",
    "",
    undefined,
  );
  row(
    `report ${readings} readings`,
    "report.html MB",
    fmt.mb(html),
    "",
    "",
    "<= 5 MB",
    html <= 5e6,
  );
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const loads = [];
  try {
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage();
      const started = performance.now();
      await page.goto(pathToFileURL(join(out, "report.html")).href, {
        waitUntil: "load",
        timeout: 30_000,
      });
      // Wait until the page's own scripts have run (two animation frames after load).
      await page.evaluate(
        () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
      );
      loads.push(performance.now() - started);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  row(
    `report ${readings} readings`,
    "Chromium load ms (load + 2 frames)",
    fmt.ms(median(loads)),
    "",
    "",
    "<= 1000 ms",
    median(loads) <= 1000,
  );
}

// 5. Merging shards: 100 records of 100 datasheets (one 10,000-datasheet run split by subject,
// as `xpo validate --shard k/100` would) vs rendering the 10,000-datasheet record itself.
async function merge() {
  const { writeRecord } = await import(
    pathToFileURL(join(repoRoot, "test/support/synthetic-record.ts")).href
  );
  const { createSyntheticValidateRecord } = await import(
    pathToFileURL(join(repoRoot, "test/support/synthetic-validate-record.ts")).href
  );
  const [shards, per] = quick ? [20, 100] : [100, 100];
  const lines = createSyntheticValidateRecord({ datasheets: shards * per, seed: 17 });
  const whole = join(scratch, "merge-whole.jsonl");
  await writeRecord(lines, whole);
  const start = lines[0];
  const end = lines.at(-1);
  const order = [];
  const bySubject = new Map();
  for (const line of lines.slice(1, -1)) {
    if (!bySubject.has(line.subjectId)) {
      bySubject.set(line.subjectId, []);
      order.push(line.subjectId);
    }
    bySubject.get(line.subjectId).push(line);
  }
  const records = [];
  for (let k = 0; k < shards; k++) {
    const part = [{ ...start, shard: { index: k + 1, count: shards } }];
    const counts = { pass: 0, fail: 0, marginal: 0, "not-applicable": 0, error: 0 };
    let inputErrors = 0;
    for (const id of order.slice(k * per, (k + 1) * per))
      for (const line of bySubject.get(id)) {
        part.push(line);
        if (line.type === "verdict") counts[line.outcome] += 1;
        if (line.type === "input-error") inputErrors += 1;
      }
    part.push({ ...end, counts, inputErrors });
    const path = join(scratch, "merge-shards", `shard-${k + 1}-of-${shards}`, "run.jsonl");
    mkdirSync(join(path, ".."), { recursive: true });
    await writeRecord(part, path);
    records.push(path);
  }
  const runs = quick ? 2 : 3;
  const time = async (script, args) => {
    const ms = [];
    const rss = [];
    for (let i = 0; i < runs; i++) {
      const r = await timeProcess(node, ["--import", "tsx", join(repoRoot, script), ...args]);
      if (r.code !== 0) throw new Error(`${script} failed: ${r.stderr.slice(0, 800)}`);
      ms.push(JSON.parse(r.stdout.trim().split("\n").at(-1)).renderMs);
      rss.push(r.maxRssKiB);
    }
    return { ms: median(ms), rss: median(rss) };
  };
  const one = await time("bench/lib/report-child.mjs", [whole, join(scratch, "merge-one-out")]);
  const merged = await time("bench/lib/merge-child.mjs", [join(scratch, "merge-out"), ...records]);
  const label = `merge ${shards}x${per}`;
  const ratio = merged.ms / one.ms;
  row(
    label,
    `merge ms (median of ${runs}; scan + load + junit + html)`,
    fmt.ms(merged.ms),
    `render 1x${shards * per} ${fmt.ms(one.ms)}`,
    fmt.ratio(ratio),
    "ratio <= 1.2",
    ratio <= 1.2,
  );
  row(
    label,
    "peak RSS MB",
    fmt.mb(merged.rss * 1024),
    `render 1x${shards * per} ${fmt.mb(one.rss * 1024)}`,
    fmt.ratio(merged.rss / one.rss),
    "ratio <= 1.0",
    merged.rss <= one.rss,
  );
}

// 6. xpo demo end to end.
async function demo() {
  const source = readFileSync(join(repoRoot, "src/cli/commands/demo.ts"), "utf8");
  if (/Placeholder until the command lands/.test(source)) {
    row(
      "xpo demo",
      "end to end",
      "skipped: `xpo demo` is still a placeholder",
      "",
      "",
      "about 60 s",
      undefined,
    );
    return;
  }
  const out = join(scratch, "demo");
  const r = await timeProcess(node, ["bin/xpo.js", "demo", "--out", out], { timeoutMs: 300_000 });
  row(
    "xpo demo",
    `end to end ms (exit ${r.code})`,
    fmt.ms(r.ms),
    "",
    "",
    "<= ~60 s",
    r.ms <= 65_000,
  );
}

const cmis = () => cmisBench({ row, quick, scratch, node });
const floor = () => floorBench({ row, quick, node });
const steps = { startup, datasheets, scpi: scpiTcp, serial, reports, merge, demo, cmis, floor };
const started = Date.now();
try {
  for (const [name, step] of Object.entries(steps)) {
    if (!wants(name)) continue;
    console.error(`bench: ${name}...`);
    try {
      await step();
    } catch (error) {
      row(name, "error", String(error.message ?? error).split("\n")[0], "", "", "", false);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const cell = (v) => (v === undefined || v === "" ? "" : String(v).replace(/\|/g, "\\|"));
console.log(
  `Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), Node ${process.version}, ${new Date().toISOString()}; \`npm run bench${quick ? " -- --quick" : ""}\` took ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
);
console.log("| Benchmark | Measure | xpo | Peer | Ratio | Goal | Met |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows)
  console.log(
    `| ${cell(r.bench)} | ${cell(r.measure)} | ${cell(r.value)} | ${cell(r.peer)} | ${cell(r.ratio)} | ${cell(r.goal)} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`,
  );
