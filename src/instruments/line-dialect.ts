// What the vendor ASCII dialects share (TDK-Lambda GEN, Julabo, Lauda, Santec MPM): set commands
// acknowledged with a fixed reply, and pacing (a minimum gap between commands of one kind).
import { XpoError } from "../model/errors.js";
import type { ScpiSession } from "../scpi/index.js";

// Send a set command that the instrument acknowledges (`OK`); anything else is its error code.
export async function expectAck(session: ScpiSession, command: string, ack = "OK"): Promise<void> {
  const reply = (await session.query(command)).trim();
  if (reply !== ack)
    throw new XpoError(
      "XPO_INSTRUMENT_ERROR",
      `answered "${reply}" to "${command}" instead of "${ack}"`,
      { instrument: session.name, command },
    );
}

/** Serialises commands and keeps at least `gapMs[kind]` between two of the same kind, counted
 * from the end of the previous one. `onHold` is told of every wait a command made for its gap:
 * time the instrument could not take a command, which is its busy time as much as a reply's. */
export class Pacer<K extends string> {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly last = new Map<K, number>();

  constructor(
    private readonly gapMs: Record<K, () => number>,
    private readonly onHold?: (startMs: number, endMs: number) => void,
  ) {}

  // Run `operation` once the gap since the last command of its kind has passed.
  run<T>(kind: K, operation: () => Promise<T>): Promise<T> {
    const next = this.chain.then(async () => {
      const wait =
        (this.last.get(kind) ?? Number.NEGATIVE_INFINITY) + this.gapMs[kind]() - performance.now();
      if (wait > 0) {
        const start = performance.now();
        await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
        this.onHold?.(start, performance.now());
      }
      // Measured from when the last one completed (its reply in): the instrument saw it before.
      try {
        return await operation();
      } finally {
        this.last.set(kind, performance.now());
      }
    });
    this.chain = next.catch(() => {});
    return next;
  }
}
