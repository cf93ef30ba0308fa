import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Schedule } from '../api/types';
import { actionLabel } from '../components/action-label';
import { ErrorNotice } from '../components/notice';
import { useSession } from '../components/session';
import { PageHeader } from '../components/shell';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router/router';

/** The scheduled tasks: enabled or not, cron expression, the next three run times in words, the last run. */
export function SchedulesScene() {
  const { t } = useI18n();
  const schedules = useLoad(() => api<Schedule[]>('GET', '/schedules'), []);
  return (
    <>
      <PageHeader title={t('schedules.title')} subtitle={t('schedules.intro')} />
      <ErrorNotice error={schedules.error} />
      <table className="table schedules-table">
        <thead>
          <tr>
            <th scope="col">{t('schedules.task')}</th>
            <th scope="col">{t('schedules.enabled')}</th>
            <th scope="col">{t('schedules.cron')}</th>
            <th scope="col">{t('schedules.next')}</th>
            <th scope="col">{t('schedules.lastRun')}</th>
          </tr>
        </thead>
        <tbody>
          {(schedules.data ?? []).map((schedule) => (
            <ScheduleRow key={schedule.task} schedule={schedule} onSaved={schedules.reload} />
          ))}
          {schedules.data?.length === 0 && (
            <tr><td colSpan={5} className="empty">{t('schedules.none')}</td></tr>
          )}
        </tbody>
      </table>
      <p className="muted cron-help">{t('schedules.cronHelp')}</p>
    </>
  );
}

function ScheduleRow({ schedule, onSaved }: { schedule: Schedule; onSaved(): void }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const { canWrite } = useSession();
  const [cron, setCron] = useState(schedule.cron);
  // Shown switched at once; put back if the service refuses.
  const [enabled, setEnabled] = useState(schedule.enabled);
  useEffect(() => setEnabled(schedule.enabled), [schedule.enabled]);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const id = `cron-${schedule.task.replace(/\W/g, '-')}`;
  const save = async (change: { enabled?: boolean; cron?: string }) => {
    setError(undefined);
    setSaved(false);
    try {
      await api('PATCH', `/schedules/${encodeURIComponent(schedule.task)}`, change);
      setSaved(true);
      onSaved();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.fields.cron ?? caught.message : String(caught));
      setEnabled(schedule.enabled);
    }
  };
  const name = schedule.label ? pick(schedule.label) : schedule.processor ? actionLabel(i18n, schedule.processor) : schedule.task;
  return (
    <tr>
      <th scope="row">
        {name}
        <div className="muted"><code>{schedule.task}</code></div>
      </th>
      <td>
        <label className="switch">
          <input type="checkbox" role="switch" checked={enabled} disabled={!canWrite} aria-label={t('schedules.enabledFor', { task: name })} onChange={(e) => { setEnabled(e.target.checked); void save({ enabled: e.target.checked }); }} />
          <span>{enabled ? t('schedules.on') : t('schedules.off')}</span>
        </label>
      </td>
      <td>
        {canWrite ? (
          <form className={`inline-form${error ? ' field-invalid' : ''}`} onSubmit={(e) => { e.preventDefault(); void save({ cron: cron.trim() }); }}>
            <input id={id} className="input-mono" value={cron} aria-label={t('schedules.cronFor', { task: name })} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => { setCron(e.target.value); setSaved(false); }} />
            <button type="submit" className="button-small button-secondary" disabled={cron.trim() === schedule.cron}>{t('common.save')}</button>
            {error && <div id={`${id}-error`} className="field-error" role="alert">{error}</div>}
            {saved && !error && <span className="text-success" role="status">✓</span>}
          </form>
        ) : (
          <code>{schedule.cron}</code>
        )}
      </td>
      <td>
        {!schedule.enabled && <div className="muted">{t('schedules.disabled')}</div>}
        <ol className={schedule.enabled ? 'next-runs' : 'next-runs muted'}>
          {schedule.nextInWords.map((words, index) => (
            <li key={index} title={schedule.next[index] ? i18n.date(schedule.next[index]) : undefined}>{pick(words)}</li>
          ))}
        </ol>
      </td>
      <td>
        {schedule.lastRun ? (
          <>
            <Link to={`/runs/${schedule.lastRun.id}`}>#{schedule.lastRun.id}</Link> <StatusBadge status={schedule.lastRun.status} />
            <div className="muted">{i18n.date(schedule.lastRun.finished)}</div>
          </>
        ) : (
          <span className="muted">{t('schedules.never')}</span>
        )}
      </td>
    </tr>
  );
}

