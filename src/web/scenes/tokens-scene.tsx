import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Role, TokenInfo } from '../api/types';
import { Field } from '../components/field';
import { Modal } from '../components/modal';
import { ErrorNotice, Notice } from '../components/notice';
import { PageHeader } from '../components/shell';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';

/** API tokens (administrators only): create (the secret is shown once), revoke. */
export function TokensScene() {
  const i18n = useI18n();
  const { t } = i18n;
  const tokens = useLoad(() => api<TokenInfo[] | { tokens: TokenInfo[] }>('GET', '/tokens'), []);
  const list = Array.isArray(tokens.data) ? tokens.data : tokens.data?.tokens ?? [];
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; token: string }>();
  const [revoking, setRevoking] = useState<TokenInfo>();
  const [message, setMessage] = useState<string>();
  const [copied, setCopied] = useState(false);
  return (
    <>
      <PageHeader title={t('tokens.title')} subtitle={t('tokens.intro')} actions={<button type="button" className="button-primary" onClick={() => setCreating(true)}>+ {t('tokens.new')}</button>} />
      {secret && (
        <div className="notice notice-warning secret-box" role="status">
          <p><strong>{t('tokens.secretTitle', { name: secret.name })}</strong> {t('tokens.secretOnce')}</p>
          <div className="inline-form">
            <input className="input-mono" readOnly value={secret.token} aria-label={t('tokens.secret')} onFocus={(e) => e.target.select()} />
            <button type="button" className="button-secondary button-small" onClick={() => void navigator.clipboard?.writeText(secret.token).then(() => setCopied(true))}>
              {copied ? t('tokens.copied') : t('tokens.copy')}
            </button>
            <button type="button" className="button-ghost button-small" onClick={() => setSecret(undefined)}>{t('common.close')}</button>
          </div>
          <p className="muted">{t('tokens.usage')} <code>Authorization: Bearer {secret.token.slice(0, 6)}…</code></p>
        </div>
      )}
      {message && <Notice kind="success">{message}</Notice>}
      <ErrorNotice error={tokens.error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('tokens.name')}</th>
            <th scope="col">{t('accounts.role')}</th>
            <th scope="col">{t('tokens.created')}</th>
            <th scope="col">{t('tokens.lastUsed')}</th>
            <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {list.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td><span className={`badge badge-role-${token.role}`}>{t(`role.${token.role}`)}</span></td>
              <td>{i18n.date(token.created)}</td>
              <td>{token.lastUsed ? i18n.date(token.lastUsed) : <span className="muted">{t('tokens.never')}</span>}</td>
              <td className="row-actions">
                <button type="button" className="button-small button-ghost button-ghost-danger" onClick={() => setRevoking(token)}>{t('tokens.revoke')}</button>
              </td>
            </tr>
          ))}
          {tokens.data && list.length === 0 && <tr><td colSpan={5} className="empty">{t('tokens.none')}</td></tr>}
        </tbody>
      </table>
      {creating && (
        <CreateToken
          onClose={() => setCreating(false)}
          onDone={(name, token) => { setCreating(false); setCopied(false); setSecret({ name, token }); setMessage(undefined); tokens.reload(); }}
        />
      )}
      {revoking && (
        <RevokeToken token={revoking} onClose={() => setRevoking(undefined)} onDone={() => { setMessage(t('tokens.revoked', { name: revoking.name })); setRevoking(undefined); tokens.reload(); }} />
      )}
    </>
  );
}

function CreateToken({ onClose, onDone }: { onClose(): void; onDone(name: string, token: string): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!name.trim()) return setErrors({ name: t('form.required') });
    setBusy(true);
    try {
      const answer = await api<{ id: string | number; token: string }>('POST', '/tokens', { name: name.trim(), role });
      onDone(name.trim(), answer.token);
    } catch (error) {
      setErrors(error instanceof ApiError && Object.keys(error.fields).length > 0 ? error.fields : { form: (error as Error).message });
      setBusy(false);
    }
  };
  return (
    <Modal title={t('tokens.new')} submitLabel={t('common.create')} busy={busy} onSubmit={() => void submit()} onClose={onClose}>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      <Field id="token-name" label={t('tokens.name')} hint={t('tokens.nameHint')} error={errors.name}>
        <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </Field>
      <Field id="token-role" label={t('accounts.role')} help={t('accounts.roleHelp')} error={errors.role}>
        <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <option value="viewer">{t('role.viewer')}</option>
          <option value="admin">{t('role.admin')}</option>
        </select>
      </Field>
    </Modal>
  );
}

function RevokeToken({ token, onClose, onDone }: { token: TokenInfo; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  const revoke = async () => {
    try {
      await api('DELETE', `/tokens/${encodeURIComponent(String(token.id))}`);
      onDone();
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  return (
    <Modal title={t('tokens.revokeTitle', { name: token.name })} submitLabel={t('tokens.revoke')} danger onSubmit={() => void revoke()} onClose={onClose}>
      <p>{t('tokens.revokeWarning')}</p>
      {error && <Notice kind="error">{error}</Notice>}
    </Modal>
  );
}
