// The error queue and IEEE 488.2 status registers of one simulated instrument.

export const standardErrors: Record<number, string> = {
  [-100]: "Command error",
  [-102]: "Syntax error",
  [-104]: "Data type error",
  [-108]: "Parameter not allowed",
  [-109]: "Missing parameter",
  [-113]: "Undefined header",
  [-131]: "Invalid suffix",
  [-151]: "Invalid string data",
  [-200]: "Execution error",
  [-221]: "Settings conflict",
  [-222]: "Data out of range",
  [-224]: "Illegal parameter value",
  [-300]: "Device specific error",
  [-350]: "Queue overflow",
  [-363]: "Input buffer overrun",
  [-410]: "Query INTERRUPTED",
};

/** Error queue and status registers of one instrument (shared by its connections). */
export class InstrumentStatus {
  queue: { code: number; text: string }[] = [];
  esr = 0;
  ese = 0;
  sre = 0;
  constructor(readonly depth: number) {}

  // Queue an error; on overflow the newest entry becomes -350 (SCPI-99).
  push(code: number, message?: string, info?: string): void {
    const text =
      (message ?? standardErrors[code] ?? "Error") + (info === undefined ? "" : `;${info}`);
    if (code <= -100 && code > -200) this.esr |= 0x20;
    else if (code <= -200 && code > -300) this.esr |= 0x10;
    else if ((code <= -300 && code > -400) || code > 0) this.esr |= 0x08;
    else if (code <= -400 && code > -500) this.esr |= 0x04;
    if (this.queue.length >= this.depth) {
      this.queue[this.depth - 1] = { code: -350, text: "Queue overflow" };
      return;
    }
    this.queue.push({ code, text });
  }

  next(): string {
    const e = this.queue.shift();
    if (e === undefined) return '0,"No error"';
    return `${e.code},"${e.text.replaceAll('"', '""')}"`;
  }

  stb(): number {
    let stb = 0;
    if (this.queue.length > 0) stb |= 0x04;
    if ((this.esr & this.ese) !== 0) stb |= 0x20;
    if ((stb & this.sre & ~0x40) !== 0) stb |= 0x40;
    return stb;
  }

  clear(): void {
    this.queue = [];
    this.esr = 0;
  }
}
