// The link keeps one reply timer and re-arms it only when it must fire sooner (link.ts). These
// tests hold it to the promises a per-exchange timer kept: a short timeout after a long one still
// fires, a long one after a short one is not cut short, and an idle session does not hold the
// process open. A real TCP server answers on a schedule the test sets.
import { execFile } from "node:child_process";
import { createServer, type Server, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { openSession } from "./session.js";

// A server that answers each line after `delayFor(line)` ms with "1" (never, for undefined).
async function startServer(delayFor: (line: string) => number | undefined): Promise<Server> {
  const server = createServer((socket: Socket) => {
    let pending = "";
    socket.on("data", (chunk) => {
      pending += chunk.toString("latin1");
      for (let nl = pending.indexOf("\n"); nl >= 0; nl = pending.indexOf("\n")) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const delay = delayFor(line);
        if (delay !== undefined) setTimeout(() => socket.write("1\n"), delay);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

const resourceOf = (server: Server) => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return `TCPIP0::127.0.0.1::${address.port}::SOCKET`;
};

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

describe("the link's reply timer", () => {
  it("times out a short-timeout query that follows a long-timeout one", async () => {
    server = await startServer((line) => (line.startsWith("FAST?") ? 0 : undefined));
    const session = await openSession(resourceOf(server), { errorCheck: "off" });
    expect(await session.query("FAST?", 30_000)).toBe("1");
    await expect(session.query("NEVER?", 150)).rejects.toMatchObject({
      code: "XPO_INSTRUMENT_TIMEOUT",
      message: expect.stringContaining("within 150 ms"),
    });
    await session.close();
  });

  it("does not cut short a long-timeout query armed after a short-timeout one", async () => {
    server = await startServer((line) => (line.startsWith("SLOW?") ? 400 : 0));
    const session = await openSession(resourceOf(server), { errorCheck: "off" });
    expect(await session.query("FAST?", 100)).toBe("1");
    // The timer armed for FAST? fires about 100 ms in; SLOW?'s reply comes after 400 ms.
    expect(await session.query("SLOW?", 5_000)).toBe("1");
    await session.close();
  });

  it("lets the process exit once the session is idle, long before the reply timeout", async () => {
    server = await startServer(() => 0);
    const script = `
      const { openSession } = await import(${JSON.stringify(fileURLToPath(new URL("./session.ts", import.meta.url)))});
      const session = await openSession(${JSON.stringify(resourceOf(server))}, { errorCheck: "off" });
      process.stdout.write(await session.query("PING?", 120000));
      await session.close();`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { timeout: 20_000 },
    );
    // With a 120 s timer holding the loop open, execFile's 20 s timeout would kill the child.
    expect(stdout).toBe("1");
  });
});
