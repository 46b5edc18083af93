// For ajv-cli: declares the harness's annotation keywords so strict mode accepts the limit
// schemas. Usage: npx ajv validate -c ./schemas/ajv-keywords.cjs -s ... -r ... -d ...
module.exports = (ajv) => {
  for (const keyword of ["x-limit", "x-unit", "x-applies-when"]) {
    ajv.addKeyword({ keyword, schemaType: ["object", "string"] });
  }
  return ajv;
};
