// Test gates for tools from Debian packages (xmllint, chromium, pyvisa-py, lxi, sigrok-cli,
// socat). Outside CI a missing tool skips its tests with a message naming the package to
// install; with CI=true a missing tool fails the run, so CI can never pass by skipping.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, it } from "vitest";

export const inCI = process.env.CI === "true";

// Find an executable on PATH (or an absolute path); undefined when absent.
export function findExecutable(command: string): string | undefined {
  const candidates = command.includes("/")
    ? [command]
    : (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

export interface ToolGate {
  available: boolean;
  /** e.g. "xmllint (Debian package libxml2-utils)". */
  label: string;
}

// Tell whether a tool is present; `probe` may check more than the executable (a Python module).
export function gateTool(command: string, debianPackage: string, probe?: () => boolean): ToolGate {
  const available = findExecutable(command) !== undefined && (probe ? probe() : true);
  return { available, label: `${command} (Debian package ${debianPackage})` };
}

// describe() that runs when the tool is there, skips with the package name when it is not,
// and fails under CI=true when it is not.
export function describeWithTool(gate: ToolGate, name: string, body: () => void): void {
  if (gate.available) {
    describe(name, body);
    return;
  }
  if (inCI) {
    describe(name, () => {
      it(`needs ${gate.label}`, () => {
        throw new Error(`${gate.label} is missing under CI=true: .ci/run must install it`);
      });
    });
    return;
  }
  describe.skip(`${name} [skipped: install ${gate.label}]`, body);
}
