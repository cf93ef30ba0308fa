import type { ItemResult } from '../item-result.js';
import type { Changed, CohortSyncCounts, EnrolInstanceStatus, NewCohortInstance } from '../operations.js';
import { MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { sendPluginItems } from './plugin-items.js';

/** Cohort enrolment instances: no core function writes them, the companion plugin does (each item on its own). */
export async function addCohortInstances(ctx: MoodleContext, input: readonly NewCohortInstance[]): Promise<ItemResult<{ id: number; added: boolean }>[]> {
  const toParams = (batch: readonly NewCohortInstance[]) => ({
    instances: batch.map((instance) => ({
      courseid: instance.courseId, cohortid: instance.cohortId, roleid: instance.roleId, groupid: instance.groupId ?? 0,
      enrolstart: instance.enrolstart ?? 0, enrolend: instance.enrolend ?? 0,
    })),
  });
  return sendPluginItems(ctx, 'local_toolsync_add_cohort_instances', input, toParams,
    (answer) => ({ id: Number(answer.id), added: Boolean(answer.added) }), MAX_ITEMS.small);
}

export async function setEnrolInstancesStatus(ctx: MoodleContext, input: readonly EnrolInstanceStatus[]): Promise<ItemResult<Changed>[]> {
  const toParams = (batch: readonly EnrolInstanceStatus[]) => ({ instances: batch.map((item) => ({ id: item.instanceId, enabled: item.enabled, roleid: item.roleId ?? 0 })) });
  return sendPluginItems(ctx, 'local_toolsync_set_enrol_instances_status', input, toParams, (answer) => ({ changed: Boolean(answer.changed) }), MAX_ITEMS.small);
}

export async function deleteEnrolInstances(ctx: MoodleContext, input: readonly number[]): Promise<ItemResult<null>[]> {
  const toParams = (batch: readonly number[]) => ({ instanceids: batch });
  return sendPluginItems(ctx, 'local_toolsync_delete_enrol_instances', input, toParams, () => null, MAX_ITEMS.small);
}

/** Moodle's enrol_cohort_sync for these courses, run by the companion plugin, which counts what it changed. */
export async function syncCohortEnrolments(ctx: MoodleContext, input: { readonly courseIds: readonly number[] }): Promise<CohortSyncCounts> {
  if (!input.courseIds.length) return { enrolled: 0, unenrolled: 0, suspended: 0, reactivated: 0 };
  return ctx.client.call<CohortSyncCounts>('local_toolsync_sync_cohort_enrolments', { courseids: input.courseIds }, 'write');
}
