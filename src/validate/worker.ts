// Worker thread of `xpo validate --jobs N`: checks batches of datasheets and renders their
// record lines, JUnit suites and report-page fragment, so the main thread only writes them in
// order. Loaded from dist/ (see parallel.ts).
import { parentPort, workerData } from "node:worker_threads";
import { createCounts } from "../model/outcome.js";
import { loadProfile } from "../profile/load-profile.js";
import { ReportDataBuilder } from "../report/html-data.js";
import { JunitWriter } from "../report/junit.js";
import type { RunStartLine } from "../run/record.js";
import { checkSubject, subjectRecordLines, tallySubject } from "./check-subject.js";
import type { BatchRequest, BatchResult, WorkerSetup } from "./parallel.js";

const setup = workerData as WorkerSetup;
const profile = loadProfile(setup.profileDir);
const start: RunStartLine | undefined = setup.start;
const limits = new Map((start?.limits ?? []).map((limit) => [limit.id, limit]));
const junit = start ? new JunitWriter({ start, limits, incomplete: false }) : undefined;

parentPort?.on("message", (request: BatchRequest) => {
  const data = start ? new ReportDataBuilder(limits, request.firstSubject) : undefined;
  const result: BatchResult = {
    batch: request.batch,
    record: "",
    counts: createCounts(),
    notable: [],
    problems: [],
  };
  request.files.forEach((file, i) => {
    const { subject, problems } = checkSubject(file, profile, `s${request.firstSubject + i + 1}`);
    for (const line of subjectRecordLines(subject)) result.record += `${JSON.stringify(line)}\n`;
    tallySubject(subject, result.counts, result.notable);
    for (const problem of problems) {
      result.problems.push({
        code: problem.code,
        message: problem.message,
        remedy: problem.remedy,
        location: problem.location,
      });
    }
    junit?.addSubject(subject);
    data?.addSubject(subject);
  });
  if (junit && data) {
    result.rendered = {
      junit: junit.takeBody(true),
      junitTotals: junit.takeTotals(),
      fragment: data.takeFragment(),
    };
  }
  parentPort?.postMessage(result);
});
