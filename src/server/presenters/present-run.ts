import type { RunProgress } from '../../engine/run/progress.js';
import type { RunRecord } from '../../store/run-records.js';

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

/** A run as the API shows it; `live` is the progress of a run this process is running. */
export function presentRun(record: RunRecord, live?: RunProgress) {
  const counters = JSON.parse(record.counters) as Record<string, number>;
  return {
    id: record.id,
    processor: record.processor,
    action: record.action,
    name: `${record.processor}/${record.action}`,
    input: record.input_path,
    simulate: record.simulate === 1,
    trigger: record.trigger,
    status: record.status,
    message: record.message,
    queued: iso(record.queued_at),
    started: iso(record.started_at),
    finished: iso(record.finished_at),
    counters: { read: record.rows_read, ok: record.rows_ok, skipped: record.rows_skipped, errors: record.rows_error, entities: counters },
    rowsDone: live?.rowsDone ?? record.rows_read,
    ...(live ? { bytesDone: live.bytesDone, bytesTotal: live.bytesTotal } : {}),
    /** Paths inside the file area of what the run left there (null when the settings kept nothing). */
    report: record.report_path,
    tryback: record.tryback_path,
    archive: record.archive_path,
  };
}

export type RunView = ReturnType<typeof presentRun>;
