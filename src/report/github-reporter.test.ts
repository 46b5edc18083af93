// GitHub's caps: 10 annotations per level and step (the rest counted in the summary, most severe
// first), and a job summary under 1 MiB however many findings a run has.
import { describe, expect, it } from "vitest";
import { createSyntheticValidateRecord } from "../../test/support/synthetic-validate-record.js";
import type { Finding } from "./finding.js";
import { compareFindings } from "./findings.js";
import {
  ANNOTATIONS_PER_LEVEL,
  renderAnnotations,
  renderSummary,
  SUMMARY_LIMIT_BYTES,
} from "./github-reporter.js";
import type { FinishedRunView } from "./reporter.js";
import { buildRunModel } from "./run-model.js";

function finding(i: number, level: Finding["level"]): Finding {
  return {
    ruleId: `XPO-PWR-00${i % 7}`,
    level,
    kind: level === "error" ? "fail" : level === "warning" ? "warning" : "marginal",
    title: `XPO-PWR-00${i % 7} title, with: commas`,
    message: `observed ${i} W%\nsecond line | pipe ${"x".repeat(400)}`,
    file: `datasheets/vendor-${i}.yaml`,
    line: (i % 90) + 1,
    column: 3,
    fingerprint: String(i),
  };
}

describe("GitHub annotations and job summary", () => {
  const levels: Finding["level"][] = ["note", "warning", "error"];
  const findings = Array.from({ length: 6000 }, (_, i) => finding(i, levels[i % 3] ?? "note")).sort(
    compareFindings,
  );

  it("annotates at most 10 per level, errors first, escaping data and properties", () => {
    const { lines, left } = renderAnnotations(findings);
    expect(lines).toHaveLength(3 * ANNOTATIONS_PER_LEVEL);
    expect(left).toBe(6000 - 3 * ANNOTATIONS_PER_LEVEL);
    expect(lines.slice(0, 10).every((l) => l.startsWith("::error "))).toBe(true);
    expect(lines[10]).toMatch(/^::warning /);
    expect(lines[20]).toMatch(/^::notice /);
    expect(lines[0]).toMatch(
      /title=XPO-PWR-00\d title%2C with%3A commas::observed \d+ W%25%0Asecond/,
    );
    expect(lines.every((l) => !l.includes("\n"))).toBe(true);
  });

  it("keeps the summary under GitHub's 1 MiB and says what was left out", () => {
    const run = buildRunModel(createSyntheticValidateRecord({ datasheets: 1 }));
    const view: FinishedRunView = { ...run, end: run.end, incomplete: false, warnings: [] };
    const counts = { pass: 1, fail: 4000, marginal: 2000, "not-applicable": 0, error: 0 };
    const text = renderSummary(view, findings, {
      counts,
      inputErrors: 0,
      notAnnotated: 5970,
      link: () => undefined,
    });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(SUMMARY_LIMIT_BYTES).toBeLessThan(1024 * 1024);
    expect(text).toContain("5970 finding(s) were not annotated");
    expect(text).toMatch(
      /\d+ more finding\(s\) left out to stay under GitHub's 1 MiB summary limit/,
    );
    expect(text).toContain("second line \\| pipe");
  });
});
