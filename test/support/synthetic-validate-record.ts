// A synthetic validate run over N datasheets with a realistic mix of outcomes (fail, marginal,
// error, input error, not-applicable), deterministic for a seed. See synthetic-record.ts.
import type { LimitInfo } from "../../src/model/limit.js";
import { createCounts, type Outcome } from "../../src/model/outcome.js";
import type { SubjectIdentity } from "../../src/model/subject-identity.js";
import type { InputErrorLine, RecordLine, VerdictLine } from "../../src/run/record.js";
import {
  createRandom,
  createRunStart,
  createSyntheticLimits,
  HOSTILE_PART,
  HOSTILE_VENDOR,
  iso,
  round,
} from "./synthetic-record.js";

export interface SyntheticValidateOptions {
  datasheets?: number;
  seed?: number;
  /** Put a hostile vendor string (`<script>`, `]]>`, control chars, lone surrogate) in datasheet 1. */
  hostile?: boolean;
  /** Drop subject-end of the last datasheet and run-end, as a crashed run leaves it. */
  incomplete?: boolean;
  /** Force the outcome mix: datasheets 1-4 get a fail, a marginal, an error, an input error. */
  showcase?: boolean;
}

const VENDORS = [
  "Acme Photonics",
  "Borealis Optics",
  "Cobalt Lightwave",
  "Delta Laser Works",
  "Epsilon Interconnect",
];
// A validate run over N synthetic datasheets.
export function createSyntheticValidateRecord(
  options: SyntheticValidateOptions = {},
): RecordLine[] {
  const n = options.datasheets ?? 10;
  const random = createRandom(options.seed ?? 1);
  const limits = createSyntheticLimits();
  const lines: RecordLine[] = [createRunStart("validate", n)];
  const counts = createCounts();
  let inputErrors = 0;
  let clock = 50;
  for (let i = 0; i < n; i++) {
    const subjectId = `ds-${i + 1}`;
    const vendor = VENDORS[i % VENDORS.length] as string;
    const file = `datasheets/${slug(vendor)}/xpo-${String(i + 1).padStart(5, "0")}.yaml`;
    const identity = createIdentity(i, vendor, options);
    lines.push({
      type: "subject",
      subjectId,
      kind: "datasheet",
      name: file,
      file,
      identity,
      startedAt: iso(clock),
    });
    const roll = random();
    const showcase = options.showcase ? i : -1;
    const inputError = showcase === 3 || (!options.showcase && roll < 0.02);
    if (inputError) {
      inputErrors += 1;
      lines.push(createInputError(subjectId, file, options));
    } else {
      const context = { subjectId, file, identity, roll, showcase, time: iso(clock) };
      for (const verdict of createDatasheetVerdicts(limits, random, options, context)) {
        counts[verdict.outcome] += 1;
        lines.push(verdict);
      }
    }
    clock += 3;
    if (!(options.incomplete && i === n - 1))
      lines.push({ type: "subject-end", subjectId, endedAt: iso(clock) });
  }
  if (!options.incomplete) {
    lines.push({
      type: "run-end",
      endedAt: iso(clock + 5),
      counts,
      inputErrors,
      exitCode: counts.fail > 0 ? 1 : counts.error > 0 || inputErrors > 0 ? 2 : 0,
    });
  }
  return lines;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

// A verdict for a limit with an observed value chosen to produce the outcome.
function createVerdict(
  subjectId: string,
  limit: LimitInfo,
  outcome: Outcome,
  random: () => number,
  evidence: VerdictLine["evidence"],
): VerdictLine {
  const { bound } = limit;
  const verdict: VerdictLine = {
    type: "verdict",
    subjectId,
    limitId: limit.id,
    subject: limit.subject.replace("*", "0"),
    observed: null,
    unit: limit.unit,
    margin: null,
    outcome,
  };
  if (evidence) verdict.evidence = evidence;
  if (outcome === "not-applicable") {
    verdict.reason = `applies to ${limit.appliesWhen ?? "other modules"}`;
    return verdict;
  }
  if (outcome === "error") {
    verdict.reason = "the derived value could not be computed: lane count missing";
    return verdict;
  }
  if (bound.enum) {
    const options = bound.enum as string[];
    verdict.observed =
      outcome === "fail" ? "unknown" : options[Math.floor(random() * options.length)];
    if (outcome === "fail") verdict.reason = `"unknown" is not ${limit.boundText}`;
    if (outcome === "marginal") verdict.outcome = "pass";
    return verdict;
  }
  const hi = bound.maximum;
  const lo = bound.minimum;
  const scale = hi !== undefined && lo !== undefined ? (hi - lo) / 2 : Math.abs(hi ?? lo ?? 1) || 1;
  const guard = round(scale * 0.02);
  const [edge, inward] = hi !== undefined ? [hi, -1] : [lo as number, 1];
  let value: number;
  if (outcome === "fail") value = edge - inward * scale * (0.02 + random() * 0.1);
  else if (outcome === "marginal") value = edge + inward * guard * random() * 0.9;
  else value = edge + inward * scale * (0.1 + random() * 0.6);
  value = round(value);
  const margins = [
    hi !== undefined ? hi - value : Number.POSITIVE_INFINITY,
    lo !== undefined ? value - lo : Number.POSITIVE_INFINITY,
  ];
  verdict.observed = value;
  verdict.margin = round(Math.min(...margins));
  if (outcome === "marginal") verdict.guard = guard;
  if (outcome === "fail") verdict.reason = `${value} ${limit.unit} is outside ${limit.boundText}`;
  return verdict;
}

// Identity of synthetic datasheet i (a hostile vendor string in the first when asked).
function createIdentity(
  i: number,
  vendor: string,
  options: SyntheticValidateOptions,
): SubjectIdentity {
  const identity: SubjectIdentity = {
    vendor,
    partNumber: `XPO-${(6400 + (i % 7) * 100).toString()}-${["DR8", "FR8", "LPO", "SR8"][i % 4]}`,
    hardwareRevision: `${1 + (i % 3)}.0`,
    firmwareRevision: `2.${i % 10}.1`,
    opticsVariant: ["DR8", "FR8", "LPO", "SR8"][i % 4] as string,
  };
  if (options.hostile && i === 0) {
    identity.vendor = HOSTILE_VENDOR;
    identity.partNumber = HOSTILE_PART;
  }
  return identity;
}

// The input error of a datasheet that could not be read.
function createInputError(
  subjectId: string,
  file: string,
  options: SyntheticValidateOptions,
): InputErrorLine {
  return {
    type: "input-error",
    subjectId,
    code: "XPO_YAML_SYNTAX",
    message: options.hostile
      ? `bad indentation near "${HOSTILE_VENDOR}"`
      : "bad indentation of a mapping entry",
    remedy: "Fix the YAML syntax at the line shown.",
    file,
    line: 14,
    column: 3,
  };
}

interface DatasheetContext {
  subjectId: string;
  file: string;
  identity: SubjectIdentity;
  roll: number;
  showcase: number;
  time: string;
}

// One verdict per limit for a datasheet, with the outcome mix the options ask for.
function createDatasheetVerdicts(
  limits: LimitInfo[],
  random: () => number,
  options: SyntheticValidateOptions,
  { subjectId, file, identity, roll, showcase, time }: DatasheetContext,
): VerdictLine[] {
  // Showcase: datasheet 1 fails SYN-PWR-001, 2 is marginal on SYN-COO-003, 3 has an error.
  const pick = (chance: boolean) => (chance ? Math.floor(random() * limits.length) : -1);
  const failAt = pick(!options.showcase && roll > 0.9);
  const marginalAt = pick(!options.showcase && roll > 0.8 && roll < 0.9);
  const errorAt = showcase === 2 ? 7 : pick(!options.showcase && roll > 0.02 && roll < 0.04);
  const verdicts: VerdictLine[] = [];
  limits.forEach((limit, k) => {
    let outcome: Outcome = "pass";
    if (
      limit.appliesWhen &&
      !(identity.opticsVariant === "LPO" && limit.id === "SYN-PWR-005") &&
      !(identity.opticsVariant !== "SR8" && limit.id === "SYN-OPT-004")
    )
      outcome = "not-applicable";
    else if (k === failAt || (showcase === 0 && limit.id === "SYN-PWR-001")) outcome = "fail";
    else if (k === marginalAt || (showcase === 1 && limit.id === "SYN-COO-003"))
      outcome = "marginal";
    else if (k === errorAt) outcome = "error";
    const verdict = createVerdict(subjectId, limit, outcome, random, {
      file,
      line: 5 + k * 2,
      column: 5,
    });
    verdict.time = time;
    verdicts.push(verdict);
  });
  return verdicts;
}
