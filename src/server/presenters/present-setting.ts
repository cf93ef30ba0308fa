import type { Bilingual } from '../../errors.js';
import type { SettingDefinition, SettingSection, SettingValue } from '../../settings/setting-definition.js';

/** The names of the settings screens, in the original's words where it has them. */
export const SECTION_LABELS: Record<SettingSection, Bilingual> = {
  courses: { en: 'Courses synchronization', fr: 'Synchronisation des cours' },
  users: { en: 'Users synchronization', fr: 'Synchronisation des utilisateurs' },
  enrols: { en: 'Automation of enrolments', fr: 'Automatisation des inscriptions' },
  userpictures: { en: 'User pictures synchronisation', fr: 'Synchronisation des photos des utilisateurs' },
  cohorts: { en: 'Cohorts synchronisation', fr: 'Synchronisation des cohortes' },
  groups: { en: 'Course group operations', fr: 'Opérations sur les groupes de cours' },
  fileformat: { en: 'Input files format configuration', fr: 'Format des fichiers d’entrée' },
  postprocess: { en: 'Post-processing', fr: 'Post-traitement' },
  platform: { en: 'Platform and mails', fr: 'Plateforme et courriels' },
  service: { en: 'Service: drop-folder watcher and notifications', fr: 'Service : surveillance du dossier de dépôt et notifications' },
};

/** A setting as the API shows it; a secret's value never leaves the service (none is kept in settings today). */
export function presentSetting(definition: SettingDefinition, value: SettingValue) {
  return {
    key: definition.key,
    type: definition.type,
    ...(definition.type === 'select' ? { allowed: definition.options.map((option) => ({ value: option.value, label: option.label })) } : {}),
    ...(definition.type === 'integer' ? { min: definition.min, ...(definition.max === undefined ? {} : { max: definition.max }) } : {}),
    default: definition.default,
    value,
    label: definition.label,
    help: definition.help,
    extension: definition.extension ?? false,
  };
}
