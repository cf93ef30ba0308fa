import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { Account, Lang, Role } from '../api/types';
import { Field } from '../components/field';
import { Modal } from '../components/modal';
import { ErrorNotice, Notice } from '../components/notice';
import { useSession } from '../components/session';
import { PageHeader } from '../components/shell';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';

const MIN_PASSWORD = 10;

/** The console's accounts (administrators only): create, change role or password, delete. */
export function AccountsScene() {
  const { t } = useI18n();
  const { account: me } = useSession();
  const accounts = useLoad(() => api<Account[] | { accounts: Account[] }>('GET', '/accounts'), []);
  const list = Array.isArray(accounts.data) ? accounts.data : accounts.data?.accounts ?? [];
  const [editing, setEditing] = useState<Account | 'new'>();
  const [removing, setRemoving] = useState<Account>();
  const [message, setMessage] = useState<string>();
  const done = (text: string) => {
    setEditing(undefined);
    setRemoving(undefined);
    setMessage(text);
    accounts.reload();
  };
  return (
    <>
      <PageHeader title={t('accounts.title')} subtitle={t('accounts.intro')} actions={<button type="button" className="button-primary" onClick={() => setEditing('new')}>+ {t('accounts.new')}</button>} />
      {message && <Notice kind="success">{message}</Notice>}
      <ErrorNotice error={accounts.error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('login.username')}</th>
            <th scope="col">{t('accounts.role')}</th>
            <th scope="col">{t('accounts.lang')}</th>
            <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {list.map((account) => (
            <tr key={account.username}>
              <td>{account.username}{account.username === me.username && <span className="muted"> ({t('accounts.you')})</span>}</td>
              <td><span className={`badge badge-role-${account.role}`}>{t(`role.${account.role}`)}</span></td>
              <td>{account.lang === 'fr' ? 'Français' : 'English'}</td>
              <td className="row-actions">
                <button type="button" className="button-small button-ghost" onClick={() => setEditing(account)}>{t('common.edit')}</button>
                {account.username !== me.username && (
                  <button type="button" className="button-small button-ghost button-ghost-danger" onClick={() => setRemoving(account)}>{t('common.delete')}</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && <AccountDialog account={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onDone={done} />}
      {removing && <RemoveAccount account={removing} onClose={() => setRemoving(undefined)} onDone={done} />}
    </>
  );
}

function AccountDialog({ account, onClose, onDone }: { account?: Account; onClose(): void; onDone(text: string): void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState(account?.username ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(account?.role ?? 'viewer');
  const [lang, setLang] = useState<Lang>(account?.lang ?? 'en');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const found = {
      username: account || /^[A-Za-z0-9._@-]{1,64}$/.test(username.trim()) ? undefined : t('setup.usernameForm'),
      password: (!account || password) && password.length < MIN_PASSWORD ? t('setup.passwordShort', { min: MIN_PASSWORD }) : undefined,
    };
    setErrors(found);
    if (found.username || found.password) return;
    setBusy(true);
    try {
      if (account) {
        await api('PATCH', `/accounts/${encodeURIComponent(account.username)}`, { role, lang, ...(password ? { password } : {}) });
        onDone(t('accounts.updated', { name: account.username }));
      } else {
        await api('POST', '/accounts', { username: username.trim(), password, role, lang });
        onDone(t('accounts.created', { name: username.trim() }));
      }
    } catch (error) {
      setErrors(error instanceof ApiError && Object.keys(error.fields).length > 0 ? error.fields : { form: (error as Error).message });
      setBusy(false);
    }
  };
  return (
    <Modal title={account ? t('accounts.editTitle', { name: account.username }) : t('accounts.new')} submitLabel={account ? t('common.save') : t('common.create')} busy={busy} onSubmit={() => void submit()} onClose={onClose}>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      {!account && (
        <Field id="account-username" label={t('login.username')} error={errors.username}>
          <input id="account-username" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
        </Field>
      )}
      <Field id="account-password" label={account ? t('accounts.newPassword') : t('login.password')} hint={account ? t('accounts.passwordKeep') : t('setup.passwordHint', { min: MIN_PASSWORD })} error={errors.password}>
        <input id="account-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Field id="account-role" label={t('accounts.role')} help={t('accounts.roleHelp')} error={errors.role}>
        <select id="account-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <option value="admin">{t('role.admin')}</option>
          <option value="viewer">{t('role.viewer')}</option>
        </select>
      </Field>
      <Field id="account-lang" label={t('accounts.lang')} error={errors.lang}>
        <select id="account-lang" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </Field>
    </Modal>
  );
}

function RemoveAccount({ account, onClose, onDone }: { account: Account; onClose(): void; onDone(text: string): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  const remove = async () => {
    try {
      await api('DELETE', `/accounts/${encodeURIComponent(account.username)}`);
      onDone(t('accounts.deleted', { name: account.username }));
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  return (
    <Modal title={t('accounts.deleteTitle', { name: account.username })} submitLabel={t('common.delete')} danger onSubmit={() => void remove()} onClose={onClose}>
      <p>{t('accounts.deleteWarning')}</p>
      {error && <Notice kind="error">{error}</Notice>}
    </Modal>
  );
}
