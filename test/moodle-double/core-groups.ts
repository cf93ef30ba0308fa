import type { GroupChange, GroupMember, NewGroup, PlatformGroup } from '../../src/platform/operations.js';
import { allOrNothing, checkKeys, int, listOf, scalarsOf, text, type DoubleEnv, type WsFunctionHandler } from './double-env.js';
import { invalidParameter, missingRecord, moodleException } from './moodle-exceptions.js';

type Kind = 'group' | 'grouping';

const describe = (group: PlatformGroup) => ({
  id: group.id, courseid: group.courseId, name: group.name, description: group.description, descriptionformat: 1, idnumber: group.idnumber,
});

async function courseExists(env: DoubleEnv, courseId: number): Promise<void> {
  if (!(await env.store.db.selectFrom('lms_course').select('id').where('id', '=', courseId).executeTakeFirst())) throw missingRecord('course');
}

/** Groups or groupings by id; an unknown id throws (MUST_EXIST), as core_group_get_groups(ings) does. */
async function byIds(env: DoubleEnv, kind: Kind, ids: readonly number[]): Promise<PlatformGroup[]> {
  const table = kind === 'group' ? 'lms_groups' : 'lms_groupings';
  const rows = ids.length ? await env.store.db.selectFrom(table).selectAll().where('id', 'in', ids).execute() : [];
  if (rows.length !== new Set(ids).size) throw missingRecord(kind === 'group' ? 'groups' : 'groupings');
  return rows.map((row) => ({ id: row.id, courseId: row.courseid, name: row.name, idnumber: row.idnumber, description: row.description ?? '' }));
}

function refusal(kind: Kind, code: string, message: string) {
  if (code.endsWith('_NAME_TAKEN')) return invalidParameter(kind === 'group' ? 'Invalid group name' : 'Invalid grouping name');
  if (code.endsWith('_IDNUMBER_TAKEN')) return moodleException('idnumbertaken', 'This ID number is already taken');
  return invalidParameter(message);
}

function create(kind: Kind): WsFunctionHandler {
  return async (params, env) => {
    const items: NewGroup[] = [];
    for (const item of listOf(params, kind === 'group' ? 'groups' : 'groupings')) {
      checkKeys(item, ['courseid', 'name', 'description'], ['descriptionformat', 'enrolmentkey', 'idnumber', 'visibility', 'participation', 'customfields']);
      const courseId = int(item.courseid, 'courseid');
      await courseExists(env, courseId);
      items.push({ courseId, name: text(item.name), description: text(item.description), idnumber: text(item.idnumber) });
    }
    const results = await allOrNothing(env, kind === 'group' ? 'createGroups' : 'createGroupings', items, (error) => refusal(kind, error.code, error.message));
    return items.map((item, index) => describe({ id: results[index]!.ok ? (results[index] as { value: { id: number } }).value.id : 0, idnumber: '', description: '', ...item }));
  };
}

function update(kind: Kind): WsFunctionHandler {
  return async (params, env) => {
    const changes: GroupChange[] = listOf(params, kind === 'group' ? 'groups' : 'groupings').map((item) => {
      checkKeys(item, ['id', 'name'], ['description', 'descriptionformat', 'enrolmentkey', 'idnumber', 'visibility', 'participation', 'customfields']);
      return {
        id: int(item.id, 'id'), name: text(item.name),
        ...(item.description !== undefined ? { description: text(item.description) } : {}),
        ...(item.idnumber !== undefined ? { idnumber: text(item.idnumber) } : {}),
      };
    });
    await byIds(env, kind, changes.map((change) => change.id));
    await allOrNothing(env, kind === 'group' ? 'updateGroups' : 'updateGroupings', changes, (error) => refusal(kind, error.code, error.message));
    return null;
  };
}

/** Deletions: unknown ids are silently ignored. */
function remove(kind: Kind): WsFunctionHandler {
  return async (params, env) => {
    const ids = scalarsOf(params, kind === 'group' ? 'groupids' : 'groupingids').map((id) => int(id, 'id'));
    const table = kind === 'group' ? 'lms_groups' : 'lms_groupings';
    const known = ids.length ? (await env.store.db.selectFrom(table).select('id').where('id', 'in', ids).execute()).map((row) => row.id) : [];
    await env.platform.run(kind === 'group' ? 'deleteGroups' : 'deleteGroupings', known);
    return null;
  };
}

const courseGroups = (kind: Kind): WsFunctionHandler => async (params, env) => {
  const courseId = int(params.courseid, 'courseid');
  await courseExists(env, courseId);
  const groups = await env.platform.run(kind === 'group' ? 'findGroups' : 'findGroupings', { courseIds: [courseId] });
  return groups.map(describe);
};

