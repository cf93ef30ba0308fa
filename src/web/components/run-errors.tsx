import { useState } from 'react';
import { api, query } from '../api/client';
import type { RunError } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Pager } from './pager';
import { useLoad } from './use-load';

const PAGE_SIZE = 50;

/** The row errors of a run as a table: line, column, message. */
export function RunErrors({ runId, count }: { runId: number; count: number }) {
  const { t, number } = useI18n();
  const [page, setPage] = useState(1);
  const errors = useLoad(() => api<{ total: number; errors: RunError[] }>('GET', `/runs/${runId}/errors${query({ page, pageSize: PAGE_SIZE })}`), [runId, page, count]);
  if (!errors.data || errors.data.total === 0) return null;
  return (
    <section className="run-errors" aria-labelledby={`errors-${runId}`}>
      <h3 id={`errors-${runId}`}>{t('run.errorsTitle', { count: number(errors.data.total) })}</h3>
      <table className="table">
        <thead>
          <tr>
            <th scope="col" className="numeric">{t('run.errorLine')}</th>
            <th scope="col">{t('run.errorColumn')}</th>
            <th scope="col">{t('run.errorMessage')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.data.errors.map((error, index) => (
            <tr key={index}>
              <td className="numeric">{error.line ?? '—'}</td>
              <td><code>{error.column ?? '—'}</code></td>
              <td>{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.data.total > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={errors.data.total} onPage={setPage} />}
    </section>
  );
}
