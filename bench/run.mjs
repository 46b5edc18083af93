// `npm run bench`: benchmarks against peers, side by side in the same run (issue 6). Prints
// medians and ratios as a Markdown table for docs/performance.md. Loopback only; every step
// stops by itself. Flags: --quick (fewer files and runs), --only=datasheets,scpi,serial,reports,demo
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createConnection } from "node:net";
import { cpus, freemem, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generateDatasheets } from "./lib/datasheets.mjs";
import { fmt, median, repoRoot, timeProcess } from "./lib/util.mjs";

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
const node = process.execPath;

if (!existsSync(join(repoRoot, "dist/cli/main.js"))) {
  console.error("bench: run `npm run build` first (the benchmarks use dist/)");
  process.exit(2);
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
    "-r",
    "schemas/datasheet.schema.json",
    "-r",
    "schemas/xpo/public-2026-11/[mepco]*.schema.json",
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
  for (const [count, runs] of sizes) {
    const { dir } = generateDatasheets(count, join(scratch, `ds-${count}`));
    const out = join(scratch, `out-${count}`);
    const xpo = [];
    const peer = [];
    const ratios = [];
    const xpoRss = [];
    for (let i = 0; i < runs; i++) {
      rmSync(out, { recursive: true, force: true });
      const a = await timeProcess(node, [
        "bin/xpo.js",
        "validate",
        dir,
        "--out",
        out,
        "--no-progress",
      ]);
      if (a.code !== 0 && a.code !== 1)
        throw new Error(`xpo validate exited ${a.code}: ${a.stderr}`);
      const b = await timeProcess(ajv, ajvArgs(dir));
      if (!/valid/.test(b.stdout + b.stderr))
        throw new Error(`ajv-cli failed: ${b.stderr.slice(0, 500)}`);
      xpo.push(a.ms);
      peer.push(b.ms);
      ratios.push(a.ms / b.ms);
      xpoRss.push(a.maxRssKiB);
    }
    rss[count] = median(xpoRss);
    const ratio = median(ratios);
    row(
      `validate ${count}`,
      "wall ms (median)",
      fmt.ms(median(xpo)),
      `ajv-cli ${fmt.ms(median(peer))}`,
      fmt.ratio(ratio),
      count === 1000 ? "ratio <= 1.0" : "about 3 s",
      count === 1000 ? ratio <= 1.0 : median(xpo) <= 3500,
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
    rmSync(dir, { recursive: true, force: true });
  }
  if (rss[10000])
    row(
      "validate",
      "peak RSS 10,000 / 1,000",
      fmt.ratio(rss[10000] / rss[1000]),
      "",
      "",
      "no growth beyond the report",
      undefined,
    );
}

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

async function startSim(pty) {
  const child = spawn(
    node,
    [join(repoRoot, "bench/lib/sim-server.mjs"), ...(pty ? ["--pty"] : [])],
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

// checkErrors: the session's default reads SYST:ERR? after every command (two round trips).
async function xpoLoop(resource, count, command, checkErrors = true) {
  const { openSession } = await import(pathToFileURL(join(repoRoot, "dist/scpi/index.js")).href);
  const session = await openSession(resource, { timeoutMs: 5000, checkErrors });
  await session.query(command);
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await session.query(command);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await session.close();
  return ms;
}

// 2. SCPI over TCP: xpo ScpiSession vs a bare socket loop vs pyvisa-py, same server.
async function scpiTcp() {
  const sim = await startSim(false);
  const command = "MEAS:VOLT?";
  const count = quick ? 1000 : 3000;
  const runs = quick ? 3 : 5;
  const { port, resource } = sim.supply;
  const rate = { xpo: [], raw: [], bare: [], py: [] };
  const vsBare = [];
  const rawVsBare = [];
  const rawVsPy = [];
  const vsPy = [];
  let pyOk = existsSync("/usr/bin/python3");
  try {
    for (let i = 0; i < runs; i++) {
      const bare = await bareLoop(port, count, command);
      const xpo = await xpoLoop(resource, count, command);
      const raw = await xpoLoop(resource, count, command, false);
      rate.bare.push((count / bare) * 1000);
      rate.xpo.push((count / xpo) * 1000);
      rate.raw.push((count / raw) * 1000);
      vsBare.push(bare / xpo);
      rawVsBare.push(bare / raw);
      if (pyOk) {
        const py = await timeProcess(
          "/usr/bin/python3",
          [join(repoRoot, "bench/lib/pyvisa-loop.py"), String(port), String(count), command],
          { measureMemory: false },
        );
        if (py.code !== 0) {
          pyOk = false;
          console.error(`  pyvisa-py unavailable: ${py.stderr.trim().split("\n").at(-1)}`);
        } else {
          const ms = Number(py.stdout.trim()) * 1000;
          rate.py.push((count / ms) * 1000);
          vsPy.push(ms / xpo);
          rawVsPy.push(ms / raw);
        }
      }
    }
  } finally {
    sim.stop();
  }
  const r = (v) => `${Math.round(median(v))}/s`;
  const def = "SCPI TCP (default: SYST:ERR? after each)";
  const raw = "SCPI TCP (checkErrors: false)";
  row(
    def,
    `${command} queries/s`,
    r(rate.xpo),
    `bare ${r(rate.bare)}`,
    fmt.ratio(median(vsBare)),
    ">= 0.9 of bare",
    median(vsBare) >= 0.9,
  );
  if (vsPy.length)
    row(
      def,
      `${command} queries/s`,
      r(rate.xpo),
      `pyvisa-py ${r(rate.py)}`,
      fmt.ratio(median(vsPy)),
      ">= 1.5x pyvisa-py",
      median(vsPy) >= 1.5,
    );
  row(
    raw,
    `${command} queries/s`,
    r(rate.raw),
    `bare ${r(rate.bare)}`,
    fmt.ratio(median(rawVsBare)),
    ">= 0.9 of bare",
    median(rawVsBare) >= 0.9,
  );
  if (rawVsPy.length)
    row(
      raw,
      `${command} queries/s`,
      r(rate.raw),
      `pyvisa-py ${r(rate.py)}`,
      fmt.ratio(median(rawVsPy)),
      ">= 1.5x pyvisa-py",
      median(rawVsPy) >= 1.5,
    );
}

// 3. SCPI over the pty at 115200 baud vs the line-rate floor (10 bits per byte = 86.8 us).
async function serial() {
  const sim = await startSim(true);
  const command = "MEAS:VOLT?";
  const count = quick ? 100 : 300;
  try {
    const { serialResource } = sim.supply;
    if (!serialResource) throw new Error("no pty (socat missing?)");
    const { openSession } = await import(pathToFileURL(join(repoRoot, "dist/scpi/index.js")).href);
    const session = await openSession(`${serialResource.replace(/::INSTR$/, "")}::INSTR`, {
      timeoutMs: 5000,
    });
    const reply = await session.query(command);
    await session.close();
    const bytes = command.length + 1 + String(reply).length + 1;
    const floorMs = bytes * 0.0868;
    const times = [];
    for (let i = 0; i < 3; i++) times.push(await xpoLoop(serialResource, count, command));
    const perQuery = median(times) / count;
    row(
      "SCPI serial (pty, 115200)",
      `${command} ms per query`,
      perQuery.toFixed(3),
      `line-rate floor ${floorMs.toFixed(3)} (${bytes} bytes)`,
      fmt.ratio(floorMs / perQuery),
      ">= 0.85 of floor",
      floorMs / perQuery >= 0.85,
    );
  } finally {
    sim.stop();
  }
}

// 4. Reports from a synthetic live record: 1,000,000 readings + 64-lane measurements.
async function reports() {
  const { createSyntheticLiveRecord, writeRecord } = await import(
    pathToFileURL(join(repoRoot, "dist/report/testing/synthetic-record.js")).href
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

// 5. xpo demo end to end.
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

const steps = { datasheets, scpi: scpiTcp, serial, reports, demo };
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
