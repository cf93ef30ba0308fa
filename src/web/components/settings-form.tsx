import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { SettingsGroup } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Field } from './field';
import { Notice } from './notice';
import { fromFormValue, SettingInput, toFormValue, type FormValue } from './setting-input';

/**
 * The problems of a 400 whose message lists them (`Invalid request: users_x: … · users_y: …`) rather than in
 * `details`: each part naming a key goes next to that key's field.
 */
function fieldsNamedIn(message: string, keys: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const body = message.includes(': ') ? message.slice(message.indexOf(': ') + 2) : message;
  for (const part of body.split(' · ')) {
    const key = [...keys].sort((a, b) => b.length - a.length).find((candidate) => part.includes(candidate));
    if (key) fields[key] = part.trim();
  }
  return fields;
}

/** The settings of one screen; saves only what changed, and shows each rejected value's error next to its field. */
export function SettingsForm({ group, canWrite, placeholders, onSaved }: {
  group: SettingsGroup;
  canWrite: boolean;
  /** What an empty text setting stands for (a file location's default file name). */
  placeholders: Readonly<Record<string, string>>;
  onSaved(): void;
}) {
  const { t, pick } = useI18n();
  const initial = useMemo(() => Object.fromEntries(group.settings.map((setting) => [setting.key, toFormValue(setting)])), [group]);
  const [values, setValues] = useState<Record<string, FormValue>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setValues(initial), [initial]);

  const changed = group.settings.filter((setting) => values[setting.key] !== initial[setting.key] && !(setting.secret && values[setting.key] === ''));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const patch: Record<string, unknown> = {};
    for (const setting of changed) {
      const parsed = fromFormValue(setting, values[setting.key] ?? '', {
        integer: t('form.integer'),
        range: t('form.range', { min: setting.min ?? '−∞', max: setting.max ?? '∞' }),
      });
      if (parsed.problem) found[setting.key] = parsed.problem;
      else patch[setting.key] = parsed.value;
    }
    setErrors(found);
    setStatus(undefined);
    if (Object.keys(found).length > 0) return setStatus({ kind: 'error', text: t('settings.invalid') });
    setBusy(true);
    try {
      await api('PATCH', '/settings', patch);
      setStatus({ kind: 'success', text: t('settings.saved', { count: changed.length }) });
      onSaved();
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = Object.keys(error.fields).length > 0 ? error.fields : fieldsNamedIn(error.message, Object.keys(patch));
        setErrors(fields);
        setStatus({ kind: 'error', text: Object.keys(fields).length > 0 ? t('settings.invalid') : error.message });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card settings-form" onSubmit={save} noValidate aria-labelledby="settings-title">
      <div className="card-head">
        <h2 id="settings-title">{t('settings.title')}</h2>
        {!canWrite && <span className="badge badge-readonly">{t('common.readOnly')}</span>}
      </div>
      {status && <Notice kind={status.kind}>{status.text}</Notice>}
      <div className="fields">
        {group.settings.map((setting) => {
          const label = pick(setting.label);
          return (
            <Field key={setting.key} id={`setting-${setting.key}`} label={label} help={pick(setting.help)} error={errors[setting.key]}>
              <SettingInput
                setting={setting}
                value={values[setting.key] ?? ''}
                disabled={!canWrite}
                invalid={errors[setting.key] !== undefined}
                placeholder={placeholders[setting.key]}
                onChange={(value) => setValues({ ...values, [setting.key]: value })}
              />
            </Field>
          );
        })}
      </div>
      {canWrite && (
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy || changed.length === 0}>
            {t('settings.save')}
          </button>
          <button type="button" className="button-secondary" disabled={busy || changed.length === 0} onClick={() => { setValues(initial); setErrors({}); setStatus(undefined); }}>
            {t('settings.reset')}
          </button>
          <span className="form-status">{changed.length > 0 ? t('settings.unsaved', { count: changed.length }) : ''}</span>
        </div>
      )}
    </form>
  );
}
