// A run's safety signal keeps no listener per step once the step is done, and an abort still
// rejects the step's race with the signal's reason.
import { getEventListeners } from "node:events";
import { expect, it } from "vitest";
import { untilAborted } from "./until-aborted.js";

it("released waits leave no listener behind; an abort rejects with its reason", async () => {
  const controller = new AbortController();
  for (let step = 0; step < 20; step++) untilAborted(controller.signal).release();
  expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  const pending = untilAborted(controller.signal);
  expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
  controller.abort({ kind: "interrupted" });
  await expect(pending.promise).rejects.toEqual({ kind: "interrupted" });
  await expect(untilAborted(controller.signal).promise).rejects.toEqual({ kind: "interrupted" });
});
