import type { Bilingual } from '../errors.js';
import type { SettingDefinition } from './setting-definition.js';

/** The processors a notification can be set for, with their names in both languages. */
const NOTIFIED_PROCESSORS: readonly { readonly processor: string; readonly name: Bilingual }[] = [
  { processor: 'users', name: { en: 'users', fr: 'utilisateurs' } },
  { processor: 'courses', name: { en: 'courses', fr: 'cours' } },
  { processor: 'enrols', name: { en: 'enrolments', fr: 'inscriptions' } },
  { processor: 'userpictures', name: { en: 'user pictures', fr: 'photos des utilisateurs' } },
  { processor: 'cohorts', name: { en: 'cohorts', fr: 'cohortes' } },
  { processor: 'groups', name: { en: 'groups', fr: 'groupes' } },
];

/** The keys of a processor's notification settings. */
export function notificationKeys(processor: string): { readonly to: string; readonly when: string } | undefined {
  if (!NOTIFIED_PROCESSORS.some((entry) => entry.processor === processor)) return undefined;
  return { to: `notify_${processor}_to`, when: `notify_${processor}_when` };
}

/**
 * The settings of the service (extensions): the drop-folder watcher, and per processor the mail of each run's
 * summary and report to a list of addresses.
 */
export const SERVICE_SETTINGS: readonly SettingDefinition[] = [
  {
    key: 'service_watchdropfolder',
    section: 'service',
    extension: true,
    type: 'boolean',
    default: false,
    label: { en: 'Run when a file arrives in the drop folder', fr: 'Exécuter à l’arrivée d’un fichier dans le dossier de dépôt' },
    help: {
      en: 'When on, the service watches the drop folder (data/sync): once a file there is completely written, it is captured into the file area and the processor whose file location designates it runs at once, without waiting for its schedule. Files that no location designates are captured and left for their schedule or a manual run.',
      fr: 'Si activé, le service surveille le dossier de dépôt (data/sync) : dès qu’un fichier y est complètement écrit, il est capturé dans la zone de fichiers et le traitement dont l’emplacement de fichier le désigne s’exécute aussitôt, sans attendre sa planification. Les fichiers qu’aucun emplacement ne désigne sont capturés et attendent leur planification ou une exécution manuelle.',
    },
  },
  ...NOTIFIED_PROCESSORS.flatMap(({ processor, name }): SettingDefinition[] => [
    {
      key: `notify_${processor}_to`,
      section: 'service',
      extension: true,
      type: 'text',
      default: '',
      label: { en: `Mail the ${name.en} runs to`, fr: `Envoyer les exécutions (${name.fr}) à` },
      help: {
        en: `Addresses, separated by commas, that receive the summary and the report of each ${name.en} run (never of a simulation). Empty: no mail.`,
        fr: `Adresses, séparées par des virgules, qui reçoivent le bilan et le rapport de chaque exécution (${name.fr}), jamais d’une simulation. Vide : aucun courriel.`,
      },
    },
    {
      key: `notify_${processor}_when`,
      section: 'service',
      extension: true,
      type: 'select',
      default: 'errors',
      options: [
        { value: 'errors', label: { en: 'On errors only', fr: 'En cas d’erreur seulement' } },
        { value: 'always', label: { en: 'After every run', fr: 'Après chaque exécution' } },
      ],
      label: { en: `When to mail the ${name.en} runs`, fr: `Quand envoyer les exécutions (${name.fr})` },
      help: {
        en: `"On errors only" mails a ${name.en} run that failed, was cancelled or has rows in error; "After every run" mails them all.`,
        fr: `« En cas d’erreur seulement » envoie une exécution (${name.fr}) échouée, annulée ou avec des lignes en erreur ; « Après chaque exécution » les envoie toutes.`,
      },
    },
  ]),
];
