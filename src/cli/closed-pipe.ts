// When the reader of xpo's output goes away (`xpo limits | head -1`), writing fails with EPIPE.
// That is not an error of the command: the rest of its output is dropped without a trace, the
// command finishes (reports and the run record are still written), and its exit code is kept.
let installed = false;

const READER_GONE = new Set(["EPIPE", "ERR_STREAM_DESTROYED"]);

// Drop output to stdout and stderr once their reader has closed the pipe.
export function dropOutputToClosedPipes(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== undefined && READER_GONE.has(error.code)) return;
      throw error;
    });
}
