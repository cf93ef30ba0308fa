import { enrolsAction } from './enrols/enrols-processor.js';
import { cohortsAction } from './cohorts/cohorts-processor.js';
import { cohortBindingsAction } from './cohorts/cohort-bindings-processor.js';
import type { RunnableAction } from './archive-processor.js';
import { userPicturesAction } from './userpictures/userpictures-processor.js';
import { usersAddAction } from './users/users-processor.js';
import { usersDeleteAction, usersRestoreAction, usersSuspendAction } from './users/users-status-processor.js';
import { courseGroupsAction } from './groups/course-groups-processor.js';
import { groupMembersAction } from './groups/group-members-processor.js';
import { coursesCreateAction } from './courses/upload-processor.js';
import { courseCheckAction } from './courses/course-check-processor.js';
import { courseDeleteAction } from './courses/course-delete-processor.js';
import { metacoursesAction } from './courses/metacourses-processor.js';
import { courseResetAction } from './courses/course-reset-processor.js';

/** Every processor action tool-sync can run. */
export const ACTIONS: readonly RunnableAction[] = [
  usersAddAction,
  usersDeleteAction,
  usersSuspendAction,
  usersRestoreAction,
  courseGroupsAction,
  groupMembersAction,
  enrolsAction,
  cohortsAction,
  cohortBindingsAction,
  userPicturesAction,
  coursesCreateAction,
  // Course maintenance files (after courses/create, so that `courses` alone names the creation file).
  courseResetAction,
  courseCheckAction,
  courseDeleteAction,
  metacoursesAction,
];

/** Finds an action by `processor` (its first action) or `processor/action`. */
export function findAction(name: string): RunnableAction | undefined {
  const [processor, action] = name.split(/[/:]/);
  return ACTIONS.find((candidate) => candidate.processor === processor && (action === undefined || candidate.action === action));
}

export function actionName(action: RunnableAction): string {
  return `${action.processor}/${action.action}`;
}
