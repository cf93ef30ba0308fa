import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import { Link, useRouter } from '../router/router';
import { LanguageSwitch } from './language-switch';
import { useSession } from './session';

interface NavItem {
  readonly to: string;
  readonly label: MessageKey;
  readonly adminOnly?: boolean;
}

const NAVIGATION: readonly { readonly title: MessageKey; readonly items: readonly NavItem[] }[] = [
  {
    title: 'nav.processors',
    items: [
      { to: '/settings/users', label: 'group.users' },
      { to: '/settings/userpictures', label: 'group.userpictures' },
      { to: '/settings/courses', label: 'group.courses' },
      { to: '/settings/enrols', label: 'group.enrols' },
      { to: '/settings/cohorts', label: 'group.cohorts' },
      { to: '/settings/groups', label: 'group.groups' },
    ],
  },
  {
    title: 'nav.configuration',
    items: [
      { to: '/settings/fileformat', label: 'group.fileformat' },
      { to: '/settings/postprocess', label: 'group.postprocess' },
      { to: '/settings/platform', label: 'group.platform' },
      { to: '/settings/service', label: 'group.service' },
      { to: '/schedules', label: 'nav.schedules' },
    ],
  },
  {
    title: 'nav.operation',
    items: [
      { to: '/files', label: 'nav.files' },
      { to: '/runs', label: 'nav.runs' },
      { to: '/data/users', label: 'nav.data' },
      { to: '/utilities', label: 'nav.utilities' },
    ],
  },
  {
    title: 'nav.administration',
    items: [
      { to: '/accounts', label: 'nav.accounts', adminOnly: true },
      { to: '/tokens', label: 'nav.tokens', adminOnly: true },
    ],
  },
];

/** The frame of every page once logged in: header with language and account, navigation on the left. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { account, canWrite, setLanguage, logOut } = useSession();
  const { location } = useRouter();
  const section = (to: string) => `/${to.split('/')[1]}`;
  const isCurrent = (to: string) => location.path === to || (to.startsWith('/data') ? location.path.startsWith('/data') : location.path.startsWith(`${to}/`) && section(to) !== '/settings');
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">⇄</span> tool-sync
        </Link>
        <div className="header-tools">
          <LanguageSwitch onChange={(lang) => void setLanguage(lang)} />
          <span className="account" title={t(`role.${account.role}`)}>
            <span className="account-name">{account.username}</span>
            <span className={`badge badge-role-${account.role}`}>{t(`role.${account.role}`)}</span>
          </span>
          <button type="button" className="button-secondary button-small" onClick={() => void logOut()}>
            {t('header.logout')}
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label={t('nav.label')}>
        {NAVIGATION.map((group) => {
          const items = group.items.filter((item) => canWrite || !item.adminOnly);
          if (items.length === 0) return null;
          return (
            <div key={group.title} className="nav-group">
              <div className="nav-title">{t(group.title)}</div>
              <ul>
                {items.map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} aria-current={isCurrent(item.to) ? 'page' : undefined}>
                      {t(item.label)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </nav>
      <main id="main" className="main">
        {children}
      </main>
    </div>
  );
}

/** The title row of a page, with its actions on the right. */
export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: string; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
