// Where a verdict's evidence is: a file position, or an instrument and the command sent.

/** Where the evidence for a verdict is. */
export interface Evidence {
  file?: string;
  line?: number;
  column?: number;
  /** Live runs: instrument role and resource, and the transcript span. */
  instrument?: string;
  command?: string;
  /** CMIS checks: the bytes read, e.g. "page 00h byte 201 = 0xFF". */
  memory?: string;
}
