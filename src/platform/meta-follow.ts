import { syncMetaCourses } from './meta-sync.js';
import type { OperationInput, OperationKind } from './operations.js';
import type { Platform } from './platform.js';

type Run = Platform['run'];

/** Where the enrolment instances a call names are (their courses), as the platform that follows can tell. */
export type InstanceCourses = (instanceIds: readonly number[]) => Promise<readonly number[]>;

/**
 * The courses whose enrolments or roles an operation is about to change, read before it runs (a deleted
 * instance no longer tells its course after): what Moodle's enrol_meta observers watch. Null for operations
 * that change no enrolment or role of a course.
 */
async function touchedCourses(raw: Run, instanceCourses: InstanceCourses, kind: OperationKind, input: unknown): Promise<readonly number[] | null> {
  switch (kind) {
    case 'enrolUsers':
    case 'updateEnrolments':
    case 'unenrolUsers':
    case 'setEnrolInstancesStatus':
      return instanceCourses((input as OperationInput<'unenrolUsers'>).map((item) => item.instanceId));
    case 'deleteEnrolInstances':
      return instanceCourses(input as OperationInput<'deleteEnrolInstances'>);
    case 'assignCourseRoles':
    case 'unassignCourseRoles':
      return (input as OperationInput<'assignCourseRoles'>).map((item) => item.courseId);
    case 'syncCohortEnrolments':
      return (input as OperationInput<'syncCohortEnrolments'>).courseIds;
    case 'deleteCohorts': {
      const instances = await raw('findEnrolInstances', { cohortIds: input as OperationInput<'deleteCohorts'> });
      return instances.map((instance) => instance.courseId);
    }
    default:
      return null;
  }
}

/**
 * Runs an operation as Moodle does with enrol_meta enabled: when it changes the enrolments or roles of courses
 * that meta courses mirror, those meta courses are synced after it (through `raw`, the platform's operations
 * without this follow-up, so that a sync does not follow itself). Costs two small reads when no link exists.
 */
export async function runFollowingMetaLinks<T>(raw: Run, instanceCourses: InstanceCourses, kind: OperationKind, input: unknown, operation: () => Promise<T>): Promise<T> {
  const touched = await touchedCourses(raw, instanceCourses, kind, input);
  const output = await operation();
  if (touched?.length) {
    const links = await raw('findMetaLinks', { parentIds: [...new Set(touched)] });
    const metaCourses = links.filter((link) => link.enabled).map((link) => link.courseId);
    if (metaCourses.length) await syncMetaCourses(raw, metaCourses);
  }
  return output;
}
