import { useEffect } from 'react';
import { api, query } from '../api/client';
import type { ProcessorInfo, Run } from '../api/types';
import { actionLabel } from '../components/action-label';
import { ErrorNotice } from '../components/notice';
import { Pager } from '../components/pager';
import { PageHeader } from '../components/shell';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import { Link, useRouter } from '../router/router';

const PAGE_SIZE = 25;
const STATUSES = ['queued', 'running', 'succeeded', 'succeeded_with_errors', 'failed', 'cancelled'] as const;

/** Run history with filters (processor, status, dates); the filters live in the URL, so that a view can be shared. */
export function RunsScene() {
  const i18n = useI18n();
  const { t, number } = i18n;
  const { location, navigate } = useRouter();
  const filters = {
    processor: location.search.get('processor') ?? '',
    status: location.search.get('status') ?? '',
    from: location.search.get('from') ?? '',
    to: location.search.get('to') ?? '',
    page: Number(location.search.get('page') ?? 1) || 1,
  };
  const processors = useLoad(() => api<ProcessorInfo[]>('GET', '/processors'), []);
  const runs = useLoad(
    () =>
      api<{ total: number; runs: Run[] }>(
        'GET',
        `/runs${query({
          processor: filters.processor,
          status: filters.status,
          from: filters.from && new Date(`${filters.from}T00:00:00`).toISOString(),
          to: filters.to && new Date(`${filters.to}T23:59:59.999`).toISOString(),
          page: filters.page,
          pageSize: PAGE_SIZE,
        })}`,
      ),
    [filters.processor, filters.status, filters.from, filters.to, filters.page],
  );
  // While a run of the list goes on, the list follows it.
  const active = (runs.data?.runs ?? []).some((run) => run.status === 'queued' || run.status === 'running');
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(runs.reload, 3000);
    return () => clearInterval(timer);
  }, [active, runs.reload]);
  const setFilter = (change: Partial<typeof filters>) => navigate(`/runs${query({ ...filters, page: 1, ...change })}`, { replace: true });

  return (
    <>
      <PageHeader title={t('runs.title')} subtitle={t('runs.intro')} actions={<button type="button" className="button-secondary" onClick={runs.reload}>↻ {t('common.refresh')}</button>} />
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('runs.filters')}>
        <div className="filter">
          <label htmlFor="runs-filter-processor">{t('runs.processor')}</label>
          <select id="runs-filter-processor" value={filters.processor} onChange={(e) => setFilter({ processor: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {(processors.data ?? []).map((processor) => (
              <option key={processor.name} value={processor.name}>{actionLabel(i18n, processor)}</option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="runs-filter-status">{t('runs.status')}</label>
          <select id="runs-filter-status" value={filters.status} onChange={(e) => setFilter({ status: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>{t(`status.${status}` as MessageKey)}</option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="runs-filter-from">{t('runs.from')}</label>
          <input id="runs-filter-from" type="date" value={filters.from} onChange={(e) => setFilter({ from: e.target.value })} />
        </div>
        <div className="filter">
          <label htmlFor="runs-filter-to">{t('runs.to')}</label>
          <input id="runs-filter-to" type="date" value={filters.to} onChange={(e) => setFilter({ to: e.target.value })} />
        </div>
        {(filters.processor || filters.status || filters.from || filters.to) && (
          <button type="button" className="button-ghost button-small" onClick={() => navigate('/runs', { replace: true })}>
            {t('runs.clear')}
          </button>
        )}
      </form>
      <ErrorNotice error={runs.error} />
      <table className="table runs-table" aria-busy={runs.loading}>
        <thead>
          <tr>
            <th scope="col" className="numeric">#</th>
            <th scope="col">{t('runs.processor')}</th>
            <th scope="col">{t('runs.input')}</th>
            <th scope="col">{t('runs.status')}</th>
            <th scope="col">{t('runs.trigger')}</th>
            <th scope="col">{t('runs.started')}</th>
            <th scope="col" className="numeric">{t('runs.duration')}</th>
            <th scope="col" className="numeric">{t('counter.read')}</th>
            <th scope="col" className="numeric">{t('counter.errors')}</th>
          </tr>
        </thead>
        <tbody>
          {(runs.data?.runs ?? []).map((run) => (
            <tr key={run.id}>
              <td className="numeric"><Link to={`/runs/${run.id}`}>{run.id}</Link></td>
              <td>
                <Link to={`/runs/${run.id}`}>{actionLabel(i18n, `${run.processor}/${run.action}`)}</Link>
                {run.simulate && <span className="badge badge-simulate">{t('run.simulated')}</span>}
              </td>
              <td><code>{run.input ?? '—'}</code></td>
              <td><StatusBadge status={run.status} /></td>
              <td>{i18n.label(`trigger.${run.trigger}`, run.trigger)}</td>
              <td className="nowrap">{i18n.date(run.started)}</td>
              <td className="numeric">{i18n.duration(run.started, run.finished)}</td>
              <td className="numeric">{number(Number(run.counters?.read ?? run.rowsDone ?? 0))}</td>
              <td className={`numeric${Number(run.counters?.errors ?? 0) > 0 ? ' text-error' : ''}`}>{number(Number(run.counters?.errors ?? 0))}</td>
            </tr>
          ))}
          {runs.data && runs.data.runs.length === 0 && (
            <tr>
              <td colSpan={9} className="empty">{t('runs.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {runs.data && <Pager page={filters.page} pageSize={PAGE_SIZE} total={runs.data.total} onPage={(page) => navigate(`/runs${query({ ...filters, page })}`)} />}
    </>
  );
}
