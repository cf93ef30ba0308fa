import { useI18n } from '../i18n/i18n';

/** How far a run has gone: rows done, and the rows or bytes of its input when known. */
export interface Progress {
  readonly done: number;
  /** What `done` counts: rows of a file (the default) or entries of an archive. */
  readonly unit?: 'rows' | 'entries';
  readonly total?: number | null;
  readonly bytesDone?: number;
  readonly bytesTotal?: number;
}

/** The live progress of a run: a bar when the row count or the input's size is known, an indeterminate stripe otherwise. */
export function ProgressBar({ progress, running }: { progress: Progress; running: boolean }) {
  const { t, number } = useI18n();
  const { done, total, bytesDone, bytesTotal } = progress;
  const of = progress.unit === 'entries' ? 'Entries' : '';
  const known = typeof total === 'number' && total > 0;
  const byBytes = !known && typeof bytesTotal === 'number' && bytesTotal > 0 && typeof bytesDone === 'number';
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : byBytes ? Math.min(100, Math.round((bytesDone / bytesTotal) * 100)) : running ? undefined : 100;
  const text = known
    ? t(`progress.known${of}`, { done: number(done), total: number(total), percent: percent ?? 0 })
    : byBytes
      ? t(`progress.bytes${of}`, { done: number(done), percent: percent ?? 0 })
      : t(`progress.unknown${of}`, { done: number(done) });
  return (
    <div className="progress">
      <div
        className={`progress-track${percent === undefined ? ' progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('progress.label')}
        aria-valuemin={0}
        aria-valuemax={percent === undefined ? undefined : 100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width: percent === undefined ? undefined : `${percent}%` }} />
      </div>
      <div className="progress-text">{text}</div>
    </div>
  );
}
