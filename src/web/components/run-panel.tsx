import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { ProcessorInfo, Setting } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { actionLabel } from './action-label';
import { Field } from './field';
import { Notice } from './notice';
import { RunWatch } from './run-watch';

/**
 * The manual run of a processor screen: which file (the configured one or an upload), simulate or not, "Run now";
 * then each started run, live, and "Run again".
 */
export function RunPanel({ actions, settings }: { actions: readonly ProcessorInfo[]; settings: readonly Setting[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState(actions[0]?.name ?? '');
  const [source, setSource] = useState<'configured' | 'upload'>('configured');
  const [file, setFile] = useState<File>();
  const [simulate, setSimulate] = useState(true);
  const [runs, setRuns] = useState<number[]>([]);
  const [running, setRunning] = useState(0);
  const [errors, setErrors] = useState<{ file?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const action = actions.find((candidate) => candidate.name === name) ?? actions[0];
  if (!action) return null;
  const located = settings.find((setting) => setting.key === action.locationSetting);
  const configured = (located?.value ? String(located.value) : '') || action.defaultFile || '';

  const start = async (event?: FormEvent) => {
    event?.preventDefault();
    if (source === 'upload' && !file) return setErrors({ file: t('run.fileMissing') });
    setErrors({});
    setBusy(true);
    try {
      let answer: { runs: { id: number }[] };
      if (source === 'upload' && file) {
        const form = new FormData();
        form.set('processor', action.name);
        form.set('simulate', String(simulate));
        form.set('file', file, file.name);
        answer = await api('POST', '/runs', form);
      } else {
        answer = await api('POST', '/runs', { processor: action.name, simulate });
      }
      setRuns(answer.runs.map((run) => run.id));
      setRunning(answer.runs.length);
      if (answer.runs.length === 0) setErrors({ form: t('run.nothing') });
    } catch (error) {
      const message = error instanceof ApiError && error.code === 'SERVER_RUN_LOCKED' ? t('run.locked') : error instanceof Error ? error.message : String(error);
      setErrors({ form: message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card run-panel" aria-labelledby="run-title">
      <div className="card-head">
        <h2 id="run-title">{t('run.manual')}</h2>
      </div>
      <form onSubmit={start} noValidate>
        {errors.form && <Notice kind="error">{errors.form}</Notice>}
        <div className="fields">
          {actions.length > 1 && (
            <Field id="run-action" label={t('run.action')}>
              <select id="run-action" value={name} onChange={(e) => setName(e.target.value)}>
                {actions.map((candidate) => (
                  <option key={candidate.name} value={candidate.name}>
                    {actionLabel(i18n, candidate)}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <fieldset className="field">
            <legend className="field-label">{t('run.source')}</legend>
            <div className="field-control choice-list">
              <label className="choice">
                <input type="radio" name="run-source" checked={source === 'configured'} onChange={() => setSource('configured')} />
                <span>
                  {t('run.useConfigured')} {configured && <code>{configured}</code>}
                </span>
              </label>
              <label className="choice">
                <input type="radio" name="run-source" checked={source === 'upload'} onChange={() => setSource('upload')} />
                <span>{t('run.upload')}</span>
              </label>
              {source === 'upload' && (
                <div className={errors.file ? 'field-invalid' : undefined}>
                  <input
                    type="file"
                    aria-label={t('run.uploadLabel')}
                    accept=".csv,.txt,.zip,text/csv"
                    aria-invalid={errors.file ? true : undefined}
                    onChange={(e) => { setFile(e.target.files?.[0]); setErrors({}); }}
                  />
                  {errors.file && <div className="field-error" role="alert">{errors.file}</div>}
                </div>
              )}
            </div>
          </fieldset>
          <div className="field">
            <div className="field-label" />
            <div className="field-control">
              <label className="choice">
                <input type="checkbox" checked={simulate} onChange={(e) => setSimulate(e.target.checked)} />
                <span>{t('run.simulate')}</span>
              </label>
            </div>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy || running > 0}>
            ▶ {runs.length > 0 ? t('run.again') : t('run.now')}
          </button>
          {simulate && <span className="form-status">{t('run.simulateNote')}</span>}
        </div>
      </form>
      {runs.map((id) => (
        <RunWatch key={id} runId={id} onFinished={() => setRunning((count) => Math.max(0, count - 1))} />
      ))}
    </section>
  );
}
