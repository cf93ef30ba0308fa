import type { ProcessorContext } from '../processor.js';

/** What a run did to cohorts, for the work at its end. */
export interface RunChanges {
  /** Cohorts whose members changed. */
  readonly changed: Set<number>;
  /** Cohorts the run removed members from. */
  readonly emptied: Set<number>;
  /** Cohorts the run deleted (their cohort enrolment instances went with them). */
  readonly deleted: Set<number>;
}

/**
 * `cohorts_syncdelete`: the cohorts this run removed members from and that are left without any are deleted,
 * one notice each (a cohort merely created empty by the run is kept: the setting's help speaks of cohorts
 * whose last members the run removed).
 */
export async function deleteEmptiedCohorts(context: ProcessorContext, changes: RunChanges): Promise<void> {
  const candidates = [...changes.emptied].filter((id) => !changes.deleted.has(id)).sort((a, b) => a - b);
  if (!candidates.length) return;
  const { platform } = context;
  const members = await platform.run('findCohortMembers', { cohortIds: candidates });
  const occupied = new Set(members.map((member) => member.cohortId));
  const empty = candidates.filter((id) => !occupied.has(id));
  if (!empty.length) return;
  const cohorts = new Map((await platform.run('findCohorts', { by: { id: empty.map(String) } })).map((cohort) => [cohort.id, cohort]));
  const results = await platform.run('deleteCohorts', empty);
  for (const [index, id] of empty.entries()) {
    const result = results[index]!;
    const params = { id, name: cohorts.get(id)?.name ?? '' };
    if (result.ok) {
      changes.deleted.add(id);
      await context.notice('COHORTS_EMPTY_DELETED', params);
    } else await context.notice('COHORTS_EMPTY_DELETE_FAILED', { ...params, reason: result.error.message });
  }
}

/**
 * The cohort enrolment sync of the courses bound to the cohorts whose members changed, and only those
 * (decision 59), with one notice of its counts. Deleted cohorts need none: their instances and enrolments went.
 */
export async function syncCohortCourses(context: ProcessorContext, changes: RunChanges): Promise<void> {
  const cohortIds = [...changes.changed].filter((id) => !changes.deleted.has(id));
  if (!cohortIds.length) return;
  const { platform } = context;
  const instances = await platform.run('findEnrolInstances', { cohortIds });
  const courseIds = [...new Set(instances.map((instance) => instance.courseId))];
  if (!courseIds.length) return;
  const counts = await platform.run('syncCohortEnrolments', { courseIds });
  await context.notice('COHORTS_SYNC_DONE', { courses: courseIds.length, ...counts });
}
