import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { Lang, Session } from '../api/types';
import { AuthFrame } from '../components/auth-frame';
import { Field } from '../components/field';
import { Notice } from '../components/notice';
import { useI18n } from '../i18n/i18n';

/** The log-in page. */
export function LoginScene({ onLang, onDone }: { onLang(lang: Lang): void; onDone(session: Session): void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = { username: username.trim() ? undefined : t('form.required'), password: password ? undefined : t('form.required') };
    if (missing.username || missing.password) return setErrors(missing);
    setBusy(true);
    try {
      onDone(await api<Session>('POST', '/session', { username: username.trim(), password }));
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      setErrors({ form: status === 401 || status === 400 ? t('login.wrong') : error instanceof Error ? error.message : String(error) });
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('login.title')} intro={t('login.intro')} onLang={onLang}>
      <form onSubmit={submit} noValidate className="form-stacked">
        {errors.form && <Notice kind="error">{errors.form}</Notice>}
        <Field id="login-username" label={t('login.username')} error={errors.username}>
          <input id="login-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </Field>
        <Field id="login-password" label={t('login.password')} error={errors.password}>
          <input id="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" className="button-primary button-wide" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </AuthFrame>
  );
}
