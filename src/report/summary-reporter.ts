// Scratch: summary.txt, one line of counts.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createCounts } from "../model/outcome.js";
import { type CreateReporter, writeOnDisk } from "./reporter.js";

// Registry entry: summary.txt in outDir.
export const createSummaryReporter: CreateReporter = (outDir) => {
  const file = join(outDir, "summary.txt");
  const counts = createCounts();
  return {
    name: "summary",
    file,
    onSubject: (subject) => {
      for (const outcome of Object.keys(counts) as (keyof typeof counts)[])
        counts[outcome] += subject.counts[outcome];
    },
    finish: () => writeOnDisk(file, () => writeFileSync(file, `${JSON.stringify(counts)}\n`)),
  };
};
