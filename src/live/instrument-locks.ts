// Instrument locks across processes: a second `xpo run` (another terminal, another CI job on
// the same host) that names an instrument a running one holds is refused before anything is
// switched on. One lock file per resource in a shared folder (XPO_LOCK_DIR, default
// <tmp>/xpo-instrument-locks), created exclusively; a lock whose process is gone is stale and
// taken over. Hosts do not share the folder: runners on different machines need their own
// instruments (or a lock folder on a shared file system).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";

/** What a lock file says about its holder. */
export interface LockHolder {
  resource: string;
  dut: string;
  pid: number;
  host: string;
  since: string;
}

function lockDir(): string {
  return process.env.XPO_LOCK_DIR ?? join(tmpdir(), "xpo-instrument-locks");
}

function lockFile(resource: string): string {
  const key = createHash("sha256").update(resource).digest("hex").slice(0, 24);
  return join(lockDir(), `${key}.lock`);
}

// Whether the process holding a lock is still running (on this host).
function alive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockHolder;
  } catch {
    return undefined;
  }
}

// Take the lock of `resource` for `dut`; the holder when another live process has it.
export function lockResource(resource: string, dut: string): LockHolder | undefined {
  mkdirSync(lockDir(), { recursive: true });
  const file = lockFile(resource);
  const me: LockHolder = {
    resource,
    dut,
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: "wx" });
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(file);
    if (holder !== undefined && alive(holder)) return holder;
    // Stale (its process is gone) or unreadable half-written: remove and try once more.
    try {
      unlinkSync(file);
    } catch {}
  }
  return readHolder(file) ?? me;
}

// Give the lock back, if this process (for `dut`) still holds it.
export function unlockResource(resource: string, dut: string): void {
  const file = lockFile(resource);
  const holder = readHolder(file);
  if (holder?.pid === process.pid && holder.dut === dut && holder.host === hostname())
    try {
      unlinkSync(file);
    } catch {}
}
