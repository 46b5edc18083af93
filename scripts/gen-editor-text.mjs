// Write each limit's editor text (`description`, `markdownDescription`: id, title, bound,
// severity, confidence, cited sources) into the area schemas of the bundled profiles, from the
// limit's own x-limit, bound and the profile's sources.json. Run after changing a limit or a
// source: `npm run gen:editor-text`; src/profile/editor-text.test.ts fails when it is stale.
// Needs tsx (it reads the harness's TypeScript): node --import tsx scripts/gen-editor-text.mjs
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { collectLimits } from "../src/profile/collect-limits.ts";
import { editorText } from "../src/profile/editor-text.ts";
import { listProfiles, profilesDir } from "../src/profile/load-profile.ts";
import { loadSources } from "../src/profile/sources.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const written = [];
for (const id of listProfiles()) {
  const dir = join(profilesDir, id);
  const manifest = JSON.parse(readFileSync(join(dir, "profile.json"), "utf8"));
  const sources = loadSources({ dir });
  for (const [area, name] of Object.entries(manifest.areas ?? {})) {
    const file = join(dir, name);
    const before = readFileSync(file, "utf8");
    const schema = JSON.parse(before);
    for (const limit of collectLimits(schema, area, file))
      Object.assign(limit.schema, editorText(limit.info, sources));
    if (JSON.stringify(schema) !== JSON.stringify(JSON.parse(before))) {
      writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
      written.push(file);
    }
  }
}
if (written.length) {
  execFileSync(join(root, "node_modules/.bin/biome"), ["format", "--write", ...written]);
  for (const file of written) console.log(`wrote ${file.slice(root.length + 1)}`);
} else console.log("editor text is fresh");
