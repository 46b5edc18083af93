// The serial path: Node cannot create a pseudo-terminal itself, so socat (Debian package
// socat) makes one and bridges it to the instrument's TCP port:
//   socat PTY,link=<path>,raw,echo=0 TCP:127.0.0.1:<port>
// A client opens <path> as a serial port (ASRL<path>::INSTR). socat keeps the pty across client
// opens and closes; the instrument sees one long-lived connection.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { XpoError } from "../model/errors.js";

export interface PtyBridge {
  /** The pty path clients open (a symlink to /dev/pts/N). */
  path: string;
  process: ChildProcess;
  close(): Promise<void>;
}

// Start a socat pty bridge to 127.0.0.1:port with the link at `path`; resolves once it exists.
export async function startPtyBridge(
  port: number,
  path: string,
  timeoutMs = 3000,
): Promise<PtyBridge> {
  const child = spawn("socat", [`PTY,link=${path},raw,echo=0`, `TCP:127.0.0.1:${port}`], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (spawnError !== undefined || child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      const why = spawnError?.message ?? (stderr.trim() || "socat did not create the pty in time");
      throw new XpoError(
        "XPO_CONNECT_FAILED",
        `cannot start the pty bridge for port ${port}: ${why}`,
        {
          remedy: "Install socat (Debian package socat) or run without --pty.",
        },
      );
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    path,
    process: child,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
