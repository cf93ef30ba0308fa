import type { Store } from '../src/store/database.js';

/** Test data written as real rows of the embedded platform, with the contexts Moodle would create. */

export async function buildCategory(store: Store, overrides: { name?: string; idnumber?: string; parent?: number } = {}): Promise<number> {
  const parent = overrides.parent ?? 0;
  const parentPath = parent
    ? (await store.db.selectFrom('lms_course_categories').select('path').where('id', '=', parent).executeTakeFirstOrThrow()).path
    : '';
  const { id } = await store.db
    .insertInto('lms_course_categories')
    .values({ name: overrides.name ?? 'Category', idnumber: overrides.idnumber ?? '', parent, depth: parentPath.split('/').length, path: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await store.db.updateTable('lms_course_categories').set({ path: `${parentPath}/${id}` }).where('id', '=', id).execute();
  await store.db.insertInto('lms_context').values({ contextlevel: 40, instanceid: id }).execute();
  return id;
}

export async function buildCourse(
  store: Store,
  overrides: { shortname: string; fullname?: string; idnumber?: string; category?: number },
): Promise<number> {
  const { id } = await store.db
    .insertInto('lms_course')
    .values({ shortname: overrides.shortname, fullname: overrides.fullname ?? overrides.shortname, idnumber: overrides.idnumber ?? '', category: overrides.category ?? 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await store.db.insertInto('lms_context').values({ contextlevel: 50, instanceid: id }).execute();
  await store.db.insertInto('lms_enrol').values({ enrol: 'manual', courseid: id, roleid: 5 }).execute();
  return id;
}

export async function buildCohort(store: Store, overrides: { name: string; idnumber?: string; categoryId?: number }): Promise<number> {
  const context = overrides.categoryId
    ? await store.db.selectFrom('lms_context').select('id').where('contextlevel', '=', 40).where('instanceid', '=', overrides.categoryId).executeTakeFirstOrThrow()
    : { id: 1 };
  const { id } = await store.db
    .insertInto('lms_cohort')
    .values({ name: overrides.name, idnumber: overrides.idnumber ?? '', contextid: context.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function buildGroup(store: Store, overrides: { courseId: number; name: string; idnumber?: string }): Promise<number> {
  const { id } = await store.db
    .insertInto('lms_groups')
    .values({ courseid: overrides.courseId, name: overrides.name, idnumber: overrides.idnumber ?? '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An enrolment instance of a course (enabled unless `status` is 1), with the student role by default. */
export async function buildEnrolInstance(
  store: Store,
  overrides: { courseId: number; enrol: string; status?: number; sortorder?: number; roleId?: number; customint1?: number; customint2?: number },
): Promise<number> {
  const { id } = await store.db
    .insertInto('lms_enrol')
    .values({
      enrol: overrides.enrol,
      courseid: overrides.courseId,
      status: overrides.status ?? 0,
      sortorder: overrides.sortorder ?? 0,
      roleid: overrides.roleId ?? 5,
      customint1: overrides.customint1 ?? null,
      customint2: overrides.customint2 ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A custom profile field definition. */
export async function buildProfileField(store: Store, overrides: { shortname: string; name?: string; datatype?: string }): Promise<number> {
  const { id } = await store.db
    .insertInto('lms_user_info_field')
    .values({ shortname: overrides.shortname, name: overrides.name ?? overrides.shortname, datatype: overrides.datatype ?? 'text' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A user row as the platform would hold it (its password as stored: a hash, `*NOPASS*` or ''). */
export async function buildUser(
  store: Store,
  overrides: { username: string; email?: string; idnumber?: string; password?: string; deleted?: boolean; mnethostid?: number },
): Promise<number> {
  const { id } = await store.db
    .insertInto('lms_user')
    .values({
      username: overrides.username,
      firstname: 'First',
      lastname: 'Last',
      email: overrides.email ?? '',
      idnumber: overrides.idnumber ?? '',
      password: overrides.password ?? '',
      deleted: overrides.deleted ? 1 : 0,
      ...(overrides.mnethostid ? { mnethostid: overrides.mnethostid } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A user enrolment (without the role Moodle would give with it). */
export async function buildUserEnrolment(store: Store, overrides: { instanceId: number; userId: number; timestart?: number; timeend?: number }): Promise<number> {
  const { id } = await store.db
    .insertInto('lms_user_enrolments')
    .values({ enrolid: overrides.instanceId, userid: overrides.userId, timestart: overrides.timestart ?? 0, timeend: overrides.timeend ?? 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function buildGrouping(store: Store, overrides: { courseId: number; name: string; idnumber?: string }): Promise<number> {
  const { id } = await store.db
    .insertInto('lms_groupings')
    .values({ courseid: overrides.courseId, name: overrides.name, idnumber: overrides.idnumber ?? '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A group membership, manual unless a component (and the item that gave it) is named. */
export async function buildGroupMember(store: Store, overrides: { groupId: number; userId: number; component?: string; itemid?: number }): Promise<number> {
  const { id } = await store.db
    .insertInto('lms_groups_members')
    .values({ groupid: overrides.groupId, userid: overrides.userId, component: overrides.component ?? '', itemid: overrides.itemid ?? 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A group bound to a grouping. */
export async function buildGroupingGroup(store: Store, overrides: { groupingId: number; groupId: number }): Promise<number> {
  const { id } = await store.db
    .insertInto('lms_groupings_groups')
    .values({ groupingid: overrides.groupingId, groupid: overrides.groupId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A role in a course context (which buildCourse created), manual unless a component (and its item) is named. */
export async function buildRoleAssignment(
  store: Store,
  overrides: { courseId: number; userId: number; roleId: number; component?: string; itemid?: number },
): Promise<number> {
  const context = await store.db.selectFrom('lms_context').select('id').where('contextlevel', '=', 50).where('instanceid', '=', overrides.courseId).executeTakeFirstOrThrow();
  const { id } = await store.db
    .insertInto('lms_role_assignments')
    .values({
      roleid: overrides.roleId,
      contextid: context.id,
      userid: overrides.userId,
      component: overrides.component ?? '',
      itemid: overrides.itemid ?? 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
