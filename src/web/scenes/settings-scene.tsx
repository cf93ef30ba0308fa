import { api } from '../api/client';
import type { ProcessorInfo, SettingsGroup } from '../api/types';
import { ErrorNotice, Notice } from '../components/notice';
import { RunPanel } from '../components/run-panel';
import { useSession } from '../components/session';
import { SettingsForm } from '../components/settings-form';
import { PageHeader } from '../components/shell';
import { useLoad } from '../components/use-load';
import { EN, type MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';

/** The screens of processors: each has a manual run once its processor is part of the build. */
const PROCESSOR_GROUPS = ['users', 'userpictures', 'courses', 'enrols', 'cohorts', 'groups'];

/** One settings screen (a processor's, the input format's, the post-processing's…), with the manual run of its processors. */
export function SettingsScene({ groupId }: { groupId: string }) {
  const { t, pick } = useI18n();
  const { canWrite } = useSession();
  const loaded = useLoad(
    () => Promise.all([api<{ groups: SettingsGroup[] }>('GET', '/settings'), api<ProcessorInfo[]>('GET', '/processors')]),
    [],
  );
  const [settings, processors] = loaded.data ?? [];
  const group = settings?.groups.find((candidate) => candidate.id === groupId);
  const actions = (processors ?? []).filter((processor) => processor.settingsGroup === groupId);
  const placeholders = Object.fromEntries(
    (processors ?? []).filter((action) => action.locationSetting && action.defaultFile).map((action) => [action.locationSetting!, action.defaultFile!]),
  );
  const known = `group.${groupId}` in EN;
  const title = group ? pick(group.label) : known ? t(`group.${groupId}` as MessageKey) : groupId;
  const introKey = `intro.${groupId}`;
  return (
    <>
      <PageHeader title={title} subtitle={introKey in EN ? t(introKey as MessageKey) : undefined} />
      <ErrorNotice error={loaded.error} />
      {loaded.data && !group && <Notice kind="warning">{t('settings.noGroup')}</Notice>}
      {group && (
        <div className="settings-layout">
          {canWrite && actions.length > 0 && <RunPanel actions={actions} settings={group.settings} />}
          {PROCESSOR_GROUPS.includes(groupId) && actions.length === 0 && <Notice kind="info">{t('run.notInBuild')}</Notice>}
          <SettingsForm group={group} canWrite={canWrite} placeholders={placeholders} onSaved={loaded.reload} />
        </div>
      )}
    </>
  );
}
