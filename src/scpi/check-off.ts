// errorCheck "off": commands go out as they are and nothing reads the error queue.
import type { ErrorCheckStrategy } from "./error-check.js";
import { decodeReply } from "./reply-text.js";

// The "off" strategy: no SYST:ERR? after anything.
export const checkOff: ErrorCheckStrategy = {
  async write(link, command) {
    await link.exchange({ message: command, expectReply: false });
  },
  async query(link, command, timeoutMs) {
    const reply = await link.exchange({ message: command, timeoutMs });
    return decodeReply(link.name, command, reply);
  },
  queryBytes(link, command, timeoutMs) {
    return link.exchange({ message: command, timeoutMs });
  },
};
