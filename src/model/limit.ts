// What a limit is: its area, provenance, severity and bound, as the catalogue lists it.

export type Area = "mechanical" | "electrical" | "power" | "cooling" | "management" | "optical";
export const AREAS: readonly Area[] = [
  "mechanical",
  "electrical",
  "power",
  "cooling",
  "management",
  "optical",
];

export type Confidence =
  | "MSA-member"
  | "standard"
  | "press"
  | "secondary"
  | "assumed"
  /** Live runs: a value the DUT's own datasheet declares (e.g. its maximum power). */
  | "vendor-declared"
  /** Live runs: a consistency check of the bench itself (e.g. coolant rise vs P/(rho Q cp)). */
  | "harness";
export type Severity = "mandatory" | "recommended" | "informative";

/** The bound of a limit, read from its JSON Schema keywords. */
export interface Bound {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  const?: unknown;
  enum?: unknown[];
}

/** One limit of the profile, as the catalogue (`xpo limits`) lists it. */
export interface LimitInfo {
  id: string;
  area: Area;
  title: string;
  /** Readable bound, e.g. "<= 480 W", "40 .. 60 V", "one of I2C, I3C". */
  boundText: string;
  bound: Bound;
  unit: string;
  /** Source ids of the profile's sources.json (S3, S4, ...) or an MSA clause. */
  source: string;
  confidence: Confidence;
  severity: Severity;
  /** JSON pointer of the subject in a datasheet document (with `*` for array items). */
  subject: string;
  note?: string;
  /** When the limit applies only to some modules, the condition in words. */
  appliesWhen?: string;
}

/** The mark every output puts beside a limit whose bound no public source states. */
export const ASSUMED_MARK = "assumed limit";

// " [assumed limit]" for an assumed limit, "" otherwise.
export function assumedSuffix(limit: Pick<LimitInfo, "confidence"> | undefined): string {
  return limit?.confidence === "assumed" ? ` [${ASSUMED_MARK}]` : "";
}
