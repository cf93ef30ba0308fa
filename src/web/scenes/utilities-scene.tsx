import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { Field } from '../components/field';
import { Notice } from '../components/notice';
import { useSession } from '../components/session';
import { PageHeader } from '../components/shell';
import { useI18n } from '../i18n/i18n';

/** Course ids typed as "12, 15 18": the ids, or the first bad token. */
function parseIds(text: string): { ids: number[]; bad?: string } {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  const bad = tokens.find((token) => !/^\d+$/.test(token));
  return { ids: tokens.map(Number), bad };
}

/** What a utility answered, shown as it came (a file written, a list of categories): the API gives it in JSON. */
function Result({ value }: { value: unknown }) {
  return <pre className="result">{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>;
}

function useUtility() {
  const { t } = useI18n();
  const [result, setResult] = useState<{ ok: boolean; value: unknown }>();
  const [busy, setBusy] = useState(false);
  const call = async (path: string, body: unknown) => {
    setBusy(true);
    setResult(undefined);
    try {
      setResult({ ok: true, value: await api('POST', path, body) });
    } catch (error) {
      const text = error instanceof ApiError && error.status === 501 ? t('utilities.unavailable') : (error as Error).message;
      setResult({ ok: false, value: text });
    } finally {
      setBusy(false);
    }
  };
  return { result, busy, call };
}

/** A generator of a course deletion or reset file from course ids. */
function CourseFileGenerator({ kind }: { kind: 'delete' | 'reset' }) {
  const { t } = useI18n();
  const { canWrite } = useSession();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const utility = useUtility();
  const id = `utility-${kind}-courses`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { ids, bad } = parseIds(text);
    if (bad !== undefined) return setError(t('utilities.badId', { value: bad }));
    if (ids.length === 0) return setError(t('form.required'));
    setError(undefined);
    void utility.call(kind === 'delete' ? '/utilities/course-delete-file' : '/utilities/course-reset-file', { courses: ids });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <div className="card-head"><h2 id={`${id}-title`}>{kind === 'delete' ? t('utilities.deleteTitle') : t('utilities.resetTitle')}</h2></div>
      <p className="muted">{kind === 'delete' ? t('utilities.deleteIntro') : t('utilities.resetIntro')}</p>
      <Field id={id} label={t('utilities.courses')} hint={t('utilities.coursesHint')} error={error}>
        <textarea id={id} rows={3} value={text} disabled={!canWrite} onChange={(e) => setText(e.target.value)} />
      </Field>
      {canWrite && (
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={utility.busy}>{t('utilities.generate')}</button>
        </div>
      )}
      {utility.result && (utility.result.ok ? <Result value={utility.result.value} /> : <Notice kind="error">{String(utility.result.value)}</Notice>)}
    </form>
  );
}

/** Cleaning empty categories: preview first, then apply. */
function EmptyCategories() {
  const { t } = useI18n();
  const { canWrite } = useSession();
  const [start, setStart] = useState('');
  const [error, setError] = useState<string>();
  const utility = useUtility();
  const run = (apply: boolean) => {
    if (start.trim() && !/^\d+$/.test(start.trim())) return setError(t('utilities.badId', { value: start.trim() }));
    setError(undefined);
    void utility.call('/utilities/empty-categories', { start: start.trim() ? Number(start.trim()) : 0, apply });
  };
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); run(false); }} noValidate aria-labelledby="utility-categories-title">
      <div className="card-head"><h2 id="utility-categories-title">{t('utilities.categoriesTitle')}</h2></div>
      <p className="muted">{t('utilities.categoriesIntro')}</p>
      <Field id="utility-start" label={t('utilities.start')} hint={t('utilities.startHint')} error={error}>
        <input id="utility-start" className="input-narrow" inputMode="numeric" value={start} disabled={!canWrite} onChange={(e) => setStart(e.target.value)} />
      </Field>
      {canWrite && (
        <div className="form-actions">
          <button type="submit" className="button-secondary" disabled={utility.busy}>{t('utilities.preview')}</button>
          <button type="button" className="button-danger" disabled={utility.busy} onClick={() => run(true)}>{t('utilities.apply')}</button>
        </div>
      )}
      {utility.result && (utility.result.ok ? <Result value={utility.result.value} /> : <Notice kind="error">{String(utility.result.value)}</Notice>)}
    </form>
  );
}

/** Utilities: course deletion and reset file generators, cleaning of empty categories. */
export function UtilitiesScene() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('utilities.title')} subtitle={t('utilities.intro')} />
      <div className="grid-2">
        <CourseFileGenerator kind="delete" />
        <CourseFileGenerator kind="reset" />
        <EmptyCategories />
      </div>
    </>
  );
}
