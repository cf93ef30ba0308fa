import type { ItemResult } from '../../src/platform/item-result.js';
import type { EnrolInstanceQuery } from '../../src/platform/operations.js';
import { int, listOf, scalarsOf, text, type DoubleEnv, type WsFunctionHandler } from './double-env.js';
import { invalidParameter, missingRecord, MoodleError, moodleException } from './moodle-exceptions.js';
import type { PhpValue } from './php-form.js';

/**
 * The companion plugin local_toolsync (moodle-plugin/local_toolsync): what core lacks. Its write functions answer
 * each item on its own: `{errorcode: '' | code, message, …value}`, codes being the port's in the plugin's form
 * (`PLATFORM_ENROL_INSTANCE_NOT_FOUND` → `enrolinstancenotfound`).
 */
function items<T>(results: readonly ItemResult<T>[], value: (value: T) => object): Record<string, unknown>[] {
  return results.map((result) => result.ok
    ? { errorcode: '', message: '', ...value(result.value) }
    : {
      errorcode: result.error.code.replace(/^PLATFORM_/, '').replaceAll('_', '').toLowerCase(),
      message: result.error.message,
      params: Object.entries(result.error.params ?? {}).map(([name, value]) => ({ name, value: String(value) })),
    });
}

const ints = (params: Record<string, PhpValue>, name: string) => scalarsOf(params, name, false).map((value) => int(value, name));

/** reset_course_userdata's status lines for what the options ask, in its order, with Moodle's English strings. */
const RESET_LINES: readonly (readonly [option: string, component: string, item: string])[] = [
  ['reset_events', 'General', 'Delete events'],
  ['reset_notes', 'General', 'Delete all notes'],
  ['delete_blog_associations', 'General', 'Delete blog associations'],
  ['reset_completion', 'General', 'Delete completion data'],
  ['reset_roles_overrides', 'Roles', 'Delete all overrides in course'],
  ['reset_roles_local', 'Roles', 'Delete all local role assignments'],
  ['unenrol_users', 'Roles', 'Unenrol'],
  ['reset_groups_members', 'Groups', 'Remove all group members'],
  ['reset_groups_remove', 'Groups', 'Delete all groups'],
  ['reset_groupings_members', 'Groups', 'Remove all groups from groupings'],
  ['reset_groupings_remove', 'Groups', 'Delete all groupings'],
  ['reset_gradebook_items', 'Gradebook', 'Delete all items and categories'],
  ['reset_gradebook_grades', 'Gradebook', 'Delete all grades'],
];

/**
 * local_toolsync_reset_course: reset_course_userdata with the options given (a missing course throws as MUST_EXIST
 * does). What the double holds is reset by the embedded rules (unenrolments by role, groups, groupings); it holds
 * no events, grades nor activities, so the parts and `modules` the plugin passes on find nothing more, and the
 * answer lists the status lines Moodle gives for the options (no module line: a course without activities has none).
 */
const resetCourse: WsFunctionHandler = async (params, env) => {
  const courseId = int(params.courseid, 'courseid');
  if (!(await env.store.db.selectFrom('lms_course').select('id').where('id', '=', courseId).executeTakeFirst())) throw missingRecord('course');
  const options = new Map(listOf(params, 'options', false).map((option) => {
    const name = text(option.name);
    if (!/^[a-zA-Z0-9_-]+$/.test(name)) throw invalidParameter(`name: Invalid external api parameter: the value is "${name}", the server was expecting "alphanumext" type`);
    return [name, text(option.value)] as const;
  }));
  const on = (name: string) => !!options.get(name) && options.get(name) !== '0';
  const roles = options.get('unenrol_users') ?? '';
  const unenrolRoles = roles === 'all' ? 'all' : roles.split(',').map(Number).filter((id) => Number.isInteger(id) && id >= 0);
  const [result] = await env.platform.run('resetCourses', [{
    courseId,
    options: {
      unenrolRoles: unenrolRoles === 'all' || unenrolRoles.length ? unenrolRoles : null,
      groups: { remove: on('reset_groups_remove'), members: on('reset_groups_members') },
      groupings: { remove: on('reset_groupings_remove'), members: on('reset_groupings_members') },
      parts: [],
      modules: { mode: 'none' },
    },
  }]);
  if (!result!.ok) throw invalidParameter(result!.error.message);
  // $data->unenrolled: the users unenrolled and those who only lost a reset role.
  const unenrolled = (result!.value.counts?.unenrolled ?? 0) + (result!.value.counts?.unassigned ?? 0);
  return RESET_LINES.flatMap(([option, component, item]) => {
    if (option === 'unenrol_users') return unenrolled ? [{ component, item: `${item} (${unenrolled})`, error: '' }] : [];
    // Moodle removes either the items with their grades, or the grades alone.
    if (option === 'reset_gradebook_grades' && on('reset_gradebook_items')) return [];
    return on(option) ? [{ component, item, error: '' }] : [];
  });
};

