// What a command needs from the process: where to write and where to put its exit code.
export interface CommandContext {
  exitCode: number;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}
