// VISA-style resource strings: TCPIP[n]::host::port::SOCKET, ASRL<device>::INSTR, REPLAY::<file>.
import { XpoError } from "../model/errors.js";

export type Parity = "none" | "even" | "odd" | "mark" | "space";
export type FlowControl = "none" | "rtscts" | "xonxoff";

export interface SerialSettings {
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: Parity;
  stopBits: 1 | 1.5 | 2;
  flowControl: FlowControl;
}

export type Resource =
  | { kind: "tcp"; text: string; host: string; port: number }
  | { kind: "serial"; text: string; path: string; serial: SerialSettings }
  | { kind: "replay"; text: string; file: string };

export const defaultScpiPort = 5025;

export const defaultSerialSettings: SerialSettings = {
  baudRate: 9600,
  dataBits: 8,
  parity: "none",
  stopBits: 1,
  flowControl: "none",
};

const acceptedForms =
  "TCPIP0::<host>::<port>::SOCKET, TCPIP::<host>::SOCKET (port 5025), ASRL<device>::INSTR (e.g. ASRL/dev/ttyUSB0::INSTR) or REPLAY::<file.jsonl>";

function invalid(text: string, why: string): XpoError {
  return new XpoError(
    "XPO_RESOURCE_INVALID",
    `resource ${JSON.stringify(text)} is not valid: ${why}`,
    { remedy: `Use ${acceptedForms}.` },
  );
}

// Parse a resource string; serial settings come from `serial` (the string has no room for them).
export function parseResource(text: string, serial: Partial<SerialSettings> = {}): Resource {
  const trimmed = text.trim();
  const tcp = /^TCPIP(\d*)::([^:]+|\[[0-9a-fA-F:]+\])::(?:(\d+)::)?SOCKET$/i.exec(trimmed);
  if (tcp) {
    const host = (tcp[2] ?? "").replace(/^\[|\]$/g, "");
    const port = tcp[3] === undefined ? defaultScpiPort : Number(tcp[3]);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw invalid(text, `port ${tcp[3]} is outside 1..65535`);
    return { kind: "tcp", text: trimmed, host, port };
  }
  if (/^TCPIP/i.test(trimmed)) {
    if (/::INSTR$/i.test(trimmed) || /::inst\d+/i.test(trimmed))
      throw invalid(text, "VXI-11/HiSLIP (::INSTR) is not supported; use the raw socket form");
    throw invalid(text, "expected TCPIP0::<host>::<port>::SOCKET");
  }
  const asrl = /^ASRL(.+)::INSTR$/i.exec(trimmed);
  if (asrl) {
    let path = asrl[1] ?? "";
    if (/^\d+$/.test(path)) path = `/dev/ttyS${Number(path) - 1}`;
    const settings = { ...defaultSerialSettings, ...serial };
    checkSerial(text, settings);
    return { kind: "serial", text: trimmed, path, serial: settings };
  }
  const replay = /^REPLAY::(.+)$/i.exec(trimmed);
  if (replay) return { kind: "replay", text: trimmed, file: replay[1] ?? "" };
  throw invalid(text, "unknown form");
}

function checkSerial(text: string, s: SerialSettings): void {
  if (!Number.isInteger(s.baudRate) || s.baudRate <= 0)
    throw invalid(text, `baud rate ${s.baudRate} is not a positive integer`);
  if (![5, 6, 7, 8].includes(s.dataBits))
    throw invalid(text, `data bits ${s.dataBits} not in 5..8`);
  if (!["none", "even", "odd", "mark", "space"].includes(s.parity))
    throw invalid(text, `parity ${s.parity} not one of none, even, odd, mark, space`);
  if (![1, 1.5, 2].includes(s.stopBits))
    throw invalid(text, `stop bits ${s.stopBits} not 1, 1.5 or 2`);
  if (!["none", "rtscts", "xonxoff"].includes(s.flowControl))
    throw invalid(text, `flow control ${s.flowControl} not one of none, rtscts, xonxoff`);
}
