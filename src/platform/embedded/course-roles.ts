import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { ItemResult } from '../item-result.js';
import type { Added, CourseRoleAssignment } from '../operations.js';
import { CONTEXT_LEVEL, ensureContexts } from './contexts.js';
import { checkCourseRoles, compareCourseRoles, courseRoleKey } from './enrolment-rules.js';
import { activeUserIds, existingCourseIds, existingRoleIds } from './existing.js';
import { isAdded } from './rejections.js';
import { chunks, nowSeconds } from './sql-helpers.js';

/**
 * The roles of the users in the contexts of the courses, whatever their component, each (course, user, role,
 * component) once: an assignment owned twice by one plugin (two cohort instances) shows as one.
 */
export async function findCourseRoles(
  db: Kysely<Database>,
  { courseIds, userIds }: { courseIds: readonly number[]; userIds: readonly number[] },
): Promise<CourseRoleAssignment[]> {
  const found: CourseRoleAssignment[] = [];
  for (const courses of chunks([...new Set(courseIds)], 250)) {
    for (const users of chunks([...new Set(userIds)], 250)) {
      const rows = await db
        .selectFrom('lms_role_assignments as ra')
        .innerJoin('lms_context as ctx', 'ctx.id', 'ra.contextid')
        .select(['ctx.instanceid', 'ra.userid', 'ra.roleid', 'ra.component'])
        .distinct()
        .where('ctx.contextlevel', '=', CONTEXT_LEVEL.course)
        .where('ctx.instanceid', 'in', courses)
        .where('ra.userid', 'in', users)
        .execute();
      found.push(...rows.map((row) => ({ courseId: row.instanceid, userId: row.userid, roleId: row.roleid, component: row.component })));
    }
  }
  return found.sort(compareCourseRoles);
}

/**
 * Gives roles in course contexts (created if missing) without enrolment; an unknown course, user or role is
 * rejected, an assignment that exists (same component, any item) answers `added` false.
 */
export async function assignCourseRoles(db: Kysely<Database>, assignments: readonly CourseRoleAssignment[]): Promise<ItemResult<Added>[]> {
  const courses = await existingCourseIds(db, assignments.map((assignment) => assignment.courseId));
  const users = await activeUserIds(db, assignments.map((assignment) => assignment.userId));
  const roles = await existingRoleIds(db, assignments.map((assignment) => assignment.roleId));
  const existing = new Set(
    (await findCourseRoles(db, { courseIds: [...courses], userIds: [...users] })).map((assignment) => courseRoleKey(assignment)),
  );
  const results = checkCourseRoles(assignments, {
    courseExists: (id) => courses.has(id),
    userExists: (id) => users.has(id),
    roleExists: (id) => roles.has(id),
    hasRole: (courseId, userId, roleId, component) => existing.has(courseRoleKey({ courseId, userId, roleId, component })),
  });
  const toAssign = assignments.filter((_, index) => isAdded(results[index]!));
  const contexts = await ensureContexts(db, CONTEXT_LEVEL.course, toAssign.map((assignment) => assignment.courseId));
  const now = nowSeconds();
  const rows = toAssign.map(({ courseId, userId, roleId, component = '' }) => ({
    roleid: roleId,
    contextid: contexts.get(courseId)!,
    userid: userId,
    component,
    itemid: 0,
    timemodified: now,
  }));
  for (const part of chunks(rows, 500)) await db.insertInto('lms_role_assignments').values(part).execute();
  return results;
}
