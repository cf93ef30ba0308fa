import { useEffect, useRef, useState } from 'react';
import { api, apiUrl } from '../api/client';
import type { Run } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router/router';
import { Counters } from './counters';
import { ProgressBar, type Progress } from './progress-bar';
import { RunErrors } from './run-errors';
import { StatusBadge } from './status-badge';
import { StoredReport } from './stored-report';

const MAX_LINES = 2000;
const FINISHED = new Set(['succeeded', 'succeeded_with_errors', 'failed', 'cancelled']);

/** Whether a run has reached its end. */
export function isFinished(run: Run | undefined): boolean {
  return run !== undefined && (FINISHED.has(run.status) || run.finished !== null && run.finished !== undefined);
}

/**
 * One run, live: progress bar and report lines from the server-sent events while it runs; then its counters, its
 * errors and the links to its report and tryback file. Polls the run as well, so that a dropped event stream
 * (a proxy that buffers) still ends the display.
 */
export function RunWatch({ runId, live = true, onFinished }: { runId: number; live?: boolean; onFinished?(run: Run): void }) {
  const { t, number } = useI18n();
  const [run, setRun] = useState<Run>();
  const [progress, setProgress] = useState<Progress>({ done: 0 });
  const [lines, setLines] = useState<string[]>([]);
  const [lineCount, setLineCount] = useState(0);
  const finished = isFinished(run);
  const notified = useRef(false);
  const logBox = useRef<HTMLPreElement>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      const fresh = await api<Run>('GET', `/runs/${runId}`).catch(() => undefined);
      if (stopped) return;
      if (fresh) {
        setRun(fresh);
        setProgress((previous) => ({ ...previous, done: Math.max(previous.done, fresh.rowsDone ?? 0), total: fresh.rowsTotal ?? previous.total }));
      }
      if (!isFinished(fresh)) timer = setTimeout(refresh, 1500);
    };
    void refresh();
    const source = live ? new EventSource(apiUrl(`/runs/${runId}/events`), { withCredentials: true }) : undefined;
    source?.addEventListener('progress', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as {
        rowsDone: number; unit?: Progress['unit']; rowsTotal?: number | null; bytesDone?: number; bytesTotal?: number;
      };
      setProgress((previous) => ({
        done: Math.max(previous.done, data.rowsDone),
        unit: data.unit ?? previous.unit,
        total: data.rowsTotal ?? previous.total,
        bytesDone: data.bytesDone ?? previous.bytesDone,
        bytesTotal: data.bytesTotal ?? previous.bytesTotal,
      }));
    });
    // A big file sends thousands of lines a second: they are gathered and shown a few times a second, so that the
    // page stays responsive. Only the last lines stay on screen; the whole report is a download away.
    let pending: string[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      setLines((previous) => [...previous, ...batch].slice(-MAX_LINES));
      setLineCount((count) => count + batch.length);
    };
    const flusher = setInterval(flush, 250);
    source?.addEventListener('line', (event) => {
      pending.push((JSON.parse((event as MessageEvent<string>).data) as { text: string }).text);
    });
    source?.addEventListener('end', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { run: Run };
      flush();
      setRun(data.run);
      source.close();
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(flusher);
      source?.close();
    };
  }, [runId, live]);

  useEffect(() => {
    if (finished && run && !notified.current) {
      notified.current = true;
      onFinished?.(run);
    }
  }, [finished, run, onFinished]);

  useEffect(() => {
    const box = logBox.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [lines]);

  const errors = run ? Number((run.counters as Record<string, unknown>)?.errors ?? 0) : 0;
  return (
    <section className="run-watch card" aria-label={t('run.title', { id: runId })} data-run-id={runId} data-status={run?.status ?? 'queued'}>
      <div className="run-watch-head">
        <h3>
          <Link to={`/runs/${runId}`}>{t('run.title', { id: runId })}</Link>
        </h3>
        {run && <StatusBadge status={run.status} />}
        {run?.simulate && <span className="badge badge-simulate">{t('run.simulated')}</span>}
        {run?.input && <code className="run-input">{run.input}</code>}
      </div>
      {!finished && <ProgressBar progress={progress} running />}
      {run?.message && <p className={run.status === 'failed' ? 'run-message run-message-failed' : 'run-message'}>{run.message}</p>}
      {lines.length > 0 && (
        <details className="run-log" open={!finished}>
          <summary>{t('run.reportLive', { count: number(lineCount) })}</summary>
          <pre ref={logBox} role="log" aria-label={t('run.reportLive', { count: number(lineCount) })}>
            {lines.join('\n')}
          </pre>
        </details>
      )}
      {finished && run && lines.length === 0 && run.report && <StoredReport runId={runId} />}
      {finished && run && (
        <>
          <Counters run={run} />
          <div className="run-downloads">
            {run.report && (
              <a className="button-secondary button-small" href={apiUrl(`/runs/${runId}/report`)} download>
                ⤓ {t('run.downloadReport')}
              </a>
            )}
            {run.tryback && (
              <a className="button-secondary button-small" href={apiUrl(`/runs/${runId}/tryback`)} download>
                ⤓ {t('run.downloadTryback')}
              </a>
            )}
          </div>
          <RunErrors runId={runId} count={errors} />
        </>
      )}
    </section>
  );
}
