// The SCPI layer against the simulated bench over real TCP sockets, with every injected fault.
import { describe } from "vitest";
import { defineSessionSuite } from "./session-suite.js";

describe("SCPI session over TCP", () => {
  defineSessionSuite({ resource: (bench, role) => bench.get(role).resource, pty: false });
});
