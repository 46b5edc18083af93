// The same SCPI suite over a real pseudo-terminal (socat bridge) through the serialport package.

import { defineSessionSuite } from "../../test/support/session-suite.js";
import { describeWithTool, gateTool } from "../../test/support/tools.js";

describeWithTool(gateTool("socat", "socat"), "SCPI session over a pty (ASRL)", () => {
  defineSessionSuite({
    resource: (bench, role) => {
      const serial = bench.get(role).serialResource;
      if (serial === undefined) throw new Error(`no pty for ${role}`);
      return serial;
    },
    pty: true,
  });
});