const enrolInstances: WsFunctionHandler = async (params, env) => {
  const courseIds = ints(params, 'courseids');
  const cohortIds = ints(params, 'cohortids');
  const instanceIds = ints(params, 'instanceids');
  const enrol = text(params.enrol) || undefined;
  let rows = env.store.db.selectFrom('lms_enrol').select('courseid').distinct();
  if (instanceIds.length) rows = rows.where('id', 'in', instanceIds);
  const courses = courseIds.length ? courseIds : (await rows.execute()).map((row) => row.courseid);
  const query = (cohortIds.length ? { courseIds: courses, cohortIds, enrol } : { courseIds: courses, enrol }) as EnrolInstanceQuery;
  const instances = courses.length ? await env.platform.run('findEnrolInstances', query) : [];
  // The plugin answers the raw custom fields (a meta instance's linked course is its customint1).
  const raw = new Map((instances.length ? await env.store.db.selectFrom('lms_enrol').select(['id', 'customint1', 'customint2'])
    .where('id', 'in', instances.map((instance) => instance.id)).execute() : []).map((row) => [row.id, row]));
  return instances.filter((instance) => !instanceIds.length || instanceIds.includes(instance.id)).map((instance) => ({
    id: instance.id, courseid: instance.courseId, enrol: instance.enrol, status: instance.enabled ? 0 : 1, sortorder: instance.sortorder,
    roleid: instance.roleId, customint1: raw.get(instance.id)?.customint1 ?? null, customint2: raw.get(instance.id)?.customint2 ?? null,
  }));
};

const userEnrolments: WsFunctionHandler = async (params, env) => {
  const pairs = listOf(params, 'pairs', false).map((pair) => ({ courseId: int(pair.courseid, 'courseid'), userId: int(pair.userid, 'userid') }));
  const instanceIds = ints(params, 'instanceids');
  const query = pairs.length ? { pairs } : instanceIds.length ? { instanceIds } : { courseIds: ints(params, 'courseids'), userIds: ints(params, 'userids') };
  const found = await env.platform.run('findEnrolments', query);
  return found.map((ue) => ({ enrolid: ue.instanceId, courseid: ue.courseId, userid: ue.userId, status: ue.suspended ? 1 : 0, timestart: ue.timestart, timeend: ue.timeend }));
};

const roleItems = (params: Record<string, PhpValue>) => listOf(params, 'items').map((item) => ({
  courseId: int(item.courseid, 'courseid'), userId: int(item.userid, 'userid'), roleId: int(item.roleid, 'roleid'), component: text(item.component),
}));

const optionalInt = (value: PhpValue | undefined, name: string) => (value === undefined ? undefined : int(value, name));

