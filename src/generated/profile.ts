// Generated from schemas/profile.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`.

/**
 * profile.json of a folder under schemas/xpo/: names the profile, its area schema files, the guard band that makes a passing value marginal, and optionally a base profile plus overrides of individual limits.
 */
export interface ProfileManifest {
  $schema?: string;
  $comment?: string;
  /**
   * Profile id, used with --profile.
   */
  id: string;
  /**
   * Revision of this profile; printed in every report.
   */
  revision: string;
  title: string;
  description?: string;
  /**
   * Id of (or relative path to) a base profile whose areas this profile inherits.
   */
  extends?: string;
  /**
   * Area schema files, relative to this folder. Inherited from the base profile when extends is set.
   */
  areas?: {
    mechanical?: string;
    electrical?: string;
    power?: string;
    cooling?: string;
    management?: string;
    optical?: string;
  };
  guardBand: {
    /**
     * Default guard band as a fraction of the bound's magnitude.
     */
    relative: number;
    /**
     * The decision rule in words, printed in reports.
     */
    rule: string;
  };
  /**
   * Per limit id: keywords that replace the base profile's bound (minimum, maximum, exclusiveMinimum, exclusiveMaximum, const, enum) and x-limit fields (source, confidence, severity, note, guardBand).
   */
  overrides?: {
    [k: string]:
      | {
          minimum?: number;
          maximum?: number;
          exclusiveMinimum?: number;
          exclusiveMaximum?: number;
          const?: unknown;
          enum?: unknown[];
          "x-limit"?: {
            title?: string;
            source?: string;
            confidence?: "MSA-member" | "standard" | "press" | "secondary" | "assumed";
            severity?: "mandatory" | "recommended" | "informative";
            note?: string;
            guardBand?: GuardBand;
          };
        }
      | undefined;
  };
}
export interface GuardBand {
  absolute?: number;
  relative?: number;
}
