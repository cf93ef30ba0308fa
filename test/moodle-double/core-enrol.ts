import type { CourseRoleAssignment, Enrolment } from '../../src/platform/operations.js';
import { allOrNothing, checkKeys, int, listOf, text, type WsFunctionHandler } from './double-env.js';
import { invalidParameter, missingRecord, MoodleError, moodleException } from './moodle-exceptions.js';

/**
 * enrol_manual_enrol_users: ALL, through the course's first enabled manual instance. Re-enrolling updates the
 * enrolment to exactly what is sent: absent dates become 0, an absent `suspend` reactivates.
 */
const enrolUsers: WsFunctionHandler = async (params, env) => {
  const items = listOf(params, 'enrolments');
  const enrolments: Enrolment[] = [];
  for (const item of items) {
    checkKeys(item, ['roleid', 'userid', 'courseid'], ['timestart', 'timeend', 'suspend']);
    const courseId = int(item.courseid, 'courseid');
    const course = await env.store.db.selectFrom('lms_course').select('id').where('id', '=', courseId).executeTakeFirst();
    if (!course) throw invalidParameter('Context does not exist');
    const [instance] = (await env.platform.run('findEnrolInstances', { courseIds: [courseId], enrol: 'manual' })).filter((candidate) => candidate.enabled);
    if (!instance) throw moodleException('wsnoinstance', 'Manual enrolment plugin instance doesn\'t exist or is disabled for the course (id = ' + courseId + ')');
    const userId = int(item.userid, 'userid');
    const user = await env.store.db.selectFrom('lms_user').select('id').where('id', '=', userId).where('deleted', '=', 0).executeTakeFirst();
    if (!user) throw new MoodleError('dml_missing_record_exception', 'invalidrecordunknown', "Can't find data record in database.");
    enrolments.push({
      instanceId: instance.id, userId, roleId: int(item.roleid, 'roleid'),
      timestart: item.timestart === undefined ? 0 : int(item.timestart, 'timestart'),
      timeend: item.timeend === undefined ? 0 : int(item.timeend, 'timeend'),
      suspended: text(item.suspend) === '1',
    });
  }
  await allOrNothing(env, 'enrolUsers', enrolments, (error) => moodleException('wsusercannotassign', 'You don\'t have the permission to assign this role', error.message));
  return null;
};

/** core_role_assign_roles / unassign_roles in course contexts (contextlevel + instanceid): ALL, manual roles only. */
function roleChange(kind: 'assignCourseRoles' | 'unassignCourseRoles', list: string): WsFunctionHandler {
  return async (params, env) => {
    const assignments: CourseRoleAssignment[] = listOf(params, list).map((item) => {
      checkKeys(item, ['roleid', 'userid'], ['contextid', 'contextlevel', 'instanceid']);
      if (text(item.contextlevel) !== 'course') throw invalidParameter('The double only knows course contexts');
      return { courseId: int(item.instanceid, 'instanceid'), userId: int(item.userid, 'userid'), roleId: int(item.roleid, 'roleid') };
    });
    // MUST_EXIST lookups of the context, the role and the user, in Moodle's order.
    for (const assignment of assignments) {
      if (!(await env.store.db.selectFrom('lms_course').select('id').where('id', '=', assignment.courseId).executeTakeFirst())) throw missingRecord('context');
      if (!(await env.store.db.selectFrom('lms_role').select('id').where('id', '=', assignment.roleId).executeTakeFirst())) throw missingRecord('role');
      if (!(await env.store.db.selectFrom('lms_user').select('id').where('id', '=', assignment.userId).where('deleted', '=', 0).executeTakeFirst())) throw missingRecord('user');
    }
    await allOrNothing(env, kind, assignments, (error) => invalidParameter(error.message));
    return null;
  };
}

export const CORE_ENROL_FUNCTIONS: Record<string, WsFunctionHandler> = {
  enrol_manual_enrol_users: enrolUsers,
  core_role_assign_roles: roleChange('assignCourseRoles', 'assignments'),
  core_role_unassign_roles: roleChange('unassignCourseRoles', 'unassignments'),
};
