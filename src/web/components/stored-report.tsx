import { useState } from 'react';
import { apiUrl } from '../api/client';
import { useI18n } from '../i18n/i18n';

const SHOWN_BYTES = 200_000;

/** The saved report of a finished run, read when the reader opens it (its beginning only: the rest is a download away). */
export function StoredReport({ runId }: { runId: number }) {
  const { t } = useI18n();
  const [text, setText] = useState<string>();
  const [failed, setFailed] = useState(false);
  const load = async () => {
    if (text !== undefined) return;
    try {
      const response = await fetch(apiUrl(`/runs/${runId}/report`), { credentials: 'same-origin' });
      if (!response.ok) throw new Error(String(response.status));
      const body = await response.text();
      setText(body.length > SHOWN_BYTES ? `${body.slice(0, SHOWN_BYTES)}\n…` : body);
    } catch {
      setFailed(true);
    }
  };
  return (
    <details className="run-log" onToggle={(event) => (event.currentTarget.open ? void load() : undefined)}>
      <summary>{t('run.report')}</summary>
      {failed ? <p className="text-error">{t('run.reportUnavailable')}</p> : <pre role="log" aria-label={t('run.report')}>{text ?? '…'}</pre>}
    </details>
  );
}
