import { reject } from '../embedded/rejections.js';
import type { ItemResult } from '../item-result.js';
import type {
  Added, Changed, CourseRoleAssignment, CourseUserQuery, EnrolInstanceQuery, Enrolment, EnrolmentChange, PlatformEnrolInstance, PlatformEnrolment, Removed, Unenrolment,
} from '../operations.js';
import { inBatches, inSequence, refusedBy, sendAll } from './batch-semantics.js';
import { findRoles } from './references.js';
import { batchesOf, distinct, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { sendPluginItems, throughPlugin } from './plugin-items.js';
import { chunks } from './ws-batches.js';

interface WsInstance {
  readonly id: number;
  readonly courseid: number;
  readonly enrol: string;
  readonly status: number;
  readonly sortorder: number;
  readonly roleid: number;
  readonly customint1: number | null;
  readonly customint2: number | null;
}

/**
 * Enrolment instances from the companion plugin (core lists only self and guest ones). An empty list of the
 * plugin's call means no filter, so an empty list asked here answers at once.
 */
export async function findEnrolInstances(ctx: MoodleContext, query: EnrolInstanceQuery | { readonly instanceIds: readonly number[] }): Promise<PlatformEnrolInstance[]> {
  const lists = ['courseIds', 'cohortIds', 'instanceIds'] as const;
  if (lists.some((name) => (query as Record<string, readonly number[] | undefined>)[name]?.length === 0)) return [];
  const instances = await ctx.client.call<WsInstance[]>('local_toolsync_get_enrol_instances', {
    courseids: (query as { courseIds?: readonly number[] }).courseIds ?? [],
    cohortids: (query as { cohortIds?: readonly number[] }).cohortIds ?? [],
    instanceids: (query as { instanceIds?: readonly number[] }).instanceIds ?? [],
    enrol: (query as { enrol?: string }).enrol ?? '',
  }, 'read');
  return instances
    .map((instance) => ({
      id: instance.id,
      courseId: instance.courseid,
      enrol: instance.enrol,
      enabled: instance.status === 0,
      sortorder: instance.sortorder,
      roleId: instance.roleid,
      cohortId: instance.enrol === 'cohort' ? instance.customint1 : null,
      groupId: instance.enrol === 'cohort' && instance.customint2 ? instance.customint2 : null,
    }))
    .sort((a, b) => a.courseId - b.courseId || a.sortorder - b.sortorder || a.id - b.id);
}

interface WsUserEnrolment {
  readonly enrolid: number;
  readonly courseid: number;
  readonly userid: number;
  readonly status: number;
  readonly timestart: number;
  readonly timeend: number;
}

/** User enrolments from the companion plugin (core returns no dates, status nor method): by pairs, courses × users, or instances. */
export async function findEnrolments(ctx: MoodleContext, query: CourseUserQuery): Promise<PlatformEnrolment[]> {
  const call = (params: { courseids?: readonly number[]; userids?: readonly number[]; pairs?: readonly { courseid: number; userid: number }[]; instanceids?: readonly number[] }) =>
    ctx.client.call<WsUserEnrolment[]>('local_toolsync_get_user_enrolments', { courseids: [], userids: [], pairs: [], instanceids: [], ...params }, 'read');
  let lists: WsUserEnrolment[];
  if ('pairs' in query) {
    const pairs = query.pairs.map((pair) => ({ courseid: pair.courseId, userid: pair.userId }));
    lists = await inBatches(batchesOf(ctx, pairs, (batch) => ({ pairs: batch }), MAX_ITEMS.lookups), (batch) => call({ pairs: batch }));
  } else if ('instanceIds' in query) {
    lists = await inBatches(chunks(distinct(query.instanceIds), MAX_ITEMS.lookups), (ids) => call({ instanceids: ids }));
  } else {
    if (!query.courseIds.length || !query.userIds.length) return [];
    const courseids = distinct(query.courseIds);
    lists = await inBatches(chunks(distinct(query.userIds), MAX_ITEMS.lookups), (userids) => call({ courseids, userids }));
  }
  return lists.map((ue) => ({ instanceId: ue.enrolid, courseId: ue.courseid, userId: ue.userid, suspended: ue.status === 1, timestart: ue.timestart, timeend: ue.timeend }));
}

/**
 * Enrols through manual instances with enrol_manual_enrol_users (ALL, bisected), always with the full state:
 * Moodle clears dates not sent and reactivates an enrolment sent without `suspend`. Other methods go through the
 * companion plugin (core enrols through no other method). Unknown roles are refused first: Moodle would only say
 * that the role cannot be assigned.
 */
export async function enrolUsers(ctx: MoodleContext, input: readonly Enrolment[]): Promise<ItemResult<Added>[]> {
  const instances = new Map((await findEnrolInstances(ctx, { instanceIds: distinct(input.map((item) => item.instanceId)) })).map((instance) => [instance.id, instance]));
  const roles = new Set((await findRoles(ctx, { by: { id: distinct(input.map((item) => String(item.roleId))) } })).map((role) => role.id));
  const pairs = input.flatMap((item) => {
    const instance = instances.get(item.instanceId);
    return instance ? [{ courseId: instance.courseId, userId: item.userId }] : [];
  });
  const enrolled = new Set((await findEnrolments(ctx, { pairs })).map((ue) => `${ue.instanceId}:${ue.userId}`));
  const results: ItemResult<Added>[] = [];
  const manual: { index: number; item: Enrolment; courseId: number; added: boolean }[] = [];
  const other: { index: number; item: Enrolment }[] = [];
  for (const [index, item] of input.entries()) {
    const instance = instances.get(item.instanceId);
    const key = `${item.instanceId}:${item.userId}`;
    if (!instance) results[index] = reject.enrolInstanceNotFound(item.instanceId);
    else if (!roles.has(item.roleId)) results[index] = reject.roleNotFound(item.roleId);
    else if (instance.enrol !== 'manual') other.push({ index, item });
    else {
      manual.push({ index, item, courseId: instance.courseId, added: !enrolled.has(key) });
      enrolled.add(key);
    }
  }
  const toParams = (batch: readonly { item: Enrolment; courseId: number }[]) => ({
    enrolments: batch.map(({ item, courseId }) => ({
      roleid: item.roleId, userid: item.userId, courseid: courseId, timestart: item.timestart, timeend: item.timeend, suspend: item.suspended ? 1 : 0,
    })),
  });
  const sent = await inSequence(batchesOf(ctx, manual, toParams, MAX_ITEMS.memberships), (batch) =>
    sendAll('enrol_manual_enrol_users', batch, async (items) => {
      await ctx.client.call<null>('enrol_manual_enrol_users', toParams(items), 'write');
      return items.map(({ added }) => ({ added }));
    }, (exception, { item }) => (exception.missingTable ? reject.userNotFound(item.userId) : refusedBy(exception))));
  manual.forEach(({ index }, position) => (results[index] = sent[position]!));
  await throughPlugin(ctx, 'local_toolsync_enrol_users', other, results, ({ item }) => ({
    enrolid: item.instanceId, userid: item.userId, roleid: item.roleId, timestart: item.timestart, timeend: item.timeend, suspend: item.suspended ? 1 : 0,
  }), (answer) => ({ added: Boolean(answer.added) }));
  return results;
}

/** Status and dates of existing enrolments, any method: the companion plugin, each item on its own. */
export async function updateEnrolments(ctx: MoodleContext, input: readonly EnrolmentChange[]): Promise<ItemResult<Changed>[]> {
  const toParams = (batch: readonly EnrolmentChange[]) => ({
    enrolments: batch.map((change) => ({
      enrolid: change.instanceId, userid: change.userId,
      status: change.suspended === undefined ? undefined : change.suspended ? 1 : 0, timestart: change.timestart, timeend: change.timeend,
    })),
  });
  return sendPluginItems(ctx, 'local_toolsync_update_user_enrolments', input, toParams, (answer) => ({ changed: Boolean(answer.changed) }));
}

/** Unenrolments from any instance through the companion plugin, as enrol_plugin::unenrol_user does. */
export async function unenrolUsers(ctx: MoodleContext, input: readonly Unenrolment[]): Promise<ItemResult<Removed>[]> {
  const toParams = (batch: readonly Unenrolment[]) => ({ enrolments: batch.map((item) => ({ enrolid: item.instanceId, userid: item.userId })) });
  return sendPluginItems(ctx, 'local_toolsync_unenrol_users', input, toParams, (answer) => ({ removed: Boolean(answer.removed) }));
}

/** Role assignments in courses with their component, from the companion plugin (core has no such read). */
export async function findCourseRoles(
  ctx: MoodleContext,
  input: { readonly courseIds: readonly number[]; readonly userIds?: readonly number[]; readonly roleIds?: readonly number[] },
): Promise<CourseRoleAssignment[]> {
  if (!input.courseIds.length || input.userIds?.length === 0 || input.roleIds?.length === 0) return [];
  const userChunks = input.userIds ? chunks(distinct(input.userIds), MAX_ITEMS.lookups) : [[]];
  const lists = await inBatches(userChunks, (userids) =>
    ctx.client.call<{ courseid: number; userid: number; roleid: number; component: string }[]>('local_toolsync_get_course_roles', {
      courseids: distinct(input.courseIds), userids, roleids: input.roleIds ?? [],
    }, 'read'));
  return lists
    .map((ra) => ({ courseId: ra.courseid, userId: ra.userid, roleId: ra.roleid, component: ra.component ?? '' }))
    .sort((a, b) => a.courseId - b.courseId || a.userId - b.userId || a.roleId - b.roleId || a.component.localeCompare(b.component));
}

type RoleCall = 'core_role_assign_roles' | 'core_role_unassign_roles';

/**
 * core_role_assign_roles / core_role_unassign_roles (ALL, bisected) in course contexts for manual roles, after
 * reading what is there (Moodle says nothing of a role given twice or absent); roles of a component (which core
 * cannot write) through the companion plugin.
 */
async function changeRoles<T>(ctx: MoodleContext, wsfunction: RoleCall, input: readonly CourseRoleAssignment[], outcome: (held: boolean) => T): Promise<ItemResult<T>[]> {
  const assigning = wsfunction === 'core_role_assign_roles';
  const keyOf = (item: CourseRoleAssignment) => `${item.courseId}:${item.userId}:${item.roleId}:${item.component ?? ''}`;
  const held = new Set((await findCourseRoles(ctx, { courseIds: distinct(input.map((item) => item.courseId)), userIds: distinct(input.map((item) => item.userId)) })).map(keyOf));
  const results: ItemResult<T>[] = [];
  const core: { index: number; item: CourseRoleAssignment; held: boolean }[] = [];
  const owned: { index: number; item: CourseRoleAssignment }[] = [];
  for (const [index, item] of input.entries()) {
    if (item.component) owned.push({ index, item });
    else {
      // Later items of the call see earlier ones, as Moodle's loop does.
      core.push({ index, item, held: held.has(keyOf(item)) });
      if (assigning) held.add(keyOf(item));
      else held.delete(keyOf(item));
    }
  }
  const toParams = (batch: readonly { item: CourseRoleAssignment }[]) => ({
    [assigning ? 'assignments' : 'unassignments']: batch.map(({ item }) => ({
      roleid: item.roleId, userid: item.userId, contextlevel: 'course', instanceid: item.courseId,
    })),
  });
  const sent = await inSequence(batchesOf(ctx, core, toParams, MAX_ITEMS.memberships), (batch) =>
    sendAll(wsfunction, batch, async (items) => {
      await ctx.client.call<null>(wsfunction, toParams(items), 'write');
      return items.map((item) => outcome(item.held));
    }, (exception, { item }) => {
      const table = exception.missingTable;
      if (table === 'course' || table === 'context') return reject.courseNotFound(item.courseId);
      if (table === 'role') return reject.roleNotFound(item.roleId);
      if (table) return reject.userNotFound(item.userId);
      return refusedBy(exception);
    }));
  core.forEach(({ index }, position) => (results[index] = sent[position]!));
  await throughPlugin(ctx, assigning ? 'local_toolsync_assign_roles' : 'local_toolsync_unassign_roles', owned, results, ({ item }) => ({
    courseid: item.courseId, userid: item.userId, roleid: item.roleId, component: item.component ?? '',
  }), (answer) => outcome(assigning ? !answer.added : Boolean(answer.removed)));
  return results;
}

export function assignCourseRoles(ctx: MoodleContext, input: readonly CourseRoleAssignment[]): Promise<ItemResult<Added>[]> {
  return changeRoles(ctx, 'core_role_assign_roles', input, (held) => ({ added: !held }));
}

export function unassignCourseRoles(ctx: MoodleContext, input: readonly CourseRoleAssignment[]): Promise<ItemResult<Removed>[]> {
  return changeRoles(ctx, 'core_role_unassign_roles', input, (held) => ({ removed: held }));
}

