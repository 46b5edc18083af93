// A promise that rejects with a signal's reason once it aborts, and a release that removes its
// listener: a run races every step against its safety signal, and listeners left behind pile
// up on that one signal (Node warns past ten).
export function untilAborted(signal: AbortSignal): { promise: Promise<never>; release(): void } {
  const done = new AbortController();
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    const options = { once: true, signal: done.signal };
    signal.addEventListener("abort", () => reject(signal.reason), options);
  });
  promise.catch(() => {});
  return { promise, release: () => done.abort() };
}