const groupMembers: WsFunctionHandler = async (params, env) => {
  const ids = scalarsOf(params, 'groupids').map((id) => int(id, 'groupids'));
  await byIds(env, 'group', ids);
  const members = await env.platform.run('findGroupMembers', { groupIds: ids });
  return ids.map((groupid) => ({ groupid, userids: members.filter((member) => member.groupId === groupid).map((member) => member.userId).sort((a, b) => a - b) }));
};

/** Member changes: ALL; an unknown user throws, a user not enrolled in the course cannot join its group. */
const memberChange = (kind: 'addGroupMembers' | 'removeGroupMembers'): WsFunctionHandler => async (params, env) => {
  const members: GroupMember[] = [];
  for (const item of listOf(params, 'members')) {
    checkKeys(item, ['groupid', 'userid'], []);
    const userId = int(item.userid, 'userid');
    if (!(await env.store.db.selectFrom('lms_user').select('id').where('id', '=', userId).where('deleted', '=', 0).executeTakeFirst())) {
      throw missingRecord('user');
    }
    await byIds(env, 'group', [int(item.groupid, 'groupid')]);
    members.push({ groupId: int(item.groupid, 'groupid'), userId });
  }
  await allOrNothing(env, kind, members, (error) => {
    if (error.code === 'PLATFORM_USER_NOT_ENROLLED') return invalidParameter('Only enrolled users may be members of groups');
    if (error.code === 'PLATFORM_MEMBERSHIP_PROTECTED') return moodleException('errorremovenotpermitted', `You can't remove this member: ${error.message}`);
    return invalidParameter(error.message);
  });
  return null;
};

const groupings: WsFunctionHandler = async (params, env) => {
  const ids = scalarsOf(params, 'groupingids').map((id) => int(id, 'groupingids'));
  const found = await byIds(env, 'grouping', ids);
  const bindings = text(params.returngroups) === '1' ? await env.platform.run('findGroupingGroups', { groupingIds: ids }) : [];
  const groups = await byIds(env, 'group', [...new Set(bindings.map((binding) => binding.groupId))]);
  return found.map((grouping) => ({
    ...describe(grouping),
    ...(text(params.returngroups) === '1'
      ? { groups: bindings.filter((binding) => binding.groupingId === grouping.id).map((binding) => describe(groups.find((group) => group.id === binding.groupId)!)) }
      : {}),
  }));
};

const assignGrouping: WsFunctionHandler = async (params, env) => {
  const bindings = listOf(params, 'assignments').map((item) => {
    checkKeys(item, ['groupingid', 'groupid'], []);
    return { groupingId: int(item.groupingid, 'groupingid'), groupId: int(item.groupid, 'groupid') };
  });
  await byIds(env, 'grouping', bindings.map((binding) => binding.groupingId));
  await byIds(env, 'group', bindings.map((binding) => binding.groupId));
  await allOrNothing(env, 'assignGroupings', bindings, (error) => invalidParameter(error.message));
  return null;
};

/** core_group_unassign_grouping: ALL; both ends must exist (MUST_EXIST), a binding not held is skipped. */
const unassignGrouping: WsFunctionHandler = async (params, env) => {
  const bindings = listOf(params, 'unassignments').map((item) => {
    checkKeys(item, ['groupingid', 'groupid'], []);
    return { groupingId: int(item.groupingid, 'groupingid'), groupId: int(item.groupid, 'groupid') };
  });
  await byIds(env, 'grouping', bindings.map((binding) => binding.groupingId));
  await byIds(env, 'group', bindings.map((binding) => binding.groupId));
  await allOrNothing(env, 'unassignGroupings', bindings, (error) => invalidParameter(error.message));
  return null;
};

export const CORE_GROUP_FUNCTIONS: Record<string, WsFunctionHandler> = {
  core_group_get_course_groups: courseGroups('group'),
  core_group_get_groups: async (params, env) => (await byIds(env, 'group', scalarsOf(params, 'groupids').map((id) => int(id, 'groupids')))).map(describe),
  core_group_create_groups: create('group'),
  core_group_update_groups: update('group'),
  core_group_delete_groups: remove('group'),
  core_group_get_group_members: groupMembers,
  core_group_add_group_members: memberChange('addGroupMembers'),
  core_group_delete_group_members: memberChange('removeGroupMembers'),
  core_group_get_course_groupings: courseGroups('grouping'),
  core_group_get_groupings: groupings,
  core_group_create_groupings: create('grouping'),
  core_group_update_groupings: update('grouping'),
  core_group_delete_groupings: remove('grouping'),
  core_group_assign_grouping: assignGrouping,
  core_group_unassign_grouping: unassignGrouping,
};
