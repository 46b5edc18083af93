// One subject of a run (a datasheet or a module under test) with everything recorded for it:
// the unit that reports render, one at a time. Built from record lines by the run model, or
// directly by \`xpo validate\` as it checks each datasheet (so reports need no second read).
import { type Counts, createCounts } from "../model/outcome.js";
import type { EventLine, InputErrorLine, SubjectLine, VerdictLine } from "./record.js";

/** All batches of one channel's readings for one subject. */
export interface ChannelSeries {
  channel: string;
  unit: string;
  instrument?: string;
  limitIds: string[];
  /** Batches as recorded; t in ms since run start. */
  t: number[][];
  v: number[][];
  count: number;
}

export interface SubjectModel {
  subject: SubjectLine;
  verdicts: VerdictLine[];
  inputErrors: InputErrorLine[];
  events: EventLine[];
  channels: Map<string, ChannelSeries>;
  endedAt?: string;
  counts: Counts;
}

export function createSubjectModel(subject: SubjectLine): SubjectModel {
  return {
    subject,
    verdicts: [],
    inputErrors: [],
    events: [],
    channels: new Map(),
    counts: createCounts(),
  };
}
