// A custom report format: `summary.txt`, one line per datasheet ("PASS acme.yaml 44/44") and a
// total. Copy this file, change what onSubject and finish do, and pass it with the built-in
// formats (see the bottom of this file and custom-reporter.test.ts).
//
// How a reporter is called (src/report/reporter.ts): for each run the harness calls your
// factory with the --out folder, then onStart(run) once, onSubject(subject) once per subject in
// record order, and finish(run, warn) at the end. If the run's reports are given up (e.g. another
// report could not be written), abort() is called instead of finish. Everything you are handed is
// a read-only view: read it, never change it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CreateReporter, SubjectView } from "../src/report/reporter.js";
import { writeOnDisk } from "../src/report/reporter.js";
import { REPORTERS } from "../src/report/reporters.js";

// The factory: called once per run with the folder the reports go to (`--out`).
export const createSummaryReporter: CreateReporter = (outDir) => {
  // The file this reporter writes. The terminal prints "summary: <file>" after the run.
  const file = join(outDir, "summary.txt");
  // State for this one run: one line per subject, kept until finish.
  const lines: string[] = [];
  let failed = 0;

  return {
    // A short name; also what the terminal prints before the path (unless you set `label`).
    name: "summary",
    file,

    // onStart(run) is optional. `run.start` is the record's run-start line (profile, harness,
    // host, ...), `run.limits` the limit catalogue by id, `run.incomplete` is true when the
    // record being rendered has no run-end (the run crashed). Nothing to set up here.

    // Called for every subject (a datasheet, or the module of a live run) once it is complete:
    // `subject.subject` is its subject line (name, file, identity), `subject.verdicts` one
    // verdict per limit, `subject.counts` the verdicts by outcome, `subject.inputErrors` why a
    // datasheet could not be checked at all.
    onSubject(subject: SubjectView) {
      const { counts } = subject;
      const checked = subject.verdicts.length - counts["not-applicable"];
      const bad = counts.fail > 0 || counts.error > 0 || subject.inputErrors.length > 0;
      // Never say PASS for what was not checked: no judged limit, or a subject that did not finish.
      const unchecked = !bad && (checked === 0 || subject.endedAt === undefined);
      if (bad || unchecked) failed += 1;
      const met = counts.pass + counts.marginal;
      const word = bad ? "FAIL" : unchecked ? "UNCHECKED" : "PASS";
      lines.push(`${word} ${subject.subject.name} ${met}/${checked}`);
    },

    // Called once after the last subject: write the file now. `run.end` is the run-end line
    // (undefined for an unfinished run), `run.events` the events not tied to a subject.
    // `warn(message)` would add a line to the warnings the terminal prints.
    finish(run) {
      const total = `${lines.length} subject(s), ${failed} not passing${run.end ? "" : " (the run did not finish)"}`;
      const text = `${[...lines, total].join("\n")}\n`;
      // writeOnDisk turns a failed write into the harness's XPO_OUTPUT_UNWRITABLE error, which
      // names the file and says how to fix it (the record is kept either way).
      writeOnDisk(file, () => writeFileSync(file, text));
    },
  };
};

// Register it the way a user does: the built-in formats (junit.xml, report.html) plus yours.
// Pass this list wherever the harness takes `reporters`/`entries`: runValidateWithReports,
// ReportStream, writeReports.
export const reportersWithSummary: readonly CreateReporter[] = [
  ...REPORTERS,
  createSummaryReporter,
];