export const LOCAL_TOOLSYNC_FUNCTIONS: Record<string, WsFunctionHandler> = {
  local_toolsync_get_roles: async (_params, env) => env.store.db.selectFrom('lms_role').select(['id', 'shortname', 'name']).orderBy('id').execute(),
  local_toolsync_get_profile_fields: async (params, env) => env.platform.run('findProfileFields', { shortnames: scalarsOf(params, 'shortnames') }),
  local_toolsync_create_profile_fields: async (params, env) => items(
    await env.platform.run('createProfileFields', listOf(params, 'fields').map((field) => ({ shortname: text(field.shortname), name: text(field.name) }))),
    (value) => value),
  local_toolsync_get_cohorts: async (params, env: DoubleEnv) => {
    const asked = ints(params, 'cohortids').map(String);
    const ids = asked.length ? asked : (await env.store.db.selectFrom('lms_cohort').select('id').execute()).map((row) => String(row.id));
    const cohorts = await env.platform.run('findCohorts', { by: { id: ids } });
    return cohorts.map((cohort) => ({ id: cohort.id, name: cohort.name, idnumber: cohort.idnumber, description: cohort.description, categoryid: cohort.categoryId ?? 0 }));
  },
  local_toolsync_get_enrol_instances: enrolInstances,
  local_toolsync_get_user_enrolments: userEnrolments,
  local_toolsync_enrol_users: async (params, env) => items(await env.platform.run('enrolUsers', listOf(params, 'items').map((item) => ({
    instanceId: int(item.enrolid, 'enrolid'), userId: int(item.userid, 'userid'), roleId: int(item.roleid, 'roleid'),
    timestart: int(item.timestart ?? '0', 'timestart'), timeend: int(item.timeend ?? '0', 'timeend'), suspended: text(item.suspend) === '1',
  }))), (value) => value),
  local_toolsync_assign_roles: async (params, env) => items(await env.platform.run('assignCourseRoles', roleItems(params)), (value) => value),
  local_toolsync_unassign_roles: async (params, env) => items(await env.platform.run('unassignCourseRoles', roleItems(params)), (value) => value),
  local_toolsync_update_user_enrolments: async (params, env) => items(await env.platform.run('updateEnrolments', listOf(params, 'enrolments').map((item) => ({
    instanceId: int(item.enrolid, 'enrolid'), userId: int(item.userid, 'userid'),
    ...(item.status !== undefined ? { suspended: text(item.status) === '1' } : {}),
    ...(item.timestart !== undefined ? { timestart: optionalInt(item.timestart, 'timestart') } : {}),
    ...(item.timeend !== undefined ? { timeend: optionalInt(item.timeend, 'timeend') } : {}),
  }))), (value) => value),
  local_toolsync_unenrol_users: async (params, env) => items(await env.platform.run('unenrolUsers', listOf(params, 'enrolments').map((item) => ({
    instanceId: int(item.enrolid, 'enrolid'), userId: int(item.userid, 'userid'),
  }))), (value) => value),
  local_toolsync_get_course_roles: async (params, env) => {
    const userIds = ints(params, 'userids');
    const roleIds = ints(params, 'roleids');
    const roles = await env.platform.run('findCourseRoles', { courseIds: ints(params, 'courseids'), ...(userIds.length ? { userIds } : {}), ...(roleIds.length ? { roleIds } : {}) });
    return roles.map((ra) => ({ courseid: ra.courseId, userid: ra.userId, roleid: ra.roleId, component: ra.component ?? '' }));
  },
  local_toolsync_get_group_members: async (params, env) => {
    const userIds = ints(params, 'userids');
    const members = await env.platform.run('findGroupMembers', { groupIds: ints(params, 'groupids'), ...(userIds.length ? { userIds } : {}) });
    return members.map((member) => ({ groupid: member.groupId, userid: member.userId, component: member.component ?? '' }));
  },
  local_toolsync_add_group_members: async (params, env) => items(await env.platform.run('addGroupMembers', listOf(params, 'items').map((item) => ({
    groupId: int(item.groupid, 'groupid'), userId: int(item.userid, 'userid'), component: text(item.component),
  }))), (value) => value),
  local_toolsync_delete_group_members: async (params, env) => items(await env.platform.run('removeGroupMembers', listOf(params, 'items').map((item) => ({
    groupId: int(item.groupid, 'groupid'), userId: int(item.userid, 'userid'), component: text(item.component),
  }))), (value) => value),
  local_toolsync_add_cohort_instances: async (params, env) => items(await env.platform.run('addCohortInstances', listOf(params, 'instances').map((item) => ({
    courseId: int(item.courseid, 'courseid'), cohortId: int(item.cohortid, 'cohortid'), roleId: int(item.roleid, 'roleid'),
    groupId: int(item.groupid ?? '0', 'groupid') || null, enrolstart: int(item.enrolstart ?? '0', 'enrolstart'), enrolend: int(item.enrolend ?? '0', 'enrolend'),
  }))), (value) => value),
  local_toolsync_set_enrol_instances_status: async (params, env) => {
    const changes = listOf(params, 'instances').map((item) => {
      const roleId = int(item.roleid ?? '0', 'roleid');
      return { instanceId: int(item.id, 'id'), enabled: text(item.enabled) === '1', ...(roleId ? { roleId } : {}) };
    });
    const results = await env.platform.run('setEnrolInstancesStatus', changes);
    // enrol_meta's update_status runs enrol_meta_sync for the course of an instance it changes.
    const metas = changes.length ? await env.store.db.selectFrom('lms_enrol').select('courseid').distinct().where('enrol', '=', 'meta')
      .where('id', 'in', changes.map((change) => change.instanceId)).execute() : [];
    if (metas.length) await env.platform.run('syncMetaEnrolments', { courseIds: metas.map((row) => row.courseid) });
    return items(results, (value) => value);
  },
  local_toolsync_delete_enrol_instances: async (params, env) => items(await env.platform.run('deleteEnrolInstances', ints(params, 'instanceids')), () => ({})),
  local_toolsync_reset_course: resetCourse,
  local_toolsync_restore_course: async (params, env) => {
    if (!env.drafts.get(int(params.draftitemid, 'draftitemid'))?.length) throw invalidParameter(`No file in draft area ${text(params.draftitemid)}`);
    // Into an existing course: what the backup holds is not the double's to know; the course stays as it is.
    const courseid = int(params.courseid ?? '0', 'courseid');
    if (courseid) {
      if (!(await env.store.db.selectFrom('lms_course').select('id').where('id', '=', courseid).executeTakeFirst())) throw moodleException('invalidcourseid', 'Invalid course ID');
      return { courseid };
    }
    const shortname = text(params.shortname);
    if (await env.store.db.selectFrom('lms_course').select('id').where('shortname', '=', shortname).executeTakeFirst()) {
      throw new MoodleError('moodle_exception', 'shortnametaken', `Short name is already used for another course (${shortname})`);
    }
    const [created] = await env.platform.run('createCourses', [{ fullname: text(params.fullname), shortname, categoryId: int(params.categoryid, 'categoryid') }]);
    if (!created?.ok) throw invalidParameter(created ? created.error.message : 'no course');
    return { courseid: created.value.id };
  },
  local_toolsync_send_notification: async (params, env) => {
    const ids = scalarsOf(params, 'userids').map((id) => int(id, 'userids'));
    const known = new Set((await env.platform.run('findUsers', { by: { id: ids.map(String) } })).map((user) => user.id));
    return ids.map((userid) => ({ userid, sent: known.has(userid) }));
  },
  local_toolsync_sync_cohort_enrolments: async (params, env) => env.platform.run('syncCohortEnrolments', { courseIds: ints(params, 'courseids') }),
};
