import { enrolsAction } from './enrols/enrols-processor.js';
import { cohortsAction } from './cohorts/cohorts-processor.js';
import { cohortBindingsAction } from './cohorts/cohort-bindings-processor.js';
import type { ProcessorAction } from './processor.js';
import { usersAddAction } from './users/users-processor.js';
import { usersDeleteAction, usersRestoreAction, usersSuspendAction } from './users/users-status-processor.js';
import { courseGroupsAction } from './groups/course-groups-processor.js';
import { groupMembersAction } from './groups/group-members-processor.js';
import { courseCheckAction } from './courses/course-check-processor.js';
import { courseDeleteAction } from './courses/course-delete-processor.js';
import { metacoursesAction } from './courses/metacourses-processor.js';
import { courseResetAction } from './courses/course-reset-processor.js';

/** Every processor action tool-sync can run. */
export const ACTIONS: readonly ProcessorAction[] = [
  usersAddAction,
  usersDeleteAction,
  usersSuspendAction,
  usersRestoreAction,
  courseGroupsAction,
  groupMembersAction,
  enrolsAction,
  cohortsAction,
  cohortBindingsAction,
  // Course maintenance files (after courses/create, so that `courses` alone names the creation file).
  courseResetAction,
  courseCheckAction,
  courseDeleteAction,
  metacoursesAction,
];

/** Finds an action by `processor` (its first action) or `processor/action`. */
export function findAction(name: string): ProcessorAction | undefined {
  const [processor, action] = name.split(/[/:]/);
  return ACTIONS.find((candidate) => candidate.processor === processor && (action === undefined || candidate.action === action));
}

export function actionName(action: ProcessorAction): string {
  return `${action.processor}/${action.action}`;
}
