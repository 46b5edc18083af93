// The one small interface every byte path implements: TCP socket, serial port, replay, recorder.

/** Called with each chunk of bytes as it arrives from the instrument. */
export type DataListener = (chunk: Buffer) => void;
/** Called once when the link closes; `error` is set when it was not closed by us. */
export type CloseListener = (error?: Error) => void;

/** A byte link to one instrument. Messages are written whole, in one write each. */
export interface Transport {
  /** Human-readable address, e.g. the resource string. */
  readonly description: string;
  /** Whether the link is open now. */
  readonly isOpen: boolean;
  /** Open (or re-open) the link; rejects with XPO_CONNECT_FAILED. */
  open(): Promise<void>;
  /** Send one message in a single write. */
  write(data: Uint8Array): Promise<void>;
  /**
   * Optional fast path: send one latin1 message in a single write without waiting for it to
   * complete. Throws when the link is closed; a later write failure closes the link, so the
   * close listener hears of it (a reply waiter then fails as a disconnection).
   */
  writeText?(text: string): void;
  /** Register the data listener (one per transport; a later call replaces it). */
  onData(listener: DataListener): void;
  /** Register the close listener (one per transport). */
  onClose(listener: CloseListener): void;
  /** Close the link; safe to call twice. */
  close(): Promise<void>;
}

/** How a transport retries after its link drops. */
export interface ReconnectPolicy {
  /** Attempts per reconnect (0 disables reconnecting). */
  attempts: number;
  /** Delay between attempts, ms. */
  delayMs: number;
}
