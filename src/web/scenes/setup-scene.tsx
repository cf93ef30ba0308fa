import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { Lang, Session } from '../api/types';
import { AuthFrame } from '../components/auth-frame';
import { Field } from '../components/field';
import { Notice } from '../components/notice';
import { useI18n } from '../i18n/i18n';
import { useRouter } from '../router/router';

const MIN_PASSWORD = 10;

/** The first-administrator page, reached through the one-time link the service prints at start (`/setup?code=…`). */
export function SetupScene({ onLang, onDone }: { onLang(lang: Lang): void; onDone(session: Session): void }) {
  const { t } = useI18n();
  const { location } = useRouter();
  const [code, setCode] = useState(location.search.get('code') ?? '');
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);

  const validate = () => ({
    code: code.trim() ? undefined : t('setup.codeMissing'),
    username: /^[A-Za-z0-9._@-]{1,64}$/.test(username.trim()) ? undefined : t('setup.usernameForm'),
    password: password.length >= MIN_PASSWORD ? undefined : t('setup.passwordShort', { min: MIN_PASSWORD }),
    confirm: confirm === password ? undefined : t('setup.passwordMismatch'),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    setBusy(true);
    try {
      await api('POST', '/setup', { code: code.trim(), username: username.trim(), password });
      onDone(await api<Session>('POST', '/session', { username: username.trim(), password }));
    } catch (error) {
      const api = error instanceof ApiError ? error : undefined;
      if (api?.status === 403) setErrors({ code: t('setup.codeWrong') });
      else if (api?.status === 410) setErrors({ form: t('setup.done') });
      else setErrors({ ...api?.fields, form: api?.message ?? String(error) });
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('setup.title')} intro={t('setup.intro')} onLang={onLang}>
      <form onSubmit={submit} noValidate className="form-stacked">
        {errors.form && <Notice kind="error">{errors.form}</Notice>}
        <Field id="setup-code" label={t('setup.code')} help={t('setup.codeHelp')} error={errors.code}>
          <input id="setup-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} />
        </Field>
        <Field id="setup-username" label={t('login.username')} error={errors.username}>
          <input id="setup-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </Field>
        <Field id="setup-password" label={t('login.password')} hint={t('setup.passwordHint', { min: MIN_PASSWORD })} error={errors.password}>
          <input id="setup-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Field id="setup-confirm" label={t('setup.confirm')} error={errors.confirm}>
          <input id="setup-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </Field>
        <button type="submit" className="button-primary button-wide" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </AuthFrame>
  );
}
