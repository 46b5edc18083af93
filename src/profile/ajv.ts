// One Ajv setup for the whole harness: strict mode on, with the annotation keywords that
// limit schemas use declared, so a typo in a keyword is an error and annotations are allowed.
import { Ajv, type Options } from "ajv";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Annotation keywords of limit schemas (see docs/profiles.md). */
export const ANNOTATION_KEYWORDS = [
  "x-limit",
  "x-unit",
  "x-applies-when",
  // VS Code and yaml-language-server show it on hover instead of `description`.
  "markdownDescription",
] as const;

// Create an Ajv instance with the harness's keywords and formats.
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({
    strict: true,
    allErrors: true,
    allowUnionTypes: true,
    ...options,
  });
  addFormats(ajv);
  for (const keyword of ANNOTATION_KEYWORDS)
    ajv.addKeyword({ keyword, schemaType: ["object", "string"] });
  return ajv;
}
