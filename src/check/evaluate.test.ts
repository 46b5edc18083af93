// The engine, data-driven: outcome, margin, guard band and reasons for each kind of bound,
// conditions (if/then), per-item limits and derived quantities.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../profile/load-profile.js";
import { parsePositioned } from "../util/positioned-source.js";
import { repoRoot } from "../util/repo-root.js";
import { evaluateDatasheet, judgeValue } from "./evaluate.js";

const profile = loadProfile("public-2026-11");
const limit = (id: string) => {
  const found = profile.limits.find((candidate) => candidate.info.id === id);
  if (!found) throw new Error(`no limit ${id}`);
  return found;
};

describe("judgeValue", () => {
  const cases: {
    id: string;
    value: unknown;
    guard: number;
    outcome: string;
    margin: number | null;
  }[] = [
    { id: "XPO-PWR-001", value: 400, guard: 9.6, outcome: "pass", margin: 80 },
    { id: "XPO-PWR-001", value: 475, guard: 9.6, outcome: "marginal", margin: 5 },
    { id: "XPO-PWR-001", value: 480, guard: 9.6, outcome: "marginal", margin: 0 },
    { id: "XPO-PWR-001", value: 480.5, guard: 9.6, outcome: "fail", margin: -0.5 },
    { id: "XPO-PWR-002", value: 40, guard: 0, outcome: "pass", margin: 0 },
    { id: "XPO-PWR-002", value: 41, guard: 0, outcome: "fail", margin: -1 },
    { id: "XPO-MECH-001", value: 60.8, guard: 0.05, outcome: "pass", margin: 0.25 },
    { id: "XPO-MECH-001", value: 61.02, guard: 0.05, outcome: "marginal", margin: 0.03 },
    { id: "XPO-MECH-001", value: 60.5, guard: 0.05, outcome: "fail", margin: -0.05 },
    { id: "XPO-PWR-004", value: 48, guard: 1, outcome: "pass", margin: null },
    { id: "XPO-PWR-004", value: 54, guard: 1, outcome: "fail", margin: null },
    { id: "XPO-ELEC-003", value: false, guard: 0, outcome: "fail", margin: null },
  ];
  for (const c of cases) {
    it(`${c.id} ${JSON.stringify(c.value)} -> ${c.outcome}`, () => {
      const judged = judgeValue(limit(c.id), c.value, c.guard);
      expect(judged.outcome).toBe(c.outcome);
      expect(judged.margin).toBe(c.margin);
      if (c.outcome === "fail") expect(judged.reason).toMatch(/^observed .+, limit /);
    });
  }
});

describe("evaluateDatasheet", () => {
  const text = readFileSync(
    join(repoRoot, "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml"),
    "utf8",
  );

  it("gives one verdict per limit and one per declared lane for per-lane limits", () => {
    const verdicts = evaluateDatasheet(parsePositioned("acme.yaml", text), profile);
    const lanes = verdicts.filter((verdict) => verdict.limitId === "XPO-OPT-001");
    expect(lanes.map((verdict) => verdict.subject)).toEqual(
      [0, 1, 2, 3].map((i) => `/optical/lanes/${i}/txAveragePowerDbm`),
    );
    expect(lanes[1]?.evidence).toEqual({ file: "acme.yaml", line: 61, column: 37 });
  });

  it("computes derived quantities with their formula and the evidence of their first input", () => {
    const verdicts = evaluateDatasheet(parsePositioned("acme.yaml", text), profile);
    const current = verdicts.find((verdict) => verdict.limitId === "XPO-PWR-005");
    expect(current?.observed).toBe(2.05);
    expect(current?.reason).toBe("82 W / 40 V");
    expect(current?.evidence?.line).toBe(31);
    const rise = verdicts.find((verdict) => verdict.limitId === "XPO-COOL-008");
    expect(rise?.observed).toBeCloseTo(82 / (((1.02 * 0.3) / 60) * 3900), 6);
  });

  it("makes a limit not-applicable, with the reason, when its condition does not hold", () => {
    const coherent = parsePositioned(
      "c.yaml",
      text.replace("opticsVariant: DR8-LPO", "opticsVariant: coherent-lite"),
    );
    const verdicts = evaluateDatasheet(coherent, profile);
    const tx = verdicts.filter((verdict) => verdict.limitId === "XPO-OPT-001");
    expect(tx).toHaveLength(1);
    expect(tx[0]?.outcome).toBe("not-applicable");
    expect(tx[0]?.reason).toMatch(/^applies only when the optics variant is DR8-LPO/);
  });

  it("makes a limit not-applicable when an optional field is absent, never a silent pass", () => {
    const bare = parsePositioned("b.yaml", text.replace(/\n {2}maxPressureKPa: 500/, ""));
    const verdict = evaluateDatasheet(bare, profile).find((v) => v.limitId === "XPO-COOL-006");
    expect(verdict?.outcome).toBe("not-applicable");
    expect(verdict?.reason).toBe("/cooling/maxPressureKPa is not declared in the datasheet");
  });

  it("explains a derived quantity that cannot be computed", () => {
    const unknown = parsePositioned("u.yaml", text.replace("coolant: PG25", "coolant: PG50"));
    const verdict = evaluateDatasheet(unknown, profile).find((v) => v.limitId === "XPO-COOL-008");
    expect(verdict?.outcome).toBe("not-applicable");
    expect(verdict?.reason).toMatch(/coolant "PG50" has no properties in schemas\/coolants\.json/);
  });

  it("fails a limit whose derived quantity is not a finite number, never not-applicable", () => {
    const tiny = parsePositioned("t.yaml", text.replace(/minV: 40\b/, "minV: 5e-324"));
    const verdict = evaluateDatasheet(tiny, profile).find((v) => v.limitId === "XPO-PWR-005");
    expect(verdict?.outcome).toBe("fail");
    expect(verdict?.observed).toBe("Infinity");
    expect(verdict?.reason).toMatch(/82 W \/ 5e-324 V is Infinity, not a finite number/);
    expect(verdict?.evidence?.line).toBe(31);
  });
});
