// `xpo validate --jobs N`: datasheets checked by N worker threads in batches. Each worker
// returns a batch's record lines and, when reports are wanted, its JUnit suites and page
// fragment; the main thread writes batches strictly in input order, so run.jsonl, junit.xml and
// report.html are the same as a sequential run's (timestamps aside). At most two batches per
// worker are in flight, so memory does not grow with the number of files.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type ErrorCode, type ErrorLocation, XpoError } from "../model/errors.js";
import type { Counts } from "../model/outcome.js";
import type { RenderedSubjects } from "../report/write-reports.js";
import type { RunStartLine } from "../run/record.js";
import type { NotableVerdict } from "./check-subject.js";

/** Files per batch: large enough to amortise messages, small enough to keep workers busy. */
const BATCH_FILES = 32;
export interface WorkerSetup {
  profileDir: string;
  /** Present when the worker renders reports too. */
  start?: RunStartLine;
}

export interface BatchRequest {
  batch: number;
  /** Index (0-based) of the batch's first subject in the run. */
  firstSubject: number;
  files: string[];
}

/** An input problem, as plain data (errors lose their class crossing threads). */
export interface PlainProblem {
  code: ErrorCode;
  message: string;
  remedy: string;
  location: ErrorLocation;
}

export interface BatchResult {
  batch: number;
  /** The batch's record lines, JSONL. */
  record: string;
  counts: Counts;
  notable: NotableVerdict[];
  problems: PlainProblem[];
  rendered?: RenderedSubjects;
}

const workerUrl = new URL("./worker.js", import.meta.url);

// Workers need the compiled worker.js (absent when running from TypeScript sources, e.g. in
// vitest): without it a run is sequential.
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(workerUrl));
}

export function toXpoError(problem: PlainProblem): XpoError {
  return new XpoError(problem.code, problem.message, {
    ...problem.location,
    remedy: problem.remedy,
  });
}

// Check `files` with `jobs` workers; `onBatch` gets each batch's result in input order.
export async function checkInWorkers(options: {
  files: readonly string[];
  firstSubject: number;
  jobs: number;
  setup: WorkerSetup;
  onBatch: (result: BatchResult, filesDone: number) => void;
}): Promise<void> {
  const { files, jobs } = options;
  const batches = Math.ceil(files.length / BATCH_FILES);
  const workers = Array.from(
    { length: Math.min(jobs, batches) },
    () => new Worker(workerUrl, { workerData: options.setup }),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const done = new Map<number, BatchResult>();
      let nextToSend = 0;
      let nextToWrite = 0;
      let filesDone = 0;
      const send = (worker: Worker) => {
        if (nextToSend >= batches) return;
        const batch = nextToSend++;
        const from = batch * BATCH_FILES;
        const request: BatchRequest = {
          batch,
          firstSubject: options.firstSubject + from,
          files: files.slice(from, from + BATCH_FILES),
        };
        worker.postMessage(request);
      };
      const writeReady = () => {
        for (let result = done.get(nextToWrite); result; result = done.get(nextToWrite)) {
          done.delete(nextToWrite);
          nextToWrite += 1;
          filesDone = Math.min(files.length, nextToWrite * BATCH_FILES);
          options.onBatch(result, filesDone);
        }
        if (nextToWrite === batches) resolve();
      };
      for (const worker of workers) {
        worker.on("message", (result: BatchResult) => {
          done.set(result.batch, result);
          try {
            writeReady();
          } catch (error) {
            reject(error);
            return;
          }
          send(worker);
        });
        worker.on("error", reject);
        worker.on("exit", (code) => {
          if (nextToWrite < batches) reject(new Error(`a validate worker exited (code ${code})`));
        });
        // Two batches each: one being checked, one waiting, so no worker idles on a message.
        send(worker);
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
