// The `yaml` package, required on first use: datasheets normally parse on the fast path
// (fast-parse.ts, js-yaml), and `yaml`'s 200-odd CommonJS files would add tens of milliseconds
// to every `xpo validate` start-up for the rare file that needs the reference parser.
import { createRequire } from "node:module";

type YamlPackage = typeof import("yaml");

const require = createRequire(import.meta.url);
let loaded: YamlPackage | undefined;

export function yamlLib(): YamlPackage {
  loaded ??= require("yaml") as YamlPackage;
  return loaded;
}
