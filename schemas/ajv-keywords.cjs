// For ajv-cli: declares the harness's annotation keywords so strict mode accepts the limit
// schemas, allows union types (as src/profile/ajv.ts does), and registers the schema files the -s schema points at with relative $refs.
// The schema files carry no $id (an editor resolves a relative $ref against the file's own
// location, in this repository or in node_modules/xpo-msa-harness), but ajv-cli finds a
// referenced schema only by its $id or key; so each referenced file is added under the $ref
// text itself, read from the folder of the -s file. Usage:
//   npx ajv validate -c ./schemas/ajv-keywords.cjs -s schemas/xpo/public-2026-11/xpo.schema.json -d my-module.yaml
const { readFileSync } = require("node:fs");
const { dirname, resolve } = require("node:path");

function schemaFileArgument(argv) {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "-s" || arg === "--schema") return argv[index + 1];
    if (arg.startsWith("-s=") || arg.startsWith("--schema="))
      return arg.slice(arg.indexOf("=") + 1);
  }
  return undefined;
}

// Every relative file $ref in a schema ("power.schema.json", "../../datasheet.schema.json").
function fileRefs(node, out) {
  if (Array.isArray(node)) for (const item of node) fileRefs(item, out);
  else if (node && typeof node === "object")
    for (const [key, value] of Object.entries(node)) {
      if (
        key === "$ref" &&
        typeof value === "string" &&
        !value.startsWith("#") &&
        !/^[a-z]+:/i.test(value)
      )
        out.add(value.split("#")[0]);
      else fileRefs(value, out);
    }
  return out;
}

module.exports = (ajv) => {
  // As the harness's own Ajv: a revision may be a number (5.4) or quoted ("5.10").
  ajv.opts.allowUnionTypes = true;
  for (const keyword of ["x-limit", "x-unit", "x-applies-when", "markdownDescription"]) {
    ajv.addKeyword({ keyword, schemaType: ["object", "string"] });
  }
  const main = schemaFileArgument(process.argv);
  if (main === undefined) return ajv;
  const schema = JSON.parse(readFileSync(resolve(main), "utf8"));
  if (schema.$id !== undefined) return ajv;
  for (const ref of fileRefs(schema, new Set())) {
    if (ajv.getSchema(ref)) continue;
    ajv.addSchema(JSON.parse(readFileSync(resolve(dirname(resolve(main)), ref), "utf8")), ref);
  }
  return ajv;
};
