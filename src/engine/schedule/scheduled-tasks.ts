import type { Bilingual } from '../../errors.js';
import { findAction, type ProcessorAction } from '../actions.js';

/** A task the scheduler can run: the actions of one processor in order, or the file-area cleanup. */
export interface ScheduledTask {
  readonly task: string;
  /** The processor whose actions it runs; absent for the cleanup task. */
  readonly processor?: string;
  /** `processor/action` names, run in this order after a capture of the drop folder. */
  readonly actions: readonly string[];
  /** The original's schedule (spec 2.13); every task is disabled until an administrator enables it. */
  readonly defaultCron: string;
  readonly label: Bilingual;
}

/**
 * The tasks of spec 2.13 with the original's default schedules, plus the groups task (declared nowhere in the
 * original: spec README item 15) and the cleanup task. Course reset and check, and user delete, suspend and
 * restore, are never scheduled, as in the original.
 */
export const SCHEDULED_TASKS: readonly ScheduledTask[] = [
  { task: 'users', processor: 'users', actions: ['users/add'], defaultCron: '0 */6 * * *', label: { en: 'CSV users synchronisation', fr: 'Synchronisation des utilisateurs par fichier' } },
  { task: 'enrols', processor: 'enrols', actions: ['enrols/sync'], defaultCron: '30 */6 * * *', label: { en: 'CSV enrolment synchronisation', fr: 'Synchronisation des inscriptions par fichier' } },
  { task: 'userpictures', processor: 'userpictures', actions: ['userpictures'], defaultCron: '0 */12 * * *', label: { en: 'CSV user picture synchronisation', fr: 'Synchronisation des photos des utilisateurs' } },
  { task: 'cohorts', processor: 'cohorts', actions: ['cohorts/cohorts', 'cohorts/bindings'], defaultCron: '15 */12 * * *', label: { en: 'CSV cohorts synchronisation', fr: 'Synchronisation des cohortes par fichier' } },
  { task: 'courses', processor: 'courses', actions: ['courses/delete', 'courses/create', 'courses/metas'], defaultCron: '0 */12 * * *', label: { en: 'CSV course synchronisation', fr: 'Synchronisation des cours par fichier' } },
  { task: 'groups', processor: 'groups', actions: ['groups/groups', 'groups/members'], defaultCron: '45 */12 * * *', label: { en: 'CSV course groups synchronisation', fr: 'Synchronisation des groupes par fichier' } },
  { task: 'cleanup', actions: [], defaultCron: '0 1 */1 * *', label: { en: 'File area old files cleanup', fr: 'Nettoyage des anciens fichiers de la zone' } },
];

/** The actions of a task that this build has (a processor not built yet gives none). */
export function taskActions(task: ScheduledTask): ProcessorAction[] {
  return task.actions.map((name) => findAction(name)).filter((action): action is ProcessorAction => action !== undefined);
}

/** The tasks this build can run: the cleanup, and those with at least one action. */
export function availableTasks(): ScheduledTask[] {
  return SCHEDULED_TASKS.filter((task) => task.processor === undefined || taskActions(task).length > 0);
}
