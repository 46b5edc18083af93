import { describe, expect, it } from "vitest";
import { parseResource } from "./resource.js";

describe("parseResource", () => {
  it("reads TCPIP sockets, default port 5025", () => {
    expect(parseResource("TCPIP0::192.168.1.5::5025::SOCKET")).toMatchObject({
      kind: "tcp",
      host: "192.168.1.5",
      port: 5025,
    });
    expect(parseResource("tcpip::bench-psu::SOCKET")).toMatchObject({
      host: "bench-psu",
      port: 5025,
    });
    expect(parseResource("TCPIP1::[::1]::6000::SOCKET")).toMatchObject({ host: "::1", port: 6000 });
  });
  it("reads serial devices with settings", () => {
    expect(
      parseResource("ASRL/dev/ttyUSB0::INSTR", { baudRate: 115200, parity: "even" }),
    ).toMatchObject({
      kind: "serial",
      path: "/dev/ttyUSB0",
      serial: { baudRate: 115200, dataBits: 8, parity: "even", stopBits: 1, flowControl: "none" },
    });
    expect(parseResource("ASRL1::INSTR")).toMatchObject({ path: "/dev/ttyS0" });
  });
  it("reads replay files", () => {
    expect(parseResource("REPLAY::fixtures/transcripts/x.jsonl")).toMatchObject({
      kind: "replay",
      file: "fixtures/transcripts/x.jsonl",
    });
  });
  for (const bad of [
    "",
    "GPIB0::5::INSTR",
    "TCPIP0::host::99999::SOCKET",
    "TCPIP0::host::INSTR",
    "ASRL/dev/x",
  ])
    it(`rejects ${JSON.stringify(bad)} echoing it and the accepted forms`, () => {
      try {
        parseResource(bad);
        expect.unreachable();
      } catch (error) {
        expect(error).toMatchObject({ code: "XPO_RESOURCE_INVALID" });
        expect((error as Error).message).toContain(JSON.stringify(bad));
        expect((error as { remedy: string }).remedy).toContain("ASRL<device>::INSTR");
      }
    });
  it("rejects bad serial settings", () => {
    expect(() => parseResource("ASRL/dev/ttyS0::INSTR", { dataBits: 9 as 8 })).toThrow(/data bits/);
  });
});
