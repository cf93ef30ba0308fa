import { useEffect } from 'react';
import { Notice } from '../components/notice';
import { useSession } from '../components/session';
import { useI18n } from '../i18n/i18n';
import { matchPath, useRouter } from '../router/router';
import { AccountsScene } from './accounts-scene';
import { DataScene } from './data-scene';
import { FilesScene } from './files-scene';
import { RunDetailScene } from './run-detail-scene';
import { RunsScene } from './runs-scene';
import { SchedulesScene } from './schedules-scene';
import { SettingsScene } from './settings-scene';
import { TokensScene } from './tokens-scene';
import { UtilitiesScene } from './utilities-scene';

/** The console's pages by path. */
export function Pages() {
  const { t } = useI18n();
  const { canWrite } = useSession();
  const { location, navigate } = useRouter();
  const path = location.path;
  useEffect(() => {
    if (path === '/' || path === '/login' || path === '/setup') navigate('/runs', { replace: true });
  }, [path, navigate]);

  let params;
  if ((params = matchPath('/settings/:group', path))) return <SettingsScene key={params.group} groupId={params.group!} />;
  if ((params = matchPath('/runs/:id', path))) return <RunDetailScene key={params.id} id={Number(params.id)} />;
  if ((params = matchPath('/data/:entity', path))) return <DataScene entity={params.entity!} />;
  if (matchPath('/runs', path)) return <RunsScene />;
  if (matchPath('/files', path)) return <FilesScene />;
  if (matchPath('/schedules', path)) return <SchedulesScene />;
  if (matchPath('/utilities', path)) return <UtilitiesScene />;
  if (matchPath('/accounts', path) || matchPath('/tokens', path)) {
    if (!canWrite) return <Notice kind="warning">{t('common.adminOnly')}</Notice>;
    return path.startsWith('/accounts') ? <AccountsScene /> : <TokensScene />;
  }
  if (path === '/' || path === '/login' || path === '/setup') return null;
  return <Notice kind="warning">{t('common.notFound')}</Notice>;
}
