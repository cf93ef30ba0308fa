import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { ItemResult } from '../item-result.js';
import type { Added, CourseRoleAssignment, Removed } from '../operations.js';
import { CONTEXT_LEVEL, contextsOf, ensureContexts } from './contexts.js';
import { checkCourseRoleRemovals, checkCourseRoles, compareCourseRoles, courseRoleKey, type CourseRoleView } from './enrolment-rules.js';
import { activeUserIds, existingCourseIds, existingRoleIds } from './existing.js';
import { isAdded, isRemoved } from './rejections.js';
import { chunks, deleteByIds, nowSeconds, selectIn } from './sql-helpers.js';

/** Which course role assignments to list: users and roles filter only when given. */
export interface CourseRoleQuery {
  readonly courseIds: readonly number[];
  readonly userIds?: readonly number[];
  readonly roleIds?: readonly number[];
}

/**
 * The roles in the contexts of the courses, of the users given (or everyone) and of the roles given (or all),
 * whatever their component, each (course, user, role, component) once: an assignment owned twice by one plugin
 * (two cohort instances) shows as one.
 */
export async function findCourseRoles(db: Kysely<Database>, { courseIds, userIds, roleIds }: CourseRoleQuery): Promise<CourseRoleAssignment[]> {
  const userParts = userIds ? [...chunks([...new Set(userIds)], 250)] : [undefined];
  const roleParts = roleIds ? [...chunks([...new Set(roleIds)], 250)] : [undefined];
  const found: CourseRoleAssignment[] = [];
  for (const courses of chunks([...new Set(courseIds)], 250)) {
    for (const users of userParts) {
      for (const roles of roleParts) {
        let query = db
          .selectFrom('lms_role_assignments as ra')
          .innerJoin('lms_context as ctx', 'ctx.id', 'ra.contextid')
          .select(['ctx.instanceid', 'ra.userid', 'ra.roleid', 'ra.component'])
          .distinct()
          .where('ctx.contextlevel', '=', CONTEXT_LEVEL.course)
          .where('ctx.instanceid', 'in', courses);
        if (users) query = query.where('ra.userid', 'in', users);
        if (roles) query = query.where('ra.roleid', 'in', roles);
        const rows = await query.execute();
        found.push(...rows.map((row) => ({ courseId: row.instanceid, userId: row.userid, roleId: row.roleid, component: row.component })));
      }
    }
  }
  return found.sort(compareCourseRoles);
}

/**
 * Gives roles in course contexts (created if missing) without enrolment; an unknown course, user or role is
 * rejected, an assignment that exists (same component, any item) answers `added` false.
 */
export async function assignCourseRoles(db: Kysely<Database>, assignments: readonly CourseRoleAssignment[]): Promise<ItemResult<Added>[]> {
  const { view } = await courseRoleFacts(db, assignments);
  const results = checkCourseRoles(assignments, view);
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

/**
 * Removes roles from course contexts, those given by the item's component ('' when absent) whatever their item
 * id; an unknown course, user or role is rejected, no such assignment answers `removed` false.
 */
export async function unassignCourseRoles(db: Kysely<Database>, assignments: readonly CourseRoleAssignment[]): Promise<ItemResult<Removed>[]> {
  const { view, rowIds } = await courseRoleFacts(db, assignments);
  const results = checkCourseRoleRemovals(assignments, view);
  const removed = assignments.filter((_, index) => isRemoved(results[index]!));
  await deleteByIds(db, 'lms_role_assignments', removed.flatMap((assignment) => rowIds.get(courseRoleKey(assignment)) ?? []));
  return results;
}

/** What the checks need, read in a few queries: courses, users, roles and the assignments the users hold. */
async function courseRoleFacts(
  db: Kysely<Database>,
  assignments: readonly CourseRoleAssignment[],
): Promise<{ view: CourseRoleView; rowIds: Map<string, number[]> }> {
  const courses = await existingCourseIds(db, assignments.map((assignment) => assignment.courseId));
  const users = await activeUserIds(db, assignments.map((assignment) => assignment.userId));
  const roles = await existingRoleIds(db, assignments.map((assignment) => assignment.roleId));
  const contexts = await contextsOf(db, CONTEXT_LEVEL.course, [...courses]);
  const courseOfContext = new Map([...contexts].map(([courseId, contextId]) => [contextId, courseId]));
  const held = await selectIn([...users], (part) =>
    db.selectFrom('lms_role_assignments').select(['id', 'contextid', 'userid', 'roleid', 'component']).where('userid', 'in', part).execute(),
  );
  const rowIds = new Map<string, number[]>();
  for (const row of held) {
    const courseId = courseOfContext.get(row.contextid);
    if (courseId === undefined) continue;
    const key = courseRoleKey({ courseId, userId: row.userid, roleId: row.roleid, component: row.component });
    rowIds.set(key, [...(rowIds.get(key) ?? []), row.id]);
  }
  const view: CourseRoleView = {
    courseExists: (id) => courses.has(id),
    userExists: (id) => users.has(id),
    roleExists: (id) => roles.has(id),
    hasRole: (courseId, userId, roleId, component) => rowIds.has(courseRoleKey({ courseId, userId, roleId, component })),
  };
  return { view, rowIds };
}
