import { EventEmitter } from 'node:events';
import type { RunStatus } from '../../store/run-records.js';

/** What a run counts: the rows of a CSV file, or the entries of an archive (user pictures). */
export type RunUnit = 'rows' | 'entries';

/** Where a run stands, sent after each batch to whoever watches (CLI bar, console page). */
export interface RunProgress {
  readonly runId: number;
  /** Input path inside the file area. */
  readonly input: string;
  readonly rowsDone: number;
  /** What `rowsDone` counts. */
  readonly unit: RunUnit;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export type ProgressListener = (progress: RunProgress) => void;

/** What the run events carry. */
export interface RunEventMap {
  started: [{ readonly runId: number; readonly processor: string; readonly action: string; readonly input: string; readonly simulate: boolean }];
  progress: [RunProgress];
  finished: [{ readonly runId: number; readonly status: RunStatus }];
  /** Report lines as they are written (sent only while someone listens). */
  lines: [{ readonly runId: number; readonly lines: readonly string[] }];
}

/**
 * Every run of this process, as it goes: a web page subscribes here (through the server's live channel) the way
 * the CLI passes an `onProgress` callback. Listeners must not throw; nothing waits for them.
 */
export class RunEvents extends EventEmitter<RunEventMap> {}
