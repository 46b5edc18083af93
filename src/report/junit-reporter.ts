// The junit.xml reporter. The file grows in a hidden partial file in the same folder (space
// reserved at the top for the root tag, whose totals are known last) and is renamed into place
// by finish(), so a stopped run never leaves a truncated junit.xml that looks whole. The partial
// file is created fresh (never opened through a link left at its path) and the rename replaces
// a link at junit.xml rather than writing through it. Memory holds one subject's XML, whatever
// the number of subjects.
import { closeSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { openFresh, writeWhole } from "../util/fresh-file.js";
import { GITLAB_JUNIT_LIMIT_BYTES, JunitWriter } from "./junit.js";
import {
  type CreateReporter,
  type FinishedRunView,
  type Reporter,
  type RunView,
  type SubjectView,
  writeOnDisk,
} from "./reporter.js";

class JunitReporter implements Reporter {
  readonly name = "junit";
  readonly file: string;
  readonly #partialPath: string;
  #junit: JunitWriter | undefined;
  #fd: number | undefined;
  #bytes = 0;
  #subjects = 0;

  constructor(outDir: string) {
    this.file = join(outDir, "junit.xml");
    this.#partialPath = join(outDir, ".junit.xml.partial");
  }

  onStart(run: RunView): void {
    this.#junit = new JunitWriter(run);
    this.#fd = writeOnDisk(this.file, () => openFresh(this.#partialPath));
    this.#write([Buffer.alloc(this.#junit.headerBytes, " ")]);
  }

  onSubject(subject: SubjectView): void {
    const junit = this.#writer();
    junit.addSubject(subject);
    this.#subjects += 1;
    this.#write(junit.takeBody());
  }

  finish(run: FinishedRunView, warn: (message: string) => void): void {
    const { header, rest } = this.#writer().finish(run.events, run.end);
    this.#write(rest);
    const fd = this.#openFd();
    writeOnDisk(this.file, () => {
      writeWhole(fd, header, 0);
      closeSync(fd);
      this.#fd = undefined;
      renameSync(this.#partialPath, this.file);
    });
    const tooLarge = getJunitSizeWarning(this.#bytes, this.#subjects);
    if (tooLarge) warn(tooLarge);
  }

  abort(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    rmSync(this.#partialPath, { force: true });
  }

  #write(buffers: readonly Uint8Array[]): void {
    const fd = this.#openFd();
    writeOnDisk(this.file, () => {
      for (const buffer of buffers) {
        writeWhole(fd, buffer, this.#bytes);
        this.#bytes += buffer.length;
      }
    });
  }

  #writer(): JunitWriter {
    if (this.#junit === undefined) throw new Error("the junit reporter was not started");
    return this.#junit;
  }

  #openFd(): number {
    if (this.#fd === undefined) throw new Error("the junit reporter was used after finish/abort");
    return this.#fd;
  }
}

// Registry entry: junit.xml in outDir.
export const createJunitReporter: CreateReporter = (outDir) => new JunitReporter(outDir);

// The GitLab size warning, or undefined. The full file is still written: never a truncated one.
export function getJunitSizeWarning(bytes: number, subjects: number): string | undefined {
  if (bytes <= GITLAB_JUNIT_LIMIT_BYTES) return undefined;
  const mb = (bytes / 1e6).toFixed(1);
  const parts = Math.ceil(bytes / (GITLAB_JUNIT_LIMIT_BYTES * 0.8));
  return [
    `junit.xml is ${mb} MB (${subjects} subjects): GitLab refuses JUnit reports over 30 MB and would show no test results (Jenkins and GitHub accept it). The full file was written.`,
    `To stay under the limit, split the run into about ${parts} parts, e.g. one per folder: npx xpo validate datasheets/<vendor>/ --out reports/<vendor>/ (each writes its own junit.xml; list them all under artifacts:reports:junit), or shard vitest suites with vitest run --shard=1/${parts}.`,
  ].join("\n  ");
}
