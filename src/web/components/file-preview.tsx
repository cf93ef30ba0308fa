import { api, query } from '../api/client';
import type { Preview } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from './notice';
import { useLoad } from './use-load';

const ROWS = 50;

/** The first rows of a CSV of the file area as a table, decoded with the input-format settings. */
export function FilePreview({ path, onClose }: { path: string; onClose(): void }) {
  const { t } = useI18n();
  const preview = useLoad(() => api<Preview>('GET', `/files/preview${query({ path, rows: ROWS })}`), [path]);
  return (
    <section className="card preview" aria-labelledby="preview-title">
      <div className="card-head">
        <h2 id="preview-title">
          {t('files.previewOf')} <code>{path}</code>
        </h2>
        <button type="button" className="button-small button-ghost" onClick={onClose} aria-label={t('common.close')}>
          ✕
        </button>
      </div>
      <ErrorNotice error={preview.error} />
      {preview.data && (
        <div className="table-scroll">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col" className="numeric">#</th>
                {preview.data.columns.map((column, index) => (
                  <th key={index} scope="col">{column}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.data.rows.map((row, index) => (
                <tr key={index}>
                  <td className="numeric muted">{index + 1}</td>
                  {preview.data!.columns.map((_, column) => (
                    <td key={column}>{row[column] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {preview.data.rows.length >= ROWS && <p className="muted">{t('files.previewLimit', { rows: ROWS })}</p>}
        </div>
      )}
    </section>
  );
}
