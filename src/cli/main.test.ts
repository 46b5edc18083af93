// Start-up loads only what a command needs (issue 15): the module list of real processes, not a
// timing. Also: the help list main.ts prints from its table is the one the command modules
// register.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { xpoModules } from "../../test/support/module-log.js";
import type { CommandContext } from "./context.js";
import { COMMANDS, createProgram } from "./main.js";

const built = existsSync(new URL("../../dist/cli/main.js", import.meta.url));
const fixture = "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml";

function quietContext(): CommandContext {
  const sink = { write: () => true } as unknown as CommandContext["stdout"];
  return { exitCode: 0, stdout: sink, stderr: sink };
}

describe("the command table", () => {
  it("gives each command the usage and description its module registers", async () => {
    const context = quietContext();
    const program = createProgram(context);
    for (const entry of Object.values(COMMANDS)) (await entry.load()).register(program, context);
    for (const command of program.commands) {
      const entry = COMMANDS[command.name()];
      expect(entry, command.name()).toBeDefined();
      const term = new Command().createHelp().subcommandTerm(command);
      expect([command.name(), entry?.usage].filter(Boolean).join(" ")).toBe(term);
      expect(entry?.description).toBe(command.description());
    }
    expect(program.commands.map((command) => command.name())).toEqual(Object.keys(COMMANDS));
  });
});

describe.skipIf(!built)("modules each command loads (process; needs npm run build)", () => {
  const out = mkdtempSync(join(tmpdir(), "xpo-startup-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const commandModules = (modules: string[]) =>
    modules.filter((m) => m.startsWith("dist/") && m !== "dist/cli/main.js");

  it("xpo --version and xpo --help import no command module and no package but commander", async () => {
    for (const args of [["--version"], ["--help"], ["-V"]]) {
      const run = await xpoModules(args);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(commandModules(run.modules).filter((m) => m.startsWith("dist/cli/commands/"))).toEqual(
        [],
      );
      const packages = run.modules.filter((m) => m.startsWith("pkg:"));
      expect(new Set(packages), args.join(" ")).toEqual(new Set(["pkg:commander"]));
      expect(run.modules).not.toContain("dist/profile/load-profile.js");
    }
  });

  it("xpo validate loads no serial port, simulator, live runner, instrument or SCPI code", async () => {
    const run = await xpoModules(["validate", fixture, "--out", out, "--no-progress"]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(existsSync(join(out, "report.html"))).toBe(true);
    // Sanity: the log sees the modules validate does need.
    expect(run.modules).toContain("dist/cli/commands/validate.js");
    expect(run.modules).toContain("dist/check/evaluate.js");
    const forbidden = run.modules.filter((m) =>
      /^(pkg:(@serialport\/|serialport|uplot|log-update)|dist\/(sim|live|scpi|transport|instruments|station)\/)/.test(
        m,
      ),
    );
    expect(forbidden).toEqual([]);
    // Limits come precompiled: ajv's compiler is not loaded for the bundled profile, nor the
    // `yaml` package (the reference parser, for files the fast path steps aside on).
    const compiler = run.paths.filter((p) =>
      /node_modules\/(ajv\/dist\/(ajv|core|compile\/)|ajv-formats\/dist\/index|yaml\/)/.test(p),
    );
    expect(compiler).toEqual([]);
    expect(run.paths.some((p) => p.includes("node_modules/ajv/dist/runtime/"))).toBe(true);
  });

  it("xpo validate loads the page's script only when it writes report.html", async () => {
    const page = ["dist/report/html.js", "dist/generated/html-client.js"];
    const junitOnly = join(out, "junit-only");
    const run = await xpoModules([
      "validate",
      fixture,
      "--out",
      junitOnly,
      "--reporter",
      "junit",
      "--no-progress",
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(existsSync(join(junitOnly, "junit.xml"))).toBe(true);
    expect(existsSync(join(junitOnly, "report.html"))).toBe(false);
    expect(run.modules.filter((m) => page.includes(m))).toEqual([]);
    // With the page: loaded, and after every module the check itself needs (at finish).
    const withPage = await xpoModules([
      "validate",
      fixture,
      "--out",
      join(out, "page"),
      "--no-progress",
    ]);
    expect(withPage.exitCode, withPage.stderr).toBe(0);
    const at = (m: string) => withPage.modules.indexOf(m);
    for (const m of page) expect(at(m), m).toBeGreaterThan(at("dist/check/evaluate.js"));
  });

  it("xpo help validate loads only the validate command", async () => {
    const run = await xpoModules(["help", "validate"]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain("Usage: xpo validate [options] <paths...>");
    const cli = run.modules.filter((m) => m.startsWith("dist/cli/commands/"));
    expect(cli).toEqual(["dist/cli/commands/validate.js"]);
  });
});
