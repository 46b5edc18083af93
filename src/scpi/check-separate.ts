// errorCheck "separate": each command, then its own SYST:ERR? exchanges until the queue is
// empty (two round trips), for instruments that mishandle compound messages. Also what "each"
// falls back to where nothing may follow a reply (blocks, *IDN?, *OPT?).
import type { ErrorCheckStrategy } from "./error-check.js";
import { explainTimeout, throwQueued } from "./error-queue.js";
import type { ScpiLink } from "./link.js";
import { decodeReply } from "./reply-text.js";

// Send a query and wait for its reply; a timeout is explained by the queue when it can be.
async function exchangeQuery(
  link: ScpiLink,
  command: string,
  timeoutMs: number | undefined,
): Promise<Buffer> {
  const sent = link.sent;
  try {
    return await link.exchange({ message: command, timeoutMs });
  } catch (error) {
    throw await explainTimeout(link, command, error, sent);
  }
}

// The "separate" strategy: the queue drained in its own exchanges after each command.
export const checkSeparate: ErrorCheckStrategy = {
  async write(link, command) {
    await link.exchange({ message: command, expectReply: false });
    await throwQueued(link, command);
  },
  async query(link, command, timeoutMs) {
    const text = decodeReply(link.name, command, await exchangeQuery(link, command, timeoutMs));
    await throwQueued(link, command);
    return text;
  },
  async queryBytes(link, command, timeoutMs) {
    const reply = await exchangeQuery(link, command, timeoutMs);
    await throwQueued(link, command);
    return reply;
  },
};
