/** Where a run stands, sent after each batch to whoever watches (CLI bar, console page). */
export interface RunProgress {
  readonly runId: number;
  /** Input path inside the file area. */
  readonly input: string;
  readonly rowsDone: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export type ProgressListener = (progress: RunProgress) => void;
