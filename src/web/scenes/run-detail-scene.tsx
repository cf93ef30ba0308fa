import { useState } from 'react';
import { api } from '../api/client';
import type { Run } from '../api/types';
import { actionLabel } from '../components/action-label';
import { ErrorNotice } from '../components/notice';
import { isFinished, RunWatch } from '../components/run-watch';
import { useSession } from '../components/session';
import { PageHeader } from '../components/shell';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router/router';

/** One run: what it ran on and how, its timings, then the live view or the outcome (counters, errors, downloads). */
export function RunDetailScene({ id }: { id: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { canWrite } = useSession();
  const run = useLoad(() => api<Run>('GET', `/runs/${id}`), [id]);
  const [cancelError, setCancelError] = useState<string>();
  const data = run.data;
  const cancel = async () => {
    try {
      await api('POST', `/runs/${id}/cancel`);
      run.reload();
    } catch (error) {
      setCancelError((error as Error).message);
    }
  };
  return (
    <>
      <PageHeader
        title={t('run.title', { id })}
        subtitle={data ? actionLabel(i18n, `${data.processor}/${data.action}`) : undefined}
        actions={
          <>
            <Link to="/runs" className="button-secondary">← {t('runs.title')}</Link>
            {canWrite && data && !isFinished(data) && (
              <button type="button" className="button-danger" onClick={() => void cancel()}>{t('run.cancel')}</button>
            )}
          </>
        }
      />
      <ErrorNotice error={run.error} />
      {cancelError && <p className="text-error">{cancelError}</p>}
      {data && (
        <>
          <dl className="facts card">
            <div><dt>{t('runs.processor')}</dt><dd>{actionLabel(i18n, `${data.processor}/${data.action}`)}</dd></div>
            <div><dt>{t('runs.input')}</dt><dd><code>{data.input ?? '—'}</code></dd></div>
            <div><dt>{t('run.mode')}</dt><dd>{data.simulate ? t('run.simulated') : t('run.real')}</dd></div>
            <div><dt>{t('runs.trigger')}</dt><dd>{i18n.label(`trigger.${data.trigger}`, data.trigger)}</dd></div>
            <div><dt>{t('runs.started')}</dt><dd>{i18n.date(data.started)}</dd></div>
            <div><dt>{t('runs.finished')}</dt><dd>{i18n.date(data.finished)}</dd></div>
            <div><dt>{t('runs.duration')}</dt><dd>{i18n.duration(data.started, data.finished)}</dd></div>
            {data.archive && <div><dt>{t('run.archive')}</dt><dd><code>{data.archive}</code></dd></div>}
          </dl>
          <RunWatch runId={id} live={!isFinished(data)} onFinished={run.reload} />
        </>
      )}
    </>
  );
}
