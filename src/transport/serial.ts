// Serial link (RS-232, USB-serial, or a pty) through the serialport package.
import { SerialPort } from "serialport";
import { XpoError } from "../model/errors.js";
import type { SerialSettings } from "./resource.js";
import type { CloseListener, DataListener, Transport } from "./types.js";

export interface SerialTransportOptions {
  path: string;
  serial: SerialSettings;
  description?: string;
}

// Create a serial transport; the port opens on open().
export function createSerialTransport(options: SerialTransportOptions): Transport {
  const description = options.description ?? `ASRL${options.path}::INSTR`;
  let port: SerialPort | undefined;
  let onData: DataListener = () => {};
  let onClose: CloseListener = () => {};
  const { serial } = options;

  const transport: Transport = {
    description,
    get isOpen() {
      return port?.isOpen === true;
    },
    async open() {
      if (transport.isOpen) return;
      const p = new SerialPort({
        path: options.path,
        baudRate: serial.baudRate,
        dataBits: serial.dataBits,
        parity: serial.parity,
        stopBits: serial.stopBits,
        rtscts: serial.flowControl === "rtscts",
        xon: serial.flowControl === "xonxoff",
        xoff: serial.flowControl === "xonxoff",
        hupcl: false,
        autoOpen: false,
      });
      await new Promise<void>((resolve, reject) => {
        p.open((error) => {
          if (error)
            reject(
              new XpoError("XPO_CONNECT_FAILED", `cannot open ${options.path}: ${error.message}`, {
                instrument: description,
                remedy: "Check the device path exists and you may open it (group dialout).",
                cause: error,
              }),
            );
          else resolve();
        });
      });
      p.on("data", (chunk: Buffer) => onData(chunk));
      let closeError: Error | undefined;
      p.on("error", (error) => {
        closeError = error;
      });
      p.on("close", () => {
        if (port === p) port = undefined;
        onClose(closeError ?? new Error("serial port closed"));
      });
      port = p;
    },
    write(data) {
      const p = port;
      if (p === undefined || !p.isOpen)
        return Promise.reject(
          new XpoError("XPO_INSTRUMENT_DISCONNECTED", "the serial port is closed", {
            instrument: description,
          }),
        );
      return new Promise((resolve, reject) => {
        p.write(Buffer.from(data), (error) => {
          if (error) reject(error);
          else p.drain((e) => (e ? reject(e) : resolve()));
        });
      });
    },
    onData(listener) {
      onData = listener;
    },
    onClose(listener) {
      onClose = listener;
    },
    async close() {
      const p = port;
      port = undefined;
      if (p === undefined || !p.isOpen) return;
      await new Promise<void>((resolve) => p.close(() => resolve()));
    },
  };
  return transport;
}
