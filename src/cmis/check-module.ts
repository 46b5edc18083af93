// Check a decoded module against the CMIS limits (and its datasheet, when given): one verdict
// per limit, judged by the limit's schema, with the bytes read as evidence
// (`page 00h byte 201 = 0xFF`). A missing page is an error, never a pass.
import { judgeValue } from "../check/evaluate.js";
import type { Verdict } from "../model/verdict.js";
import type { CompiledLimit, Profile } from "../profile/load-profile.js";
import type { Check, CheckContext, CheckValue } from "./check-context.js";
import { DATASHEET_CHECKS } from "./checks-datasheet.js";
import { MEMORY_CHECKS } from "./checks-memory.js";
import { rangesOutsideWarnings, unorderedThresholds } from "./checks-thresholds.js";
import { decodeImage, indexFields } from "./decode.js";
import type { CmisImage } from "./image.js";
import { cmisBound, loadCmisLimits } from "./limits.js";
import { loadMemoryMap } from "./map.js";
import { readCmisInput } from "./read-input.js";

const CHECKS: Record<string, Check> = {
  ...MEMORY_CHECKS,
  ...DATASHEET_CHECKS,
  unorderedThresholds,
  rangesOutsideWarnings,
};

export interface CmisCheckOptions {
  profile: Profile;
  /** The dump's path as given, for the evidence. */
  file?: string;
  datasheet?: Record<string, unknown> | undefined;
}

function verdictFor(limit: CompiledLimit, result: CheckValue, file: string | undefined): Verdict {
  const { info } = limit;
  const subject = `cmis:${info.subject}`;
  const verdict: Verdict = {
    limitId: info.id,
    unit: info.unit,
    subject,
    observed: null,
    margin: null,
    outcome: "error",
  };
  if (result.kind === "value") {
    // A list of problems is judged by its length; the list itself is what was observed.
    const list = Array.isArray(result.judged) ? result.judged : undefined;
    const judged = judgeValue(limit, list ? list.length : result.judged, 0);
    verdict.observed = result.observed === undefined ? result.judged : result.observed;
    verdict.outcome = judged.outcome;
    verdict.margin = judged.margin;
    const reason = [result.reason, judged.outcome === "fail" ? judged.reason : undefined]
      .filter(Boolean)
      .join("; ");
    if (reason) verdict.reason = reason;
  } else {
    verdict.outcome = result.kind;
    verdict.reason = result.reason;
  }
  const memory = result.evidence;
  if (memory !== undefined || file !== undefined) {
    verdict.evidence = {};
    if (file !== undefined) verdict.evidence.file = file;
    if (memory) verdict.evidence.memory = memory;
  }
  return verdict;
}

// Decode an image and judge every CMIS limit on it.
export function checkCmisImage(image: CmisImage, options: CmisCheckOptions): Verdict[] {
  const map = loadMemoryMap(options.profile.dir);
  const decoded = decodeImage(image, map);
  const ctx: CheckContext = {
    image,
    map,
    decoded,
    byName: indexFields(decoded),
    datasheet: options.datasheet,
    bound: (id) => cmisBound(options.profile, id),
  };
  return loadCmisLimits(options.profile).map((limit) => {
    const key = limit.path[0] ?? "";
    const check = CHECKS[key];
    const result: CheckValue = check
      ? check(ctx)
      : { kind: "error", reason: `no check computes ${key}` };
    return verdictFor(limit, result, options.file);
  });
}

// Read a dump (any format) and check it against the CMIS limits and a datasheet document.
export function checkCmisInput(path: string, profile: Profile, datasheet?: unknown): Verdict[] {
  const { image } = readCmisInput(path, loadMemoryMap(profile.dir));
  const document =
    typeof datasheet === "object" && datasheet !== null
      ? (datasheet as Record<string, unknown>)
      : undefined;
  return checkCmisImage(image, { profile, file: path, datasheet: document });
}
