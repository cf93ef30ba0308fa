import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestStore } from '../../test/databases.js';
import {
  buildCategory,
  buildCohort,
  buildCourse,
  buildEnrolInstance,
  buildGroup,
  buildGroupMember,
  buildGrouping,
  buildGroupingGroup,
  buildProfileField,
  buildRoleAssignment,
  buildUser,
  buildUserEnrolment,
} from '../../test/factories.js';
import type { Store } from '../store/database.js';
import { EmbeddedPlatform } from './embedded/embedded-platform.js';
import type { ItemResult } from './item-result.js';
import { NO_PASSWORD, type OperationInput } from './operations.js';
import type { Platform } from './platform.js';
import { SimulatedPlatform } from './simulated-platform.js';

/** The id an accepted creation answered (fails the test otherwise). */
function idOf(result: ItemResult<{ readonly id: number }> | undefined): number {
  if (!result?.ok) throw new Error(`expected an accepted item, got ${JSON.stringify(result)}`);
  return result.value.id;
}

/**
 * The error codes of a list of results, `ok` for accepted items, `added`/`kept` for memberships, `removed`/`absent`
 * for removals and `changed`/`same` for changes.
 */
function outcomes(results: readonly ItemResult<unknown>[]): string[] {
  return results.map((result) => {
    if (!result.ok) return result.error.code;
    const value = result.value as { added?: boolean; removed?: boolean; changed?: boolean } | null;
    if (value && typeof value === 'object') {
      if ('added' in value) return value.added ? 'added' : 'kept';
      if ('removed' in value) return value.removed ? 'removed' : 'absent';
      if ('changed' in value) return value.changed ? 'changed' : 'same';
    }
    return 'ok';
  });
}

/** Groups found through the port (which a simulation must have seen before it can write to a real group). */
function findGroups(platform: Platform, input: OperationInput<'findGroups'>) {
  return platform.run('findGroups', input);
}

/** Course roles in the order the port lists them: course, user, role, component. */
function sortRoles<T extends { courseId: number; userId: number; roleId: number; component: string }>(roles: readonly T[]): T[] {
  return [...roles].sort((a, b) => a.courseId - b.courseId || a.userId - b.userId || a.roleId - b.roleId || a.component.localeCompare(b.component));
}

/** Memberships in a stable order, to compare answers that come in no particular order. */
function sortMembers<T extends { groupId: number; userId: number }>(members: readonly T[]): T[] {
  return [...members].sort((a, b) => a.groupId - b.groupId || a.userId - b.userId);
}

/** Every implementation of the port, on every database: one suite, the same expectations. */
const PLATFORMS: readonly { name: string; create(store: Store): Platform }[] = [
  { name: 'embedded', create: (store) => new EmbeddedPlatform(store) },
  { name: 'simulated over embedded', create: (store) => new SimulatedPlatform(new EmbeddedPlatform(store)) },
];

for (const kind of DATABASES) {
  for (const implementation of PLATFORMS) {
    describe(`${implementation.name} platform on ${kind}`, () => {
      let store: Store;
      let platform: Platform;
      afterEach(async () => {
        await platform?.close();
        await store?.close();
      });
      const open = async () => {
        store = await openTestStore(kind);
        platform = implementation.create(store);
      };

      it('creates users and answers one result per item, in order, rejecting taken usernames', async () => {
        await open();
        const results = await platform.run('createUsers', [
          { username: 'JDoe', firstname: 'John', lastname: 'Doe', email: 'JDoe@Example.org' },
          { username: 'asmith', firstname: 'Anne', lastname: 'Smith' },
          { username: 'jdoe', firstname: 'Again', lastname: 'Doe' },
        ]);
        expect(results.map((result) => result.ok)).toEqual([true, true, false]);
        expect(results[2]).toMatchObject({ ok: false, error: { kind: 'rejected', code: 'PLATFORM_USERNAME_TAKEN' } });
        const later = await platform.run('createUsers', [{ username: 'asmith', firstname: 'A', lastname: 'S' }]);
        expect(later[0]).toMatchObject({ ok: false, error: { code: 'PLATFORM_USERNAME_TAKEN', params: { username: 'asmith' } } });
      });

      it('finds users by several fields in one call, usernames and e-mails case-insensitively, each user once', async () => {
        await open();
        await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'John', lastname: 'Doe', email: 'John.Doe@Example.org', idnumber: 'A1' },
          { username: 'asmith', firstname: 'Anne', lastname: 'Smith', email: 'anne@example.org', idnumber: 'A2' },
          { username: 'bmartin', firstname: 'Bob', lastname: 'Martin', idnumber: 'A3' },
        ]);
        const found = await platform.run('findUsers', {
          by: { username: ['JDOE', 'nobody'], email: ['john.doe@example.org', 'ANNE@example.org'], idnumber: ['A2', 'a3'] },
        });
        expect(found.map((user) => user.username).sort()).toEqual(['asmith', 'jdoe']);
        const jdoe = found.find((user) => user.username === 'jdoe')!;
        expect(jdoe).toMatchObject({ firstname: 'John', email: 'John.Doe@Example.org', idnumber: 'A1', auth: 'manual', lang: 'en', suspended: false, deleted: false });
        const byId = await platform.run('findUsers', { by: { id: [String(jdoe.id), 'not-a-number'] } });
        expect(byId.map((user) => user.username)).toEqual(['jdoe']);
        expect(await platform.run('findUsers', { by: {} })).toEqual([]);
      });

      it('updates only the fields given, and sees its own writes in later lookups', async () => {
        await open();
        const [created] = await platform.run('createUsers', [{ username: 'jdoe', firstname: 'John', lastname: 'Doe', city: 'Lyon' }]);
        const id = created!.ok ? created!.value.id : 0;
        const results = await platform.run('updateUsers', [
          { id, set: { firstname: 'Johnny', email: 'johnny@example.org' } },
          { id: 999_999, set: { firstname: 'Nobody' } },
        ]);
        expect(results).toEqual([{ ok: true, value: null }, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'PLATFORM_USER_NOT_FOUND' }) })]);
        const [user] = await platform.run('findUsers', { by: { email: ['JOHNNY@example.org'] } });
        expect(user).toMatchObject({ id, username: 'jdoe', firstname: 'Johnny', lastname: 'Doe', city: 'Lyon' });
      });

      it('finds courses, categories, roles, cohorts and groups by each of their identifiers', async () => {
        await open();
        const science = await buildCategory(store, { name: 'Science', idnumber: 'SCI' });
        const physics = await buildCategory(store, { name: 'Physics', parent: science });
        const algebra = await buildCourse(store, { shortname: 'ALG101', idnumber: 'C-ALG', category: physics });
        const biology = await buildCourse(store, { shortname: 'BIO', category: science });
        const year1 = await buildCohort(store, { name: 'Year 1', idnumber: 'Y1' });
        const lab = await buildCohort(store, { name: 'Lab', categoryId: science });
        const groupA = await buildGroup(store, { courseId: algebra, name: 'Group A', idnumber: 'G-A' });
        await buildGroup(store, { courseId: biology, name: 'Group A' });

        const courses = await platform.run('findCourses', { by: { shortname: ['ALG101', 'alg101'], idnumber: ['C-ALG'], id: [String(biology)] } });
        expect(courses.map((course) => course.shortname).sort()).toEqual(['ALG101', 'BIO']);
        expect(courses.find((course) => course.id === algebra)).toMatchObject({ category: physics, idnumber: 'C-ALG', visible: true });
        const categories = await platform.run('findCategories', { by: { name: ['Physics'], idnumber: ['SCI'] } });
        expect(categories.map((category) => [category.name, category.path]).sort()).toEqual([
          ['Physics', `/${science}/${physics}`],
          ['Science', `/${science}`],
        ]);
        expect((await platform.run('findRoles', { by: { shortname: ['student', 'editingteacher', 'dean'] } })).map((role) => role.id).sort()).toEqual([3, 5]);
        const cohorts = await platform.run('findCohorts', { by: { idnumber: ['Y1'], name: ['Lab'] } });
        expect(cohorts.map((cohort) => [cohort.id, cohort.categoryId]).sort()).toEqual([[year1, null], [lab, science]].sort());
        expect(await platform.run('findGroups', { courseIds: [algebra], by: { name: ['Group A'] } })).toEqual([
          { id: groupA, courseId: algebra, name: 'Group A', idnumber: 'G-A', description: '' },
        ]);
        expect(await platform.run('findCourses', { by: { id: ['x'], shortname: [] } })).toEqual([]);
      });

      it('reads the enrolments, cohort and group memberships already there, its own writes included', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'ALG101' });
        const [instance] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const created = await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'John', lastname: 'Doe' },
          { username: 'asmith', firstname: 'Anne', lastname: 'Smith' },
        ]);
        const [jdoe, asmith] = created.map((result) => (result.ok ? result.value.id : 0));
        await platform.run('enrolUsers', [{ instanceId: instance!.id, userId: jdoe!, roleId: 5, timestart: 1_700_000_000, timeend: 1_800_000_000 }]);
        const [cohort] = await platform.run('createCohorts', [{ name: 'Year 1' }]);
        const cohortId = cohort!.ok ? cohort!.value.id : 0;
        await platform.run('addCohortMembers', [{ cohortId, userId: asmith! }]);
        const [group] = await platform.run('createGroups', [{ courseId: course, name: 'Group A' }]);
        const groupId = group!.ok ? group!.value.id : 0;
        await platform.run('addGroupMembers', [{ groupId, userId: jdoe!, component: 'tool_sync' }]);

        expect(await platform.run('findEnrolments', { courseIds: [course], userIds: [jdoe!, asmith!] })).toEqual([
          { instanceId: instance!.id, courseId: course, userId: jdoe, suspended: false, timestart: 1_700_000_000, timeend: 1_800_000_000 },
        ]);
        expect(await platform.run('findCohortMembers', { cohortIds: [cohortId], userIds: [jdoe!, asmith!] })).toEqual([{ cohortId, userId: asmith }]);
        expect(await platform.run('findGroupMembers', { groupIds: [groupId], userIds: [jdoe!, asmith!] })).toEqual([
          { groupId, userId: jdoe, component: 'tool_sync' },
        ]);
        expect(await platform.run('findEnrolments', { courseIds: [], userIds: [jdoe!] })).toEqual([]);
        // By exact pairs: the pair asked is found, a user's enrolment in another course is not.
        const other = await buildCourse(store, { shortname: 'OTHER' });
        const [otherInstance] = await platform.run('findEnrolInstances', { courseIds: [other] });
        await platform.run('enrolUsers', [{ instanceId: otherInstance!.id, userId: asmith!, roleId: 5, timestart: 0, timeend: 0 }]);
        expect(await platform.run('findEnrolments', { pairs: [{ courseId: course, userId: jdoe! }, { courseId: course, userId: asmith! }] })).toEqual([
          { instanceId: instance!.id, courseId: course, userId: jdoe, suspended: false, timestart: 1_700_000_000, timeend: 1_800_000_000 },
        ]);
        expect(await platform.run('findEnrolments', { pairs: [{ courseId: other, userId: asmith! }] })).toEqual([
          { instanceId: otherInstance!.id, courseId: other, userId: asmith, suspended: false, timestart: 0, timeend: 0 },
        ]);
        expect(await platform.run('findEnrolments', { pairs: [] })).toEqual([]);
        await platform.run('deleteUsers', [jdoe!]);
        expect(await platform.run('findEnrolments', { courseIds: [course], userIds: [jdoe!] })).toEqual([]);
        expect(await platform.run('findGroupMembers', { groupIds: [groupId], userIds: [jdoe!] })).toEqual([]);
      });

      it('refuses to rename a user to a taken username', async () => {
        await open();
        const created = await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'John', lastname: 'Doe' },
          { username: 'asmith', firstname: 'Anne', lastname: 'Smith' },
        ]);
        const id = created[0]!.ok ? created[0]!.value.id : 0;
        const [result] = await platform.run('updateUsers', [{ id, set: { username: 'asmith' } }]);
        expect(result).toMatchObject({ ok: false, error: { code: 'PLATFORM_USERNAME_TAKEN' } });
      });

      it('renames in order within one call: a freed username can be taken, a username given twice cannot', async () => {
        await open();
        const [a, b, c] = (await platform.run('createUsers', [
          { username: 'ann', firstname: 'A', lastname: 'A' },
          { username: 'bob', firstname: 'B', lastname: 'B' },
          { username: 'cid', firstname: 'C', lastname: 'C' },
        ])).map(idOf);
        const results = await platform.run('updateUsers', [
          { id: a!, set: { username: 'Anna' } },
          { id: b!, set: { username: 'ann' } },
          { id: c!, set: { username: 'anna' } },
          { id: c!, set: { username: 'cid' } },
        ]);
        expect(outcomes(results)).toEqual(['ok', 'ok', 'PLATFORM_USERNAME_TAKEN', 'ok']);
        const found = await platform.run('findUsers', { by: { id: [a, b, c].map(String) } });
        expect(found.map((user) => [user.id, user.username]).sort()).toEqual([[a, 'anna'], [b, 'ann'], [c, 'cid']].sort());
      });

      it('writes custom fields and preferences, rejecting an unknown field by its shortname', async () => {
        await open();
        await buildProfileField(store, { shortname: 'dept' });
        await buildProfileField(store, { shortname: 'team' });
        const created = await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'J', lastname: 'D', customFields: { dept: 'Maths', team: 'Blue' }, preferences: { auth_forcepasswordchange: '1' } },
          { username: 'asmith', firstname: 'A', lastname: 'S', customFields: { dept: 'Arts', nope: 'x' } },
          { username: 'asmith', firstname: 'A', lastname: 'S', customFields: { team: '' } },
        ]);
        expect(outcomes(created)).toEqual(['ok', 'PLATFORM_PROFILE_FIELD_UNKNOWN', 'ok']);
        expect(created[1]).toMatchObject({ error: { kind: 'rejected', params: { shortname: 'nope' }, message: expect.stringContaining('"nope"') } });
        const [jdoe, asmith] = [idOf(created[0]), idOf(created[2])];
        const updated = await platform.run('updateUsers', [
          { id: jdoe, set: { customFields: { team: 'Red' }, preferences: { auth_forcepasswordchange: '0' } } },
          { id: asmith, set: { firstname: 'Ann', customFields: { other: 'x' } } },
        ]);
        expect(outcomes(updated)).toEqual(['ok', 'PLATFORM_PROFILE_FIELD_UNKNOWN']);
        expect(await platform.run('findUserCustomFields', { userIds: [asmith, jdoe, 999_999], shortnames: ['team', 'dept', 'nope'] })).toEqual([
          { userId: jdoe, shortname: 'dept', value: 'Maths' },
          { userId: jdoe, shortname: 'team', value: 'Red' },
        ]);
        const [unchanged] = await platform.run('findUsers', { by: { id: [String(asmith)] } });
        expect(unchanged).toMatchObject({ firstname: 'A' });
      });

      it('checks clear passwords against what was stored: hashes, *NOPASS* as is, no password never matches', async () => {
        await open();
        const [withPassword, noLogin, none] = (await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'J', lastname: 'D', password: 'Secret-1' },
          { username: 'nologin', firstname: 'N', lastname: 'L', password: NO_PASSWORD },
          { username: 'none', firstname: 'N', lastname: 'N' },
        ])).map(idOf);
        const checks = [
          { id: withPassword!, password: 'Secret-1' },
          { id: withPassword!, password: 'secret-1' },
          { id: noLogin!, password: NO_PASSWORD },
          { id: noLogin!, password: '' },
          { id: none!, password: '' },
          { id: 999_999, password: 'Secret-1' },
        ];
        expect(await platform.run('checkPasswords', checks)).toEqual([true, false, true, false, false, false]);
        expect(outcomes(await platform.run('updateUsers', [{ id: withPassword!, set: { password: 'Other-2' } }, { id: none!, set: { password: NO_PASSWORD } }]))).toEqual(['ok', 'ok']);
        expect(await platform.run('checkPasswords', [
          { id: withPassword!, password: 'Secret-1' },
          { id: withPassword!, password: 'Other-2' },
          { id: none!, password: NO_PASSWORD },
        ])).toEqual([false, true, true]);
      });

      it('deletes users as Moodle does: gone from lookups, username and e-mail free again, unknown or deleted ids rejected', async () => {
        await open();
        const [jdoe, asmith] = (await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'J', lastname: 'D', email: 'jdoe@example.org', idnumber: 'E1', password: 'Secret-1' },
          { username: 'asmith', firstname: 'A', lastname: 'S' },
        ])).map(idOf);
        const results = await platform.run('deleteUsers', [jdoe!, 999_999, jdoe!]);
        expect(outcomes(results)).toEqual(['ok', 'PLATFORM_USER_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND']);
        expect(results[1]).toMatchObject({ error: { params: { id: 999_999 }, message: 'No user with id 999999' } });
        expect(await platform.run('findUsers', { by: { id: [String(jdoe)], username: ['jdoe'], email: ['jdoe@example.org'], idnumber: ['E1'] } })).toEqual([]);
        expect(outcomes(await platform.run('deleteUsers', [jdoe!]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
        expect(outcomes(await platform.run('updateUsers', [{ id: jdoe!, set: { firstname: 'X' } }]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
        expect(await platform.run('checkPasswords', [{ id: jdoe!, password: 'Secret-1' }])).toEqual([false]);
        const again = await platform.run('createUsers', [{ username: 'jdoe', firstname: 'New', lastname: 'D', email: 'jdoe@example.org', idnumber: 'E1' }]);
        const newId = idOf(again[0]);
        expect(newId).not.toBe(jdoe);
        expect((await platform.run('findUsers', { by: { email: ['JDOE@example.org'] } })).map((user) => user.id)).toEqual([newId]);
        expect(outcomes(await platform.run('updateUsers', [{ id: asmith!, set: { username: 'jdoe' } }]))).toEqual(['PLATFORM_USERNAME_TAKEN']);
      });

      it('treats a user deleted before as unknown everywhere', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const old = await buildUser(store, { username: 'old.1700000000', email: 'x', deleted: true });
        expect(await platform.run('findUsers', { by: { id: [String(old)], username: ['old.1700000000'] } })).toEqual([]);
        expect(outcomes(await platform.run('deleteUsers', [old]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
        expect(outcomes(await platform.run('updateUsers', [{ id: old, set: { firstname: 'X' } }]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
        expect(outcomes(await platform.run('enrolUsers', [{ instanceId: manual!.id, userId: old, roleId: 5, timestart: 0, timeend: 0 }]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
        expect(outcomes(await platform.run('assignCourseRoles', [{ courseId: course, userId: old, roleId: 5 }]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
      });

      it('deleting a user removes its roles and custom field values', async () => {
        await open();
        await buildProfileField(store, { shortname: 'dept' });
        const course = await buildCourse(store, { shortname: 'C1' });
        const [instance] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const [jdoe, asmith] = (await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'J', lastname: 'D', customFields: { dept: 'Maths' } },
          { username: 'asmith', firstname: 'A', lastname: 'S', customFields: { dept: 'Arts' } },
        ])).map(idOf);
        await platform.run('enrolUsers', [jdoe!, asmith!].map((userId) => ({ instanceId: instance!.id, userId, roleId: 5, timestart: 0, timeend: 0 })));
        await platform.run('deleteUsers', [jdoe!]);
        expect(await platform.run('findCourseRoles', { courseIds: [course], userIds: [jdoe!, asmith!] })).toEqual([
          { courseId: course, userId: asmith, roleId: 5, component: '' },
        ]);
        expect(await platform.run('findUserCustomFields', { userIds: [jdoe!, asmith!], shortnames: ['dept'] })).toEqual([
          { userId: asmith, shortname: 'dept', value: 'Arts' },
        ]);
      });

      it('finds and creates text profile fields, refusing a shortname already used', async () => {
        await open();
        const existing = await buildProfileField(store, { shortname: 'dept', name: 'Department', datatype: 'menu' });
        const results = await platform.run('createProfileFields', [
          { shortname: 'team', name: 'Team' },
          { shortname: 'dept', name: 'Dept again' },
          { shortname: 'team', name: 'Team again' },
          { shortname: 'site', name: 'Site' },
        ]);
        expect(outcomes(results)).toEqual(['ok', 'PLATFORM_PROFILE_FIELD_TAKEN', 'PLATFORM_PROFILE_FIELD_TAKEN', 'ok']);
        expect(results[1]).toMatchObject({ error: { params: { shortname: 'dept' }, message: expect.stringContaining('"dept"') } });
        const found = await platform.run('findProfileFields', { shortnames: ['site', 'team', 'dept', 'nope'] });
        expect(found).toEqual([
          { id: existing, shortname: 'dept', name: 'Department', datatype: 'menu' },
          { id: idOf(results[0]), shortname: 'team', name: 'Team', datatype: 'text' },
          { id: idOf(results[3]), shortname: 'site', name: 'Site', datatype: 'text' },
        ]);
        const [user] = await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D', customFields: { team: 'Blue' } }]);
        expect(await platform.run('findUserCustomFields', { userIds: [idOf(user)], shortnames: ['team'] })).toEqual([
          { userId: idOf(user), shortname: 'team', value: 'Blue' },
        ]);
      });

      it('creates cohorts in the system or a category context, refusing a taken idnumber or an unknown category', async () => {
        await open();
        const science = await buildCategory(store, { name: 'Science' });
        await buildCohort(store, { name: 'Old', idnumber: 'OLD' });
        const results = await platform.run('createCohorts', [
          { name: 'Year 1', idnumber: 'Y1', description: 'First year' },
          { name: 'Lab', idnumber: 'LAB', categoryId: science },
          { name: 'Again', idnumber: 'Y1' },
          { name: 'Older', idnumber: 'OLD' },
          { name: 'Nowhere', idnumber: 'NW', categoryId: 999_999 },
          { name: 'No idnumber' },
          { name: 'No idnumber either', idnumber: '' },
        ]);
        expect(outcomes(results)).toEqual(['ok', 'ok', 'PLATFORM_COHORT_IDNUMBER_TAKEN', 'PLATFORM_COHORT_IDNUMBER_TAKEN', 'PLATFORM_CATEGORY_NOT_FOUND', 'ok', 'ok']);
        expect(results[2]).toMatchObject({ error: { params: { idnumber: 'Y1' }, message: 'Cohort idnumber already exists: Y1' } });
        expect(results[4]).toMatchObject({ error: { params: { categoryId: 999_999 } } });
        const found = await platform.run('findCohorts', { by: { idnumber: ['Y1', 'LAB', 'NW'], name: ['No idnumber'], id: [String(idOf(results[6]))] } });
        expect(found.map(({ id, name, idnumber, description, categoryId }) => ({ id, name, idnumber, description, categoryId }))).toEqual([
          { id: idOf(results[0]), name: 'Year 1', idnumber: 'Y1', description: 'First year', categoryId: null },
          { id: idOf(results[1]), name: 'Lab', idnumber: 'LAB', description: '', categoryId: science },
          { id: idOf(results[5]), name: 'No idnumber', idnumber: '', description: '', categoryId: null },
          { id: idOf(results[6]), name: 'No idnumber either', idnumber: '', description: '', categoryId: null },
        ]);
      });

      it('adds cohort members: unknown cohort or user rejected, a member again not added twice', async () => {
        await open();
        const cohort = idOf((await platform.run('createCohorts', [{ name: 'Year 1', idnumber: 'Y1' }]))[0]);
        const real = await buildCohort(store, { name: 'Real', idnumber: 'R' });
        const [jdoe, gone] = (await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'J', lastname: 'D' },
          { username: 'gone', firstname: 'G', lastname: 'G' },
        ])).map(idOf);
        await platform.run('deleteUsers', [gone!]);
        const results = await platform.run('addCohortMembers', [
          { cohortId: cohort, userId: jdoe! },
          { cohortId: real, userId: jdoe! },
          { cohortId: cohort, userId: jdoe! },
          { cohortId: 999_999, userId: jdoe! },
          { cohortId: cohort, userId: 999_999 },
          { cohortId: cohort, userId: gone! },
        ]);
        expect(outcomes(results)).toEqual(['added', 'added', 'kept', 'PLATFORM_COHORT_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND']);
        expect(outcomes(await platform.run('addCohortMembers', [{ cohortId: cohort, userId: jdoe! }]))).toEqual(['kept']);
      });

      it('lists enrolment instances by course, sortorder and id, of every method or one', async () => {
        await open();
        const algebra = await buildCourse(store, { shortname: 'ALG' });
        const biology = await buildCourse(store, { shortname: 'BIO' });
        const self = await buildEnrolInstance(store, { courseId: biology, enrol: 'self', sortorder: 2, status: 1, roleId: 0 });
        const cohort = await buildEnrolInstance(store, { courseId: biology, enrol: 'cohort', sortorder: 1 });
        const manualBio = await buildEnrolInstance(store, { courseId: biology, enrol: 'manual', sortorder: 1 });
        const instances = await platform.run('findEnrolInstances', { courseIds: [biology, algebra, 999_999] });
        expect(instances.map(({ courseId, enrol, sortorder, enabled, roleId }) => [courseId, enrol, sortorder, enabled, roleId])).toEqual([
          [algebra, 'manual', 0, true, 5],
          [biology, 'manual', 0, true, 5],
          [biology, 'cohort', 1, true, 5],
          [biology, 'manual', 1, true, 5],
          [biology, 'self', 2, false, 0],
        ]);
        expect(instances.slice(2).map((instance) => instance.id)).toEqual([cohort, manualBio, self]);
        const manual = await platform.run('findEnrolInstances', { courseIds: [biology], enrol: 'manual' });
        expect(manual.map((instance) => instance.enrol)).toEqual(['manual', 'manual']);
        expect(await platform.run('findEnrolInstances', { courseIds: [] })).toEqual([]);
      });

      it('enrols users with their role, per item, and re-enrolling answers added false', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        await buildEnrolInstance(store, { courseId: course, enrol: 'cohort', sortorder: 1 });
        const [manual, cohortInstance] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const [jdoe, asmith] = (await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'J', lastname: 'D' },
          { username: 'asmith', firstname: 'A', lastname: 'S' },
        ])).map(idOf);
        const enrolment = { instanceId: manual!.id, userId: jdoe!, roleId: 5, timestart: 1_700_000_000, timeend: 0 };
        const results = await platform.run('enrolUsers', [
          enrolment,
          { ...enrolment, instanceId: 999_999 },
          { ...enrolment, userId: 999_999 },
          { ...enrolment, roleId: 999 },
          { ...enrolment, timeend: 1_800_000_000, suspended: true },
          { instanceId: cohortInstance!.id, userId: asmith!, roleId: 3, timestart: 0, timeend: 0 },
        ]);
        expect(outcomes(results)).toEqual(['added', 'PLATFORM_ENROL_INSTANCE_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND', 'PLATFORM_ROLE_NOT_FOUND', 'kept', 'added']);
        expect(results[1]).toMatchObject({ error: { params: { instanceId: 999_999 }, message: 'No enrolment instance with id 999999' } });
        expect(results[3]).toMatchObject({ error: { params: { roleId: 999 } } });
        expect(outcomes(await platform.run('enrolUsers', [{ ...enrolment, roleId: 3 }]))).toEqual(['kept']);
        expect(await platform.run('findCourseRoles', { courseIds: [course], userIds: [asmith!, jdoe!] })).toEqual(
          [
            { courseId: course, userId: jdoe, roleId: 3, component: '' },
            { courseId: course, userId: jdoe, roleId: 5, component: '' },
            { courseId: course, userId: asmith, roleId: 3, component: 'enrol_cohort' },
          ].sort((a, b) => a.userId! - b.userId! || a.roleId - b.roleId),
        );
      });

      it('gives course roles without enrolment: created when missing, unknown course, user or role rejected', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const other = await buildCourse(store, { shortname: 'C2' });
        const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
        const results = await platform.run('assignCourseRoles', [
          { courseId: course, userId: jdoe!, roleId: 4 },
          { courseId: course, userId: jdoe!, roleId: 4, component: '' },
          { courseId: course, userId: jdoe!, roleId: 4, component: 'enrol_meta' },
          { courseId: 999_999, userId: jdoe!, roleId: 4 },
          { courseId: course, userId: 999_999, roleId: 4 },
          { courseId: course, userId: jdoe!, roleId: 999 },
          { courseId: other, userId: jdoe!, roleId: 3 },
        ]);
        expect(outcomes(results)).toEqual(['added', 'kept', 'added', 'PLATFORM_COURSE_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND', 'PLATFORM_ROLE_NOT_FOUND', 'added']);
        expect(results[3]).toMatchObject({ error: { params: { courseId: 999_999 }, message: 'No course with id 999999' } });
        expect(outcomes(await platform.run('assignCourseRoles', [{ courseId: other, userId: jdoe!, roleId: 3 }]))).toEqual(['kept']);
        expect(await platform.run('findCourseRoles', { courseIds: [other, course], userIds: [jdoe!] })).toEqual([
          { courseId: course, userId: jdoe, roleId: 4, component: '' },
          { courseId: course, userId: jdoe, roleId: 4, component: 'enrol_meta' },
          { courseId: other, userId: jdoe, roleId: 3, component: '' },
        ].sort((a, b) => a.courseId - b.courseId || a.component.localeCompare(b.component)));
        expect(await platform.run('findCourseRoles', { courseIds: [course], userIds: [] })).toEqual([]);
      });

      it('creates groups, refusing a name or an idnumber already used in the course, or an unknown course', async () => {
        await open();
        const algebra = await buildCourse(store, { shortname: 'ALG' });
        const biology = await buildCourse(store, { shortname: 'BIO' });
        await buildGroup(store, { courseId: algebra, name: 'Old', idnumber: 'G-OLD' });
        const results = await platform.run('createGroups', [
          { courseId: algebra, name: 'Group A', idnumber: 'G-A', description: 'First' },
          { courseId: algebra, name: 'Group A' },
          { courseId: biology, name: 'Group A', idnumber: 'G-A' },
          { courseId: algebra, name: 'Old' },
          { courseId: algebra, name: 'Group B', idnumber: 'G-OLD' },
          { courseId: algebra, name: 'Group C', idnumber: 'G-A' },
          { courseId: algebra, name: 'Group D', idnumber: '' },
          { courseId: algebra, name: 'Group E' },
          { courseId: 999_999, name: 'Group A' },
        ]);
        expect(outcomes(results)).toEqual([
          'ok', 'PLATFORM_GROUP_NAME_TAKEN', 'ok', 'PLATFORM_GROUP_NAME_TAKEN', 'PLATFORM_GROUP_IDNUMBER_TAKEN',
          'PLATFORM_GROUP_IDNUMBER_TAKEN', 'ok', 'ok', 'PLATFORM_COURSE_NOT_FOUND',
        ]);
        expect(results[1]).toMatchObject({ error: { params: { courseId: algebra, name: 'Group A' }, message: `A group named "Group A" already exists in course ${algebra}` } });
        expect(results[4]).toMatchObject({ error: { params: { courseId: algebra, idnumber: 'G-OLD' } } });
        expect(await platform.run('findGroups', { courseIds: [algebra], by: { idnumber: ['G-A'], name: ['Group E'] } })).toEqual([
          { id: idOf(results[0]), courseId: algebra, name: 'Group A', idnumber: 'G-A', description: 'First' },
          { id: idOf(results[7]), courseId: algebra, name: 'Group E', idnumber: '', description: '' },
        ]);
        expect((await platform.run('findGroups', { courseIds: [biology], by: { name: ['Group A'] } })).map((group) => group.id)).toEqual([idOf(results[2])]);
        expect(outcomes(await platform.run('createGroups', [{ courseId: biology, name: 'Group A' }]))).toEqual(['PLATFORM_GROUP_NAME_TAKEN']);
      });

      it('adds group members who are enrolled in the course: enrol then add works, a member again is kept', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const other = await buildCourse(store, { shortname: 'C2' });
        const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const [otherManual] = await platform.run('findEnrolInstances', { courseIds: [other] });
        const [group] = (await platform.run('createGroups', [{ courseId: course, name: 'Group A' }])).map(idOf);
        const [jdoe, asmith] = (await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'J', lastname: 'D' },
          { username: 'asmith', firstname: 'A', lastname: 'S' },
        ])).map(idOf);
        const before = await platform.run('addGroupMembers', [{ groupId: group!, userId: jdoe! }]);
        expect(outcomes(before)).toEqual(['PLATFORM_USER_NOT_ENROLLED']);
        expect(before[0]).toMatchObject({ error: { params: { userId: jdoe, courseId: course, groupId: group } } });
        await platform.run('enrolUsers', [
          { instanceId: manual!.id, userId: jdoe!, roleId: 5, timestart: 0, timeend: 0, suspended: true },
          { instanceId: otherManual!.id, userId: asmith!, roleId: 5, timestart: 0, timeend: 0 },
        ]);
        const results = await platform.run('addGroupMembers', [
          { groupId: group!, userId: jdoe!, component: 'tool_sync' },
          { groupId: group!, userId: jdoe! },
          { groupId: group!, userId: asmith! },
          { groupId: 999_999, userId: jdoe! },
          { groupId: group!, userId: 999_999 },
        ]);
        expect(outcomes(results)).toEqual(['added', 'kept', 'PLATFORM_USER_NOT_ENROLLED', 'PLATFORM_GROUP_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND']);
        expect(outcomes(await platform.run('addGroupMembers', [{ groupId: group!, userId: jdoe! }]))).toEqual(['kept']);
      });

      it('accepts a real group member enrolled on the platform, found through findGroups', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const group = await buildGroup(store, { courseId: course, name: 'Real' });
        const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
        await platform.run('enrolUsers', [{ instanceId: manual!.id, userId: jdoe!, roleId: 5, timestart: 0, timeend: 0 }]);
        const [found] = await platform.run('findGroups', { courseIds: [course], by: { name: ['Real'] } });
        expect(found?.id).toBe(group);
        expect(outcomes(await platform.run('addGroupMembers', [{ groupId: group, userId: jdoe! }]))).toEqual(['added']);
      });

      it('creates courses with a manual instance, refusing a taken shortname or idnumber or an unknown category', async () => {
        await open();
        const science = await buildCategory(store, { name: 'Science' });
        await buildCourse(store, { shortname: 'OLD', idnumber: 'C-OLD' });
        const results = await platform.run('createCourses', [
          { fullname: 'Algebra', shortname: 'ALG', categoryId: science, idnumber: 'C-ALG', summary: 'Sums', format: 'weeks', visible: false, startdate: 1_700_000_000, enddate: 1_800_000_000 },
          { fullname: 'Again', shortname: 'ALG', categoryId: science },
          { fullname: 'Old', shortname: 'OLD', categoryId: science },
          { fullname: 'Taken idnumber', shortname: 'T1', categoryId: science, idnumber: 'C-OLD' },
          { fullname: 'Idnumber given twice', shortname: 'T2', categoryId: science, idnumber: 'C-ALG' },
          { fullname: 'Nowhere', shortname: 'NW', categoryId: 999_999, idnumber: 'C-OLD' },
          { fullname: 'Biology', shortname: 'BIO', categoryId: 1, idnumber: '' },
          { fullname: 'Lower case', shortname: 'alg', categoryId: 1 },
        ]);
        expect(outcomes(results)).toEqual([
          'ok', 'PLATFORM_COURSE_SHORTNAME_TAKEN', 'PLATFORM_COURSE_SHORTNAME_TAKEN', 'PLATFORM_COURSE_IDNUMBER_TAKEN',
          'PLATFORM_COURSE_IDNUMBER_TAKEN', 'PLATFORM_CATEGORY_NOT_FOUND', 'ok', 'ok',
        ]);
        expect(results[1]).toMatchObject({ error: { params: { shortname: 'ALG' }, message: 'Short name is already used for another course (ALG)' } });
        expect(results[3]).toMatchObject({ error: { params: { idnumber: 'C-OLD' }, message: 'ID number is already used for another course (C-OLD)' } });
        const [algebra, biology] = [idOf(results[0]), idOf(results[6])];
        expect(await platform.run('findCourses', { by: { shortname: ['ALG'], idnumber: ['C-ALG'], id: [String(biology)] } })).toEqual([
          { id: algebra, shortname: 'ALG', fullname: 'Algebra', idnumber: 'C-ALG', category: science, format: 'weeks', visible: false, startdate: 1_700_000_000, enddate: 1_800_000_000 },
          { id: biology, shortname: 'BIO', fullname: 'Biology', idnumber: '', category: 1, format: 'topics', visible: true, startdate: 0, enddate: 0 },
        ]);
        const instances = await platform.run('findEnrolInstances', { courseIds: [algebra, biology] });
        expect(instances.map(({ courseId, enrol, enabled, sortorder, roleId }) => ({ courseId, enrol, enabled, sortorder, roleId }))).toEqual([
          { courseId: algebra, enrol: 'manual', enabled: true, sortorder: 0, roleId: 5 },
          { courseId: biology, enrol: 'manual', enabled: true, sortorder: 0, roleId: 5 },
        ]);
        expect(outcomes(await platform.run('createCourses', [{ fullname: 'B', shortname: 'BIO', categoryId: 1 }]))).toEqual(['PLATFORM_COURSE_SHORTNAME_TAKEN']);
        const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
        expect(outcomes(await platform.run('enrolUsers', [{ instanceId: instances[0]!.id, userId: jdoe!, roleId: 5, timestart: 0, timeend: 0 }]))).toEqual(['added']);
        const [group] = (await platform.run('createGroups', [{ courseId: algebra, name: 'G' }])).map(idOf);
        expect(outcomes(await platform.run('addGroupMembers', [{ groupId: group!, userId: jdoe! }]))).toEqual(['added']);
        expect(outcomes(await platform.run('assignCourseRoles', [{ courseId: biology, userId: jdoe!, roleId: 4 }]))).toEqual(['added']);
      });

      it('finds every group of several courses, or those matching, always within the courses, in id order', async () => {
        await open();
        const algebra = await buildCourse(store, { shortname: 'ALG' });
        const biology = await buildCourse(store, { shortname: 'BIO' });
        const chemistry = await buildCourse(store, { shortname: 'CHE' });
        const a1 = await buildGroup(store, { courseId: algebra, name: 'A' });
        const b1 = await buildGroup(store, { courseId: biology, name: 'A' });
        const a2 = await buildGroup(store, { courseId: algebra, name: 'B', idnumber: 'G-B' });
        await buildGroup(store, { courseId: chemistry, name: 'A' });
        const ids = async (input: Parameters<typeof findGroups>[1]) => (await findGroups(platform, input)).map((group) => group.id);
        expect(await ids({ courseIds: [biology, algebra] })).toEqual([a1, b1, a2]);
        expect(await ids({ courseIds: [algebra, biology], by: { name: ['A'] } })).toEqual([a1, b1]);
        expect(await ids({ courseIds: [algebra], by: { id: [String(b1), String(a2)], idnumber: ['G-B'] } })).toEqual([a2]);
        expect(await ids({ courseIds: [algebra], by: {} })).toEqual([]);
        expect(await ids({ courseIds: [] })).toEqual([]);
        const [a3] = (await platform.run('createGroups', [{ courseId: algebra, name: 'C' }])).map(idOf);
        expect(await ids({ courseIds: [algebra] })).toEqual([a1, a2, a3]);
        expect(await ids({ courseIds: [algebra, biology], by: { name: ['C', 'A'] } })).toEqual([a1, b1, a3]);
      });

      it('changes status and dates of enrolments, only the fields given, refusing users not enrolled through the instance', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        await buildEnrolInstance(store, { courseId: course, enrol: 'cohort', sortorder: 1 });
        const [manual, cohortInstance] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const [jdoe, asmith] = (await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'J', lastname: 'D' },
          { username: 'asmith', firstname: 'A', lastname: 'S' },
        ])).map(idOf);
        await platform.run('enrolUsers', [{ instanceId: manual!.id, userId: jdoe!, roleId: 5, timestart: 100, timeend: 200 }]);
        const results = await platform.run('updateEnrolments', [
          { instanceId: manual!.id, userId: jdoe!, suspended: true },
          { instanceId: manual!.id, userId: jdoe!, suspended: true },
          { instanceId: manual!.id, userId: jdoe!, timeend: 300 },
          { instanceId: manual!.id, userId: jdoe!, timestart: 100 },
          { instanceId: manual!.id, userId: asmith! },
          { instanceId: cohortInstance!.id, userId: jdoe!, suspended: false },
          { instanceId: 999_999, userId: jdoe!, suspended: false },
        ]);
        expect(outcomes(results)).toEqual([
          'changed', 'same', 'changed', 'same', 'PLATFORM_ENROLMENT_NOT_FOUND', 'PLATFORM_ENROLMENT_NOT_FOUND', 'PLATFORM_ENROL_INSTANCE_NOT_FOUND',
        ]);
        expect(results[4]).toMatchObject({
          error: { params: { instanceId: manual!.id, userId: asmith }, message: `User ${asmith} is not enrolled through enrolment instance ${manual!.id}` },
        });
        expect(await platform.run('findEnrolments', { courseIds: [course], userIds: [jdoe!] })).toEqual([
          { instanceId: manual!.id, courseId: course, userId: jdoe, suspended: true, timestart: 100, timeend: 300 },
        ]);
        expect(outcomes(await platform.run('updateEnrolments', [{ instanceId: manual!.id, userId: jdoe!, suspended: true, timestart: 100, timeend: 300 }]))).toEqual(['same']);
        expect(outcomes(await platform.run('updateEnrolments', [{ instanceId: manual!.id, userId: jdoe!, suspended: false, timestart: 0 }]))).toEqual(['changed']);
        expect(await platform.run('findEnrolments', { courseIds: [course], userIds: [jdoe!] })).toEqual([
          { instanceId: manual!.id, courseId: course, userId: jdoe, suspended: false, timestart: 0, timeend: 300 },
        ]);
      });

      it('unenrols as unenrol_user: the instance roles and memberships go; the last enrolment of the course takes every role and membership', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const other = await buildCourse(store, { shortname: 'C2' });
        const cohortId = await buildEnrolInstance(store, { courseId: course, enrol: 'cohort', sortorder: 1 });
        const g1 = await buildGroup(store, { courseId: course, name: 'G1' });
        const g2 = await buildGroup(store, { courseId: course, name: 'G2' });
        const g3 = await buildGroup(store, { courseId: other, name: 'G3' });
        const [manual, cohortInstance, otherManual] = await platform.run('findEnrolInstances', { courseIds: [course, other] });
        expect(cohortInstance!.id).toBe(cohortId);
        await findGroups(platform, { courseIds: [course, other] });
        const [jdoe, asmith] = (await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'J', lastname: 'D' },
          { username: 'asmith', firstname: 'A', lastname: 'S' },
        ])).map(idOf);
        const enrol = (instanceId: number, userId: number, roleId = 5) => ({ instanceId, userId, roleId, timestart: 0, timeend: 0 });
        await platform.run('enrolUsers', [enrol(manual!.id, jdoe!), enrol(cohortId, jdoe!, 3), enrol(otherManual!.id, jdoe!), enrol(manual!.id, asmith!)]);
        await platform.run('assignCourseRoles', [{ courseId: course, userId: jdoe!, roleId: 4 }, { courseId: course, userId: jdoe!, roleId: 4, component: 'enrol_meta' }]);
        await platform.run('addGroupMembers', [{ groupId: g1, userId: jdoe! }, { groupId: g3, userId: jdoe! }, { groupId: g1, userId: asmith! }]);
        await buildGroupMember(store, { groupId: g2, userId: jdoe!, component: 'enrol_cohort', itemid: cohortId });
        const roles = () => platform.run('findCourseRoles', { courseIds: [course, other], userIds: [jdoe!, asmith!] });
        const members = () => platform.run('findGroupMembers', { groupIds: [g1, g2, g3], userIds: [jdoe!, asmith!] });
        const role = (courseId: number, userId: number, roleId: number, component = '') => ({ courseId, userId, roleId, component });

        expect(outcomes(await platform.run('unenrolUsers', [{ instanceId: cohortId, userId: jdoe! }]))).toEqual(['removed']);
        expect(await platform.run('findEnrolments', { courseIds: [course], userIds: [jdoe!] })).toEqual([
          { instanceId: manual!.id, courseId: course, userId: jdoe, suspended: false, timestart: 0, timeend: 0 },
        ]);
        expect(await roles()).toEqual(
          sortRoles([role(course, jdoe!, 4), role(course, jdoe!, 4, 'enrol_meta'), role(course, jdoe!, 5), role(course, asmith!, 5), role(other, jdoe!, 5)]),
        );
        expect(sortMembers(await members())).toEqual(sortMembers([
          { groupId: g1, userId: jdoe!, component: '' },
          { groupId: g3, userId: jdoe!, component: '' },
          { groupId: g1, userId: asmith!, component: '' },
        ]));

        const results = await platform.run('unenrolUsers', [
          { instanceId: manual!.id, userId: jdoe! },
          { instanceId: manual!.id, userId: jdoe! },
          { instanceId: 999_999, userId: jdoe! },
          { instanceId: cohortId, userId: asmith! },
          { instanceId: manual!.id, userId: 999_999 },
        ]);
        expect(outcomes(results)).toEqual(['removed', 'absent', 'PLATFORM_ENROL_INSTANCE_NOT_FOUND', 'absent', 'absent']);
        expect(results[2]).toMatchObject({ error: { params: { instanceId: 999_999 } } });
        expect(await platform.run('findEnrolments', { courseIds: [course, other], userIds: [jdoe!, asmith!] })).toEqual(
          expect.arrayContaining([expect.objectContaining({ instanceId: manual!.id, userId: asmith }), expect.objectContaining({ instanceId: otherManual!.id, userId: jdoe })]),
        );
        expect(await platform.run('findEnrolments', { courseIds: [course], userIds: [jdoe!] })).toEqual([]);
        expect(await roles()).toEqual(sortRoles([role(course, asmith!, 5), role(other, jdoe!, 5)]));
        expect(sortMembers(await members())).toEqual(sortMembers([{ groupId: g3, userId: jdoe!, component: '' }, { groupId: g1, userId: asmith!, component: '' }]));
        expect(outcomes(await platform.run('addGroupMembers', [{ groupId: g1, userId: jdoe! }]))).toEqual(['PLATFORM_USER_NOT_ENROLLED']);
        expect(outcomes(await platform.run('enrolUsers', [enrol(manual!.id, jdoe!)]))).toEqual(['added']);
        expect(outcomes(await platform.run('addGroupMembers', [{ groupId: g1, userId: jdoe! }]))).toEqual(['added']);
      });

      it('unenrols every instance of a user in one call: the last one, in call order, takes everything in the course', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const cohortA = await buildEnrolInstance(store, { courseId: course, enrol: 'cohort', sortorder: 1 });
        const cohortB = await buildEnrolInstance(store, { courseId: course, enrol: 'cohort', sortorder: 2 });
        const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const [group] = (await platform.run('createGroups', [{ courseId: course, name: 'G' }])).map(idOf);
        const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
        const enrol = (instanceId: number, roleId: number) => ({ instanceId, userId: jdoe!, roleId, timestart: 0, timeend: 0 });
        await platform.run('enrolUsers', [enrol(cohortA, 5), enrol(cohortB, 5), enrol(manual!.id, 3)]);
        await platform.run('addGroupMembers', [{ groupId: group!, userId: jdoe!, component: 'tool_sync' }]);
        const roles = () => platform.run('findCourseRoles', { courseIds: [course], userIds: [jdoe!] });
        // The role both cohort instances gave stays while one of them does.
        expect(outcomes(await platform.run('unenrolUsers', [{ instanceId: cohortA, userId: jdoe! }]))).toEqual(['removed']);
        expect((await roles()).map((assignment) => [assignment.roleId, assignment.component])).toEqual([[3, ''], [5, 'enrol_cohort']]);
        expect(outcomes(await platform.run('unenrolUsers', [{ instanceId: cohortB, userId: jdoe! }, { instanceId: manual!.id, userId: jdoe! }]))).toEqual(['removed', 'removed']);
        expect(await roles()).toEqual([]);
        expect(await platform.run('findGroupMembers', { groupIds: [group!], userIds: [jdoe!] })).toEqual([]);
        expect(await platform.run('findEmptyGroups', { courseIds: [course] })).toEqual([expect.objectContaining({ id: group })]);
      });

      it('removes course roles of a component whatever their item, refusing an unknown course, user or role', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const other = await buildCourse(store, { shortname: 'C2' });
        const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
        await platform.run('assignCourseRoles', [
          { courseId: course, userId: jdoe!, roleId: 4 },
          { courseId: course, userId: jdoe!, roleId: 4, component: 'enrol_meta' },
          { courseId: other, userId: jdoe!, roleId: 3 },
        ]);
        await buildRoleAssignment(store, { courseId: course, userId: jdoe!, roleId: 5, component: 'enrol_cohort', itemid: 7 });
        await buildRoleAssignment(store, { courseId: course, userId: jdoe!, roleId: 5, component: 'enrol_cohort', itemid: 8 });
        const results = await platform.run('unassignCourseRoles', [
          { courseId: course, userId: jdoe!, roleId: 4 },
          { courseId: course, userId: jdoe!, roleId: 4, component: '' },
          { courseId: course, userId: jdoe!, roleId: 3 },
          { courseId: course, userId: jdoe!, roleId: 5, component: 'enrol_cohort' },
          { courseId: 999_999, userId: jdoe!, roleId: 4 },
          { courseId: course, userId: 999_999, roleId: 4 },
          { courseId: course, userId: jdoe!, roleId: 999 },
        ]);
        expect(outcomes(results)).toEqual(['removed', 'absent', 'absent', 'removed', 'PLATFORM_COURSE_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND', 'PLATFORM_ROLE_NOT_FOUND']);
        expect(await platform.run('findCourseRoles', { courseIds: [course, other], userIds: [jdoe!] })).toEqual([
          { courseId: course, userId: jdoe, roleId: 4, component: 'enrol_meta' },
          { courseId: other, userId: jdoe, roleId: 3, component: '' },
        ]);
        expect(outcomes(await platform.run('unassignCourseRoles', [{ courseId: course, userId: jdoe!, roleId: 4, component: 'enrol_meta' }]))).toEqual(['removed']);
        expect(outcomes(await platform.run('assignCourseRoles', [{ courseId: course, userId: jdoe!, roleId: 4 }]))).toEqual(['added']);
        expect(await platform.run('findCourseRoles', { courseIds: [course], userIds: [jdoe!] })).toEqual([{ courseId: course, userId: jdoe, roleId: 4, component: '' }]);
      });

      it('finds course roles of everyone or of the users given, of every role or of the roles given', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const other = await buildCourse(store, { shortname: 'C2' });
        const [jdoe, asmith, bob] = (await platform.run('createUsers', ['jdoe', 'asmith', 'bob'].map((username) => ({ username, firstname: 'F', lastname: 'L' })))).map(idOf);
        await buildRoleAssignment(store, { courseId: course, userId: asmith!, roleId: 5 });
        await platform.run('assignCourseRoles', [
          { courseId: course, userId: jdoe!, roleId: 3 },
          { courseId: course, userId: jdoe!, roleId: 5, component: 'enrol_meta' },
          { courseId: other, userId: bob!, roleId: 3 },
        ]);
        const role = (courseId: number, userId: number, roleId: number, component = '') => ({ courseId, userId, roleId, component });
        expect(await platform.run('findCourseRoles', { courseIds: [course] })).toEqual(
          sortRoles([role(course, jdoe!, 3), role(course, jdoe!, 5, 'enrol_meta'), role(course, asmith!, 5)]),
        );
        expect(await platform.run('findCourseRoles', { courseIds: [course, other], roleIds: [3] })).toEqual([role(course, jdoe!, 3), role(other, bob!, 3)]);
        expect(await platform.run('findCourseRoles', { courseIds: [course], userIds: [jdoe!, bob!], roleIds: [5] })).toEqual([role(course, jdoe!, 5, 'enrol_meta')]);
        expect(await platform.run('findCourseRoles', { courseIds: [course], roleIds: [] })).toEqual([]);
        expect(await platform.run('findCourseRoles', { courseIds: [], roleIds: [3] })).toEqual([]);
      });

      it('changes groups in order, only the fields given, refusing a name or an idnumber another group of the course holds', async () => {
        await open();
        const algebra = await buildCourse(store, { shortname: 'ALG' });
        const biology = await buildCourse(store, { shortname: 'BIO' });
        const [a, b, c, bio] = (await platform.run('createGroups', [
          { courseId: algebra, name: 'A', idnumber: 'G-A' },
          { courseId: algebra, name: 'B', idnumber: 'G-B' },
          { courseId: algebra, name: 'C' },
          { courseId: biology, name: 'A' },
        ])).map(idOf);
        const results = await platform.run('updateGroups', [
          { id: a!, name: 'A2', description: 'Renamed' },
          { id: b!, name: 'A' },
          { id: c!, name: 'A2' },
          { id: c!, idnumber: 'G-B' },
          { id: c!, idnumber: '' },
          { id: b!, name: 'A', idnumber: 'G-B' },
          { id: bio!, name: 'A2' },
          { id: 999_999, name: 'X' },
          { id: a!, name: 'A2', idnumber: 'G-A' },
        ]);
        expect(outcomes(results)).toEqual([
          'changed', 'changed', 'PLATFORM_GROUP_NAME_TAKEN', 'PLATFORM_GROUP_IDNUMBER_TAKEN', 'same', 'same', 'changed', 'PLATFORM_GROUP_NOT_FOUND', 'same',
        ]);
        expect(results[2]).toMatchObject({ error: { params: { courseId: algebra, name: 'A2' } } });
        expect(results[3]).toMatchObject({ error: { params: { courseId: algebra, idnumber: 'G-B' } } });
        expect(await findGroups(platform, { courseIds: [algebra] })).toEqual([
          { id: a, courseId: algebra, name: 'A2', idnumber: 'G-A', description: 'Renamed' },
          { id: b, courseId: algebra, name: 'A', idnumber: 'G-B', description: '' },
          { id: c, courseId: algebra, name: 'C', idnumber: '', description: '' },
        ]);
        expect((await findGroups(platform, { courseIds: [algebra, biology], by: { name: ['A', 'B'] } })).map((group) => group.id)).toEqual([b]);
        expect(outcomes(await platform.run('createGroups', [{ courseId: algebra, name: 'B' }, { courseId: algebra, name: 'A2' }]))).toEqual(['ok', 'PLATFORM_GROUP_NAME_TAKEN']);
      });

      it('deletes groups with their memberships and grouping bindings, and lists the empty groups', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const other = await buildCourse(store, { shortname: 'C2' });
        const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
        await platform.run('enrolUsers', [{ instanceId: manual!.id, userId: jdoe!, roleId: 5, timestart: 0, timeend: 0 }]);
        const [a, b, c, d] = (await platform.run('createGroups', [
          { courseId: course, name: 'A' },
          { courseId: course, name: 'B' },
          { courseId: course, name: 'C' },
          { courseId: other, name: 'D' },
        ])).map(idOf);
        const [grouping] = (await platform.run('createGroupings', [{ courseId: course, name: 'X' }])).map(idOf);
        await platform.run('assignGroupings', [{ groupingId: grouping!, groupId: a! }, { groupingId: grouping!, groupId: b! }]);
        await platform.run('addGroupMembers', [{ groupId: a!, userId: jdoe! }]);
        const empty = async () => (await platform.run('findEmptyGroups', { courseIds: [course, other] })).map((group) => group.id);
        expect(await empty()).toEqual([b, c, d]);
        expect(await platform.run('findEmptyGroupings', { courseIds: [course] })).toEqual([]);
        const results = await platform.run('deleteGroups', [a!, b!, 999_999, a!]);
        expect(outcomes(results)).toEqual(['ok', 'ok', 'PLATFORM_GROUP_NOT_FOUND', 'PLATFORM_GROUP_NOT_FOUND']);
        expect(results[2]).toMatchObject({ error: { params: { groupId: 999_999 }, message: 'No group with id 999999' } });
        expect((await findGroups(platform, { courseIds: [course, other] })).map((group) => group.id)).toEqual([c, d]);
        expect(await platform.run('findGroupMembers', { groupIds: [a!], userIds: [jdoe!] })).toEqual([]);
        expect((await platform.run('findEmptyGroupings', { courseIds: [course] })).map((found) => found.id)).toEqual([grouping]);
        expect(await empty()).toEqual([c, d]);
        expect(outcomes(await platform.run('addGroupMembers', [{ groupId: a!, userId: jdoe! }]))).toEqual(['PLATFORM_GROUP_NOT_FOUND']);
        expect(outcomes(await platform.run('updateGroups', [{ id: a!, name: 'Z' }]))).toEqual(['PLATFORM_GROUP_NOT_FOUND']);
        expect(outcomes(await platform.run('createGroups', [{ courseId: course, name: 'A' }]))).toEqual(['ok']);
      });

      it('removes group members only for the component owning the membership', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const [jdoe, asmith, bob] = (await platform.run('createUsers', ['jdoe', 'asmith', 'bob'].map((username) => ({ username, firstname: 'F', lastname: 'L' })))).map(idOf);
        await platform.run('enrolUsers', [jdoe, asmith, bob].map((userId) => ({ instanceId: manual!.id, userId: userId!, roleId: 5, timestart: 0, timeend: 0 })));
        const [group] = (await platform.run('createGroups', [{ courseId: course, name: 'G' }])).map(idOf);
        await platform.run('addGroupMembers', [
          { groupId: group!, userId: jdoe! },
          { groupId: group!, userId: asmith!, component: 'tool_sync' },
          { groupId: group!, userId: bob! },
        ]);
        const results = await platform.run('removeGroupMembers', [
          { groupId: group!, userId: jdoe! },
          { groupId: group!, userId: jdoe! },
          { groupId: group!, userId: asmith! },
          { groupId: group!, userId: asmith!, component: 'tool_sync' },
          { groupId: group!, userId: bob!, component: 'tool_sync' },
          { groupId: 999_999, userId: jdoe! },
          { groupId: group!, userId: 999_999 },
        ]);
        expect(outcomes(results)).toEqual(['removed', 'absent', 'PLATFORM_MEMBERSHIP_PROTECTED', 'removed', 'PLATFORM_MEMBERSHIP_PROTECTED', 'PLATFORM_GROUP_NOT_FOUND', 'absent']);
        expect(results[2]).toMatchObject({
          error: {
            params: { userId: asmith, groupId: group, component: 'tool_sync', requester: '' },
            message: `Membership of user ${asmith} in group ${group} is owned by "tool_sync" and cannot be removed`,
          },
        });
        expect(results[4]).toMatchObject({ error: { message: `Membership of user ${bob} in group ${group} is a manual one and cannot be removed by "tool_sync"` } });
        expect(await platform.run('findGroupMembers', { groupIds: [group!], userIds: [jdoe!, asmith!, bob!] })).toEqual([{ groupId: group, userId: bob, component: '' }]);
        expect(outcomes(await platform.run('addGroupMembers', [{ groupId: group!, userId: jdoe! }]))).toEqual(['added']);
      });

      it('creates, finds, changes, binds and deletes groupings with their own codes', async () => {
        await open();
        const algebra = await buildCourse(store, { shortname: 'ALG' });
        const biology = await buildCourse(store, { shortname: 'BIO' });
        const created = await platform.run('createGroupings', [
          { courseId: algebra, name: 'Year', idnumber: 'GG-Y', description: 'All' },
          { courseId: algebra, name: 'Year' },
          { courseId: biology, name: 'Year', idnumber: 'GG-Y' },
          { courseId: algebra, name: 'Other', idnumber: 'GG-Y' },
          { courseId: algebra, name: 'Spare', idnumber: '' },
          { courseId: 999_999, name: 'Nowhere' },
        ]);
        expect(outcomes(created)).toEqual(['ok', 'PLATFORM_GROUPING_NAME_TAKEN', 'ok', 'PLATFORM_GROUPING_IDNUMBER_TAKEN', 'ok', 'PLATFORM_COURSE_NOT_FOUND']);
        expect(created[1]).toMatchObject({ error: { params: { courseId: algebra, name: 'Year' }, message: `A grouping named "Year" already exists in course ${algebra}` } });
        expect(created[3]).toMatchObject({ error: { params: { courseId: algebra, idnumber: 'GG-Y' } } });
        const [year, bioYear, spare] = [idOf(created[0]), idOf(created[2]), idOf(created[4])];
        expect(await platform.run('findGroupings', { courseIds: [algebra, biology] })).toEqual([
          { id: year, courseId: algebra, name: 'Year', idnumber: 'GG-Y', description: 'All' },
          { id: bioYear, courseId: biology, name: 'Year', idnumber: 'GG-Y', description: '' },
          { id: spare, courseId: algebra, name: 'Spare', idnumber: '', description: '' },
        ]);
        expect((await platform.run('findGroupings', { courseIds: [algebra], by: { idnumber: ['GG-Y'] } })).map((found) => found.id)).toEqual([year]);
        const [groupA, groupYear] = (await platform.run('createGroups', [{ courseId: algebra, name: 'A' }, { courseId: algebra, name: 'Year' }])).map(idOf);
        const [groupB] = (await platform.run('createGroups', [{ courseId: biology, name: 'B' }])).map(idOf);
        expect(groupYear).toBeDefined();

        const changes = await platform.run('updateGroupings', [
          { id: year, name: 'Spare' },
          { id: year, description: 'Every group' },
          { id: year, name: 'Year', idnumber: 'GG-Y' },
          { id: spare, idnumber: 'GG-Y' },
          { id: 999_999, name: 'X' },
        ]);
        expect(outcomes(changes)).toEqual(['PLATFORM_GROUPING_NAME_TAKEN', 'changed', 'same', 'PLATFORM_GROUPING_IDNUMBER_TAKEN', 'PLATFORM_GROUPING_NOT_FOUND']);
        expect(changes[4]).toMatchObject({ error: { params: { groupingId: 999_999 }, message: 'No grouping with id 999999' } });

        const bindings = await platform.run('assignGroupings', [
          { groupingId: year, groupId: groupA! },
          { groupingId: year, groupId: groupA! },
          { groupingId: year, groupId: groupB! },
          { groupingId: 999_999, groupId: groupA! },
          { groupingId: year, groupId: 999_999 },
        ]);
        expect(outcomes(bindings)).toEqual(['added', 'kept', 'PLATFORM_GROUPING_COURSE_MISMATCH', 'PLATFORM_GROUPING_NOT_FOUND', 'PLATFORM_GROUP_NOT_FOUND']);
        expect(bindings[2]).toMatchObject({
          error: {
            params: { groupingId: year, groupingCourseId: algebra, groupId: groupB, groupCourseId: biology },
            message: `Group ${groupB} of course ${biology} cannot join grouping ${year} of course ${algebra}`,
          },
        });
        expect(outcomes(await platform.run('assignGroupings', [{ groupingId: year, groupId: groupA! }]))).toEqual(['kept']);
        expect((await platform.run('findEmptyGroupings', { courseIds: [algebra, biology] })).map((found) => found.id)).toEqual([bioYear, spare]);

        expect(outcomes(await platform.run('deleteGroupings', [year, 999_999, year]))).toEqual(['ok', 'PLATFORM_GROUPING_NOT_FOUND', 'PLATFORM_GROUPING_NOT_FOUND']);
        expect((await platform.run('findGroupings', { courseIds: [algebra] })).map((found) => found.id)).toEqual([spare]);
        expect((await findGroups(platform, { courseIds: [algebra] })).map((group) => group.id)).toEqual([groupA, groupYear]);
        expect(outcomes(await platform.run('assignGroupings', [{ groupingId: year, groupId: groupA! }]))).toEqual(['PLATFORM_GROUPING_NOT_FOUND']);
        expect(outcomes(await platform.run('createGroupings', [{ courseId: algebra, name: 'Year', idnumber: 'GG-Y' }]))).toEqual(['ok']);
      });

      it('finds every member of groups when no user is given, real and written ones, as removals and deletions leave them', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const other = await buildCourse(store, { shortname: 'C2' });
        const g1 = await buildGroup(store, { courseId: course, name: 'G1' });
        const g2 = await buildGroup(store, { courseId: course, name: 'G2' });
        const g3 = await buildGroup(store, { courseId: course, name: 'G3' });
        const g4 = await buildGroup(store, { courseId: other, name: 'G4' });
        await findGroups(platform, { courseIds: [course, other] });
        const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const jdoe = await buildUser(store, { username: 'jdoe' });
        const asmith = await buildUser(store, { username: 'asmith' });
        const bob = await buildUser(store, { username: 'bob' });
        await buildUserEnrolment(store, { instanceId: manual!.id, userId: asmith });
        await buildUserEnrolment(store, { instanceId: manual!.id, userId: bob });
        await buildGroupMember(store, { groupId: g1, userId: jdoe, component: 'enrol_cohort' });
        await buildGroupMember(store, { groupId: g4, userId: jdoe });
        await platform.run('addGroupMembers', [{ groupId: g1, userId: asmith }, { groupId: g2, userId: bob, component: 'tool_sync' }]);
        const members = async (groupIds: number[]) => sortMembers(await platform.run('findGroupMembers', { groupIds }));

        expect(await members([g1, g2, g3])).toEqual(sortMembers([
          { groupId: g1, userId: jdoe, component: 'enrol_cohort' },
          { groupId: g1, userId: asmith, component: '' },
          { groupId: g2, userId: bob, component: 'tool_sync' },
        ]));
        expect(await members([g2])).toEqual([{ groupId: g2, userId: bob, component: 'tool_sync' }]);
        expect(await members([g3, 999_999])).toEqual([]);
        expect(await members([])).toEqual([]);
        expect(await platform.run('findGroupMembers', { groupIds: [g1, g2], userIds: [asmith] })).toEqual([{ groupId: g1, userId: asmith, component: '' }]);
        expect(outcomes(await platform.run('removeGroupMembers', [{ groupId: g1, userId: asmith }]))).toEqual(['removed']);
        expect(outcomes(await platform.run('deleteUsers', [bob]))).toEqual(['ok']);
        expect(await members([g1, g2, g3, g4])).toEqual(sortMembers([
          { groupId: g1, userId: jdoe, component: 'enrol_cohort' },
          { groupId: g4, userId: jdoe, component: '' },
        ]));
        expect(outcomes(await platform.run('deleteGroups', [g1]))).toEqual(['ok']);
        expect(await members([g1, g2, g3, g4])).toEqual([{ groupId: g4, userId: jdoe, component: '' }]);
      });

      it('finds the groups bound to groupings, before and by the calls, in grouping then group order, as deletions leave them', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const a = await buildGroup(store, { courseId: course, name: 'A' });
        const b = await buildGroup(store, { courseId: course, name: 'B' });
        const c = await buildGroup(store, { courseId: course, name: 'C' });
        const x = await buildGrouping(store, { courseId: course, name: 'X' });
        const y = await buildGrouping(store, { courseId: course, name: 'Y' });
        const z = await buildGrouping(store, { courseId: course, name: 'Z' });
        await buildGroupingGroup(store, { groupingId: x, groupId: a });
        await buildGroupingGroup(store, { groupingId: y, groupId: a });
        await findGroups(platform, { courseIds: [course] });
        await platform.run('findGroupings', { courseIds: [course] });
        const bindings = (groupingIds: number[]) => platform.run('findGroupingGroups', { groupingIds });
        const binding = (groupingId: number, groupId: number) => ({ groupingId, groupId });

        expect(await bindings([x])).toEqual([binding(x, a)]);
        // A binding made on the platform before is there already, for the simulation too.
        expect(outcomes(await platform.run('assignGroupings', [binding(x, a), binding(y, c), binding(x, b)]))).toEqual(['kept', 'added', 'added']);
        expect(await bindings([z, y, x, 999_999])).toEqual([binding(x, a), binding(x, b), binding(y, a), binding(y, c)]);
        expect(await bindings([y])).toEqual([binding(y, a), binding(y, c)]);
        expect(await bindings([])).toEqual([]);
        expect(outcomes(await platform.run('deleteGroups', [a]))).toEqual(['ok']);
        expect(outcomes(await platform.run('deleteGroupings', [y]))).toEqual(['ok']);
        expect(await bindings([x, y, z])).toEqual([binding(x, b)]);
        const [d] = (await platform.run('createGroups', [{ courseId: course, name: 'D' }])).map(idOf);
        const [w] = (await platform.run('createGroupings', [{ courseId: course, name: 'W' }])).map(idOf);
        expect(outcomes(await platform.run('assignGroupings', [binding(w!, d!), binding(x, d!), binding(x, b)]))).toEqual(['added', 'added', 'kept']);
        expect(await bindings([w!, x])).toEqual([binding(x, b), binding(x, d!), binding(w!, d!)]);
      });

      it('lists as empty the groups every member left (removed, unenrolled, deleted) and the groupings whose groups were deleted', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const groups: number[] = [];
        for (const name of ['Removed', 'Unenrolled', 'Deleted', 'Kept', 'Refilled', 'Empty']) groups.push(await buildGroup(store, { courseId: course, name }));
        const [removed, unenrolled, deleted, kept, refilled, empty] = groups as [number, number, number, number, number, number];
        const users: number[] = [];
        for (const username of ['jdoe', 'asmith', 'bob', 'carl', 'dave']) users.push(await buildUser(store, { username }));
        const [jdoe, asmith, bob, carl, dave] = users as [number, number, number, number, number];
        for (const userId of users) await buildUserEnrolment(store, { instanceId: manual!.id, userId });
        await buildGroupMember(store, { groupId: removed, userId: jdoe });
        await buildGroupMember(store, { groupId: unenrolled, userId: asmith });
        await buildGroupMember(store, { groupId: deleted, userId: bob });
        await buildGroupMember(store, { groupId: kept, userId: carl });
        await buildGroupMember(store, { groupId: kept, userId: jdoe });
        await buildGroupMember(store, { groupId: refilled, userId: dave });
        const alone = await buildGrouping(store, { courseId: course, name: 'Alone' });
        const shared = await buildGrouping(store, { courseId: course, name: 'Shared' });
        const spare = await buildGrouping(store, { courseId: course, name: 'Spare' });
        await buildGroupingGroup(store, { groupingId: alone, groupId: removed });
        await buildGroupingGroup(store, { groupingId: shared, groupId: removed });
        await buildGroupingGroup(store, { groupingId: shared, groupId: kept });
        await findGroups(platform, { courseIds: [course] });
        await platform.run('findGroupings', { courseIds: [course] });
        const emptyGroups = async () => (await platform.run('findEmptyGroups', { courseIds: [course] })).map((group) => group.id);
        const emptyGroupings = async () => (await platform.run('findEmptyGroupings', { courseIds: [course] })).map((grouping) => grouping.id);
        expect(await emptyGroups()).toEqual([empty]);
        expect(await emptyGroupings()).toEqual([spare]);

        const removals = [{ groupId: removed, userId: jdoe }, { groupId: kept, userId: carl }, { groupId: refilled, userId: dave }];
        expect(outcomes(await platform.run('removeGroupMembers', removals))).toEqual(['removed', 'removed', 'removed']);
        expect(outcomes(await platform.run('unenrolUsers', [{ instanceId: manual!.id, userId: asmith }]))).toEqual(['removed']);
        expect(outcomes(await platform.run('deleteUsers', [bob]))).toEqual(['ok']);
        expect(outcomes(await platform.run('addGroupMembers', [{ groupId: refilled, userId: carl }]))).toEqual(['added']);
        expect(await emptyGroups()).toEqual([removed, unenrolled, deleted, empty]);
        expect(await platform.run('findEmptyGroups', { courseIds: [] })).toEqual([]);

        expect(outcomes(await platform.run('deleteGroups', [removed]))).toEqual(['ok']);
        expect(await emptyGroupings()).toEqual([alone, spare]);
        expect(outcomes(await platform.run('assignGroupings', [{ groupingId: shared, groupId: kept }, { groupingId: alone, groupId: refilled }]))).toEqual(['kept', 'added']);
        expect(await emptyGroupings()).toEqual([spare]);
        expect(outcomes(await platform.run('deleteGroups', [kept]))).toEqual(['ok']);
        expect(await emptyGroupings()).toEqual([shared, spare]);
        expect(await emptyGroups()).toEqual([unenrolled, deleted, empty]);
      });

      it('answers batches larger than one statement holds (1,100 enrolments changed, found, removed)', async () => {
        await open();
        const course = await buildCourse(store, { shortname: 'C1' });
        const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
        const ids = (await platform.run('createUsers', Array.from({ length: 1_100 }, (_, index) => ({ username: `u${index}`, firstname: 'F', lastname: 'L' })))).map(idOf);
        const [group] = (await platform.run('createGroups', [{ courseId: course, name: 'G' }])).map(idOf);
        expect(new Set(outcomes(await platform.run('enrolUsers', ids.map((userId) => ({ instanceId: manual!.id, userId, roleId: 5, timestart: 0, timeend: 0 })))))).toEqual(new Set(['added']));
        expect(new Set(outcomes(await platform.run('addGroupMembers', ids.map((userId) => ({ groupId: group!, userId })))))).toEqual(new Set(['added']));
        expect(outcomes(await platform.run('updateEnrolments', ids.map((userId, index) => ({ instanceId: manual!.id, userId, suspended: index % 2 === 0 })))).filter((outcome) => outcome === 'changed')).toHaveLength(550);
        expect((await platform.run('findEnrolments', { courseIds: [course], userIds: ids })).filter((enrolment) => enrolment.suspended)).toHaveLength(550);
        expect(await platform.run('findCourseRoles', { courseIds: [course], roleIds: [5] })).toHaveLength(1_100);
        expect(new Set(outcomes(await platform.run('unenrolUsers', ids.slice(0, 1_050).map((userId) => ({ instanceId: manual!.id, userId })))))).toEqual(new Set(['removed']));
        expect(await platform.run('findCourseRoles', { courseIds: [course] })).toHaveLength(50);
        expect(await platform.run('findGroupMembers', { groupIds: [group!], userIds: ids })).toHaveLength(50);
        expect(await platform.run('findGroupMembers', { groupIds: [group!] })).toHaveLength(50);
        expect(await platform.run('findEnrolments', { courseIds: [course], userIds: ids })).toHaveLength(50);
      });
    });
  }

  describe(`embedded platform on ${kind}: what the lms_* tables hold`, () => {
    let store: Store;
    let platform: EmbeddedPlatform;
    afterEach(async () => {
      await platform?.close();
      await store?.close();
    });
    const open = async () => {
      store = await openTestStore(kind);
      platform = new EmbeddedPlatform(store);
    };
    const passwordOf = async (id: number) =>
      (await store.db.selectFrom('lms_user').select('password').where('id', '=', id).executeTakeFirstOrThrow()).password;

    it('stores SHA-512 crypt hashes of clear passwords, *NOPASS* as is, and nothing for no password', async () => {
      await open();
      const [hashed, nologin, none, same] = (await platform.run('createUsers', [
        { username: 'jdoe', firstname: 'J', lastname: 'D', password: 'Secret-1' },
        { username: 'nologin', firstname: 'N', lastname: 'L', password: NO_PASSWORD },
        { username: 'none', firstname: 'N', lastname: 'N' },
        { username: 'same', firstname: 'S', lastname: 'S', password: 'Secret-1' },
      ])).map(idOf);
      expect(await passwordOf(hashed!)).toMatch(/^\$6\$rounds=10000\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
      expect(await passwordOf(same!)).not.toBe(await passwordOf(hashed!));
      expect(await passwordOf(nologin!)).toBe(NO_PASSWORD);
      expect(await passwordOf(none!)).toBe('');
      await platform.run('updateUsers', [{ id: none!, set: { password: 'Later-3' } }]);
      expect(await passwordOf(none!)).toMatch(/^\$6\$rounds=10000\$/);
      expect(await platform.run('checkPasswords', [{ id: none!, password: 'Later-3' }])).toEqual([true]);
    });

    it('writes custom field data and upserts preferences', async () => {
      await open();
      const dept = await buildProfileField(store, { shortname: 'dept' });
      const [jdoe] = (await platform.run('createUsers', [
        { username: 'jdoe', firstname: 'J', lastname: 'D', customFields: { dept: 'Maths' }, preferences: { auth_forcepasswordchange: '1', htmleditor: 'tiny' } },
      ])).map(idOf);
      await platform.run('updateUsers', [
        { id: jdoe!, set: { preferences: { auth_forcepasswordchange: '0' } } },
        { id: jdoe!, set: { customFields: { dept: 'Arts' } } },
      ]);
      expect(await store.db.selectFrom('lms_user_info_data').select(['userid', 'fieldid', 'data']).execute()).toEqual([{ userid: jdoe, fieldid: dept, data: 'Arts' }]);
      const preferences = await store.db.selectFrom('lms_user_preferences').select(['name', 'value']).where('userid', '=', jdoe!).orderBy('name').execute();
      expect(preferences).toEqual([{ name: 'auth_forcepasswordchange', value: '0' }, { name: 'htmleditor', value: 'tiny' }]);
    });

    it('runs a call in one transaction: a call that throws leaves nothing behind', async () => {
      await open();
      await buildProfileField(store, { shortname: 'dept' });
      await expect(
        platform.run('createUsers', [
          { username: 'first', firstname: 'F', lastname: 'F' },
          { username: 'broken', firstname: 'B', lastname: 'B', customFields: { dept: null as never } },
        ]),
      ).rejects.toThrow();
      expect(await store.db.selectFrom('lms_user').select('username').execute()).toEqual([]);
    });

    it('deletes users as delete_user does: renamed, e-mail hashed, idnumber cleared, their rows removed', async () => {
      await open();
      const course = await buildCourse(store, { shortname: 'C1' });
      const cohort = await buildCohort(store, { name: 'Y1' });
      const group = await buildGroup(store, { courseId: course, name: 'G' });
      const field = await buildProfileField(store, { shortname: 'dept' });
      const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
      const ids = (await platform.run('createUsers', [
        { username: 'jdoe', firstname: 'J', lastname: 'D', email: 'J.Doe (work)@Example.org', idnumber: 'E1', customFields: { dept: 'x' }, preferences: { a: '1' } },
        { username: 'jdoe2', firstname: 'J', lastname: 'D', email: 'j.doe(work)@example.org' },
        { username: 'noemail', firstname: 'N', lastname: 'E' },
        { username: 'kept', firstname: 'K', lastname: 'K', customFields: { dept: 'y' }, preferences: { a: '1' } },
      ])).map(idOf);
      for (const userId of ids) {
        await platform.run('enrolUsers', [{ instanceId: manual!.id, userId, roleId: 5, timestart: 0, timeend: 0 }]);
        await platform.run('addGroupMembers', [{ groupId: group, userId }]);
        await platform.run('addCohortMembers', [{ cohortId: cohort, userId }]);
        await store.db.insertInto('lms_user_picture').values({ userid: userId, variant: 'f1', mimetype: 'image/png', content: new Uint8Array([1]), timemodified: 0 }).execute();
      }
      await store.db.updateTable('lms_user').set({ picture: 1 }).execute();
      const before = Math.floor(Date.now() / 1000);
      const [jdoe, jdoe2, noemail, kept] = ids;
      expect(outcomes(await platform.run('deleteUsers', [jdoe!, jdoe2!, noemail!]))).toEqual(['ok', 'ok', 'ok']);
      const rows = await store.db.selectFrom('lms_user').select(['id', 'username', 'email', 'idnumber', 'picture', 'deleted', 'timemodified']).orderBy('id').execute();
      const [first, second, third] = rows;
      const time = Number(first!.username.split('.').at(-1));
      expect(time).toBeGreaterThanOrEqual(before);
      expect(first).toMatchObject({ username: `j.doework@example.org.${time}`, email: createHash('md5').update('jdoe').digest('hex'), idnumber: '', picture: 0, deleted: 1 });
      expect(second).toMatchObject({ username: `j.doework@example.org.${time + 1}`, deleted: 1 });
      expect(third).toMatchObject({ username: `noemail.${time}`, deleted: 1 });
      expect(rows[3]).toMatchObject({ username: 'kept', picture: 1, deleted: 0 });
      for (const table of ['lms_user_enrolments', 'lms_role_assignments', 'lms_groups_members', 'lms_cohort_members', 'lms_user_preferences', 'lms_user_info_data', 'lms_user_picture'] as const) {
        expect((await store.db.selectFrom(table).select('userid').execute()).map((row) => row.userid), table).toEqual([kept]);
      }
      expect(field).toBeGreaterThan(0);
    });

    it('enrols with the role owned as Moodle does, creates the course context, and updates a re-enrolment', async () => {
      await open();
      const course = await buildCourse(store, { shortname: 'C1' });
      await store.db.deleteFrom('lms_context').where('contextlevel', '=', 50).execute();
      const self = await buildEnrolInstance(store, { courseId: course, enrol: 'self', sortorder: 1 });
      const cohortInstance = await buildEnrolInstance(store, { courseId: course, enrol: 'cohort', sortorder: 2 });
      const [manual] = await platform.run('findEnrolInstances', { courseIds: [course], enrol: 'manual' });
      const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
      await platform.run('enrolUsers', [
        { instanceId: manual!.id, userId: jdoe!, roleId: 5, timestart: 100, timeend: 200 },
        { instanceId: self, userId: jdoe!, roleId: 5, timestart: 0, timeend: 0 },
        { instanceId: cohortInstance, userId: jdoe!, roleId: 5, timestart: 0, timeend: 0 },
      ]);
      const context = await store.db.selectFrom('lms_context').select('id').where('contextlevel', '=', 50).where('instanceid', '=', course).executeTakeFirstOrThrow();
      const assignments = await store.db.selectFrom('lms_role_assignments').select(['roleid', 'contextid', 'userid', 'component', 'itemid']).orderBy('id').execute();
      expect(assignments).toEqual([
        { roleid: 5, contextid: context.id, userid: jdoe, component: '', itemid: 0 },
        { roleid: 5, contextid: context.id, userid: jdoe, component: 'enrol_cohort', itemid: cohortInstance },
      ]);
      const enrolment = () =>
        store.db.selectFrom('lms_user_enrolments').select(['status', 'timestart', 'timeend', 'timecreated']).where('enrolid', '=', manual!.id).executeTakeFirstOrThrow();
      const created = await enrolment();
      expect(created).toMatchObject({ status: 0, timestart: 100, timeend: 200 });
      const [again] = await platform.run('enrolUsers', [{ instanceId: manual!.id, userId: jdoe!, roleId: 5, timestart: 300, timeend: 400, suspended: true }]);
      expect(again).toEqual({ ok: true, value: { added: false } });
      expect(await enrolment()).toEqual({ status: 1, timestart: 300, timeend: 400, timecreated: created.timecreated });
      expect(await store.db.selectFrom('lms_user_enrolments').select('id').execute()).toHaveLength(3);
      expect(await store.db.selectFrom('lms_role_assignments').select('id').execute()).toHaveLength(2);
    });

    it('puts cohorts in the system context or a category context, created when missing', async () => {
      await open();
      const science = await buildCategory(store, { name: 'Science' });
      await store.db.deleteFrom('lms_context').where('contextlevel', '=', 40).where('instanceid', '=', science).execute();
      const [system, lab] = (await platform.run('createCohorts', [{ name: 'Y1' }, { name: 'Lab', categoryId: science }])).map(idOf);
      const contexts = await store.db
        .selectFrom('lms_cohort as ch')
        .innerJoin('lms_context as ctx', 'ctx.id', 'ch.contextid')
        .select(['ch.id', 'ctx.contextlevel', 'ctx.instanceid'])
        .orderBy('ch.id')
        .execute();
      expect(contexts).toEqual([
        { id: system, contextlevel: 10, instanceid: 0 },
        { id: lab, contextlevel: 40, instanceid: science },
      ]);
    });

    it('stores the component of group memberships and of role assignments, in a course context created when missing', async () => {
      await open();
      const course = await buildCourse(store, { shortname: 'C1' });
      await store.db.deleteFrom('lms_context').where('contextlevel', '=', 50).execute();
      const group = await buildGroup(store, { courseId: course, name: 'G' });
      const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
      const [jdoe, asmith] = (await platform.run('createUsers', [
        { username: 'jdoe', firstname: 'J', lastname: 'D' },
        { username: 'asmith', firstname: 'A', lastname: 'S' },
      ])).map(idOf);
      expect(outcomes(await platform.run('assignCourseRoles', [{ courseId: course, userId: asmith!, roleId: 4, component: 'enrol_meta' }]))).toEqual(['added']);
      expect(await store.db.selectFrom('lms_context').select('instanceid').where('contextlevel', '=', 50).execute()).toEqual([{ instanceid: course }]);
      await buildUserEnrolment(store, { instanceId: manual!.id, userId: jdoe! });
      await buildUserEnrolment(store, { instanceId: manual!.id, userId: asmith! });
      await platform.run('addGroupMembers', [{ groupId: group, userId: jdoe!, component: 'tool_sync' }, { groupId: group, userId: asmith! }]);
      const members = await store.db.selectFrom('lms_groups_members').select(['userid', 'component']).orderBy('id').execute();
      expect(members).toEqual([{ userid: jdoe, component: 'tool_sync' }, { userid: asmith, component: '' }]);
      const roles = await store.db.selectFrom('lms_role_assignments').select(['userid', 'roleid', 'component', 'itemid']).execute();
      expect(roles).toEqual([{ userid: asmith, roleid: 4, component: 'enrol_meta', itemid: 0 }]);
    });

    it('creates a course with its context and the manual instance Moodle gives it', async () => {
      await open();
      const science = await buildCategory(store, { name: 'Science' });
      const before = Math.floor(Date.now() / 1000);
      const [id] = (await platform.run('createCourses', [{ fullname: 'Algebra', shortname: 'ALG', categoryId: science, summary: 'Sums' }])).map(idOf);
      const course = await store.db.selectFrom('lms_course').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
      expect(course).toMatchObject({ category: science, fullname: 'Algebra', shortname: 'ALG', idnumber: '', summary: 'Sums', format: 'topics', visible: 1, startdate: 0, enddate: 0 });
      expect(course.timecreated).toBeGreaterThanOrEqual(before);
      expect(await store.db.selectFrom('lms_context').select('instanceid').where('contextlevel', '=', 50).execute()).toEqual([{ instanceid: id }]);
      expect(await store.db.selectFrom('lms_enrol').select(['courseid', 'enrol', 'status', 'sortorder', 'roleid', 'customint1']).execute()).toEqual([
        { courseid: id, enrol: 'manual', status: 0, sortorder: 0, roleid: 5, customint1: null },
      ]);
    });

    it('unenrols by item id: what the instance left gave goes, what another instance of its method gave stays', async () => {
      await open();
      const course = await buildCourse(store, { shortname: 'C1' });
      const cohortA = await buildEnrolInstance(store, { courseId: course, enrol: 'cohort', sortorder: 1 });
      const cohortB = await buildEnrolInstance(store, { courseId: course, enrol: 'cohort', sortorder: 2 });
      const [manual] = await platform.run('findEnrolInstances', { courseIds: [course], enrol: 'manual' });
      const group = await buildGroup(store, { courseId: course, name: 'G' });
      const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
      const enrol = (instanceId: number, roleId: number) => ({ instanceId, userId: jdoe!, roleId, timestart: 0, timeend: 0 });
      await platform.run('enrolUsers', [enrol(cohortA, 5), enrol(cohortB, 3), enrol(manual!.id, 5)]);
      await buildGroupMember(store, { groupId: group, userId: jdoe!, component: 'enrol_cohort', itemid: cohortA });
      const category = await store.db.selectFrom('lms_context').select('id').where('contextlevel', '=', 40).executeTakeFirstOrThrow();
      await store.db.insertInto('lms_role_assignments').values({ roleid: 1, contextid: category.id, userid: jdoe! }).execute();
      const roles = () => store.db.selectFrom('lms_role_assignments').select(['roleid', 'component', 'itemid']).orderBy('id').execute();

      await platform.run('unenrolUsers', [{ instanceId: cohortA, userId: jdoe! }]);
      expect(await roles()).toEqual([
        { roleid: 3, component: 'enrol_cohort', itemid: cohortB },
        { roleid: 5, component: '', itemid: 0 },
        { roleid: 1, component: '', itemid: 0 },
      ]);
      expect(await store.db.selectFrom('lms_groups_members').select('id').execute()).toEqual([]);
      await platform.run('unenrolUsers', [{ instanceId: cohortB, userId: jdoe! }, { instanceId: manual!.id, userId: jdoe! }]);
      expect(await roles()).toEqual([{ roleid: 1, component: '', itemid: 0 }]);
      expect(await store.db.selectFrom('lms_user_enrolments').select('id').execute()).toEqual([]);
    });

    it('deletes a group with its membership and binding rows, a grouping with its binding rows', async () => {
      await open();
      const course = await buildCourse(store, { shortname: 'C1' });
      const [gone, kept] = [await buildGroup(store, { courseId: course, name: 'Gone' }), await buildGroup(store, { courseId: course, name: 'Kept' })];
      const [grouping, other] = [await buildGrouping(store, { courseId: course, name: 'X' }), await buildGrouping(store, { courseId: course, name: 'Y' })];
      const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
      for (const groupId of [gone, kept]) {
        await buildGroupMember(store, { groupId, userId: jdoe! });
        await buildGroupingGroup(store, { groupingId: grouping, groupId });
        await buildGroupingGroup(store, { groupingId: other, groupId });
      }
      await platform.run('deleteGroups', [gone]);
      expect(await store.db.selectFrom('lms_groups').select('id').execute()).toEqual([{ id: kept }]);
      expect(await store.db.selectFrom('lms_groups_members').select('groupid').execute()).toEqual([{ groupid: kept }]);
      const bindings = () => store.db.selectFrom('lms_groupings_groups').select(['groupingid', 'groupid']).orderBy('id').execute();
      expect(await bindings()).toEqual([{ groupingid: grouping, groupid: kept }, { groupingid: other, groupid: kept }]);
      await platform.run('deleteGroupings', [grouping]);
      expect(await store.db.selectFrom('lms_groupings').select('id').execute()).toEqual([{ id: other }]);
      expect(await bindings()).toEqual([{ groupingid: other, groupid: kept }]);
      expect(await store.db.selectFrom('lms_groups').select('id').execute()).toEqual([{ id: kept }]);
    });
  });

  describe(`simulated platform on ${kind}`, () => {
    let store: Store;
    let real: EmbeddedPlatform;
    afterEach(async () => {
      await real?.close();
      await store?.close();
    });

    it('never writes to the platform it wraps', async () => {
      store = await openTestStore(kind);
      real = new EmbeddedPlatform(store);
      await real.run('createUsers', [{ username: 'jdoe', firstname: 'John', lastname: 'Doe', email: 'jdoe@example.org' }]);
      const simulated = new SimulatedPlatform(real);
      const [jdoe] = await simulated.run('findUsers', { by: { username: ['jdoe'] } });
      await simulated.run('updateUsers', [{ id: jdoe!.id, set: { email: 'new@example.org' } }]);
      const [created] = await simulated.run('createUsers', [{ username: 'asmith', firstname: 'Anne', lastname: 'Smith' }]);
      expect(created).toMatchObject({ ok: true, value: { id: -1 } });
      expect((await simulated.run('findUsers', { by: { email: ['jdoe@example.org'] } }))).toEqual([]);
      expect((await simulated.run('findUsers', { by: { email: ['new@example.org'] } })).map((user) => user.username)).toEqual(['jdoe']);
      const stored = await store.db.selectFrom('lms_user').select(['username', 'email']).execute();
      expect(stored).toEqual([{ username: 'jdoe', email: 'jdoe@example.org' }]);
    });

    it('keeps every write of every operation in memory: later simulated reads see them, the lms_* tables stay unchanged', async () => {
      store = await openTestStore(kind);
      real = new EmbeddedPlatform(store);
      const course = await buildCourse(store, { shortname: 'C1' });
      const category = await buildCategory(store, { name: 'Science' });
      await buildProfileField(store, { shortname: 'dept' });
      const realGroup = await buildGroup(store, { courseId: course, name: 'Real group' });
      const realCohort = await buildCohort(store, { name: 'Real cohort', idnumber: 'RC' });
      const [jdoe, gone] = (await real.run('createUsers', [
        { username: 'jdoe', firstname: 'J', lastname: 'D', email: 'jdoe@example.org', password: 'Secret-1', customFields: { dept: 'Maths' } },
        { username: 'gone', firstname: 'G', lastname: 'G', email: 'gone@example.org', password: 'Gone-1' },
      ])).map(idOf);
      const before = await lmsTables(store);
      const simulated = new SimulatedPlatform(real);

      expect(outcomes(await simulated.run('createProfileFields', [{ shortname: 'team', name: 'Team' }]))).toEqual(['ok']);
      const [asmith] = (await simulated.run('createUsers', [
        { username: 'asmith', firstname: 'A', lastname: 'S', password: 'Pass-9', customFields: { team: 'Blue' }, preferences: { a: '1' } },
      ])).map(idOf);
      expect(asmith).toBeLessThan(0);
      expect(outcomes(await simulated.run('updateUsers', [{ id: jdoe!, set: { password: 'Changed-2', customFields: { dept: 'Arts' } } }]))).toEqual(['ok']);
      expect(outcomes(await simulated.run('deleteUsers', [gone!]))).toEqual(['ok']);
      const [cohort] = (await simulated.run('createCohorts', [{ name: 'Lab', idnumber: 'LAB', categoryId: category }])).map(idOf);
      expect(outcomes(await simulated.run('addCohortMembers', [{ cohortId: cohort!, userId: asmith! }, { cohortId: realCohort, userId: jdoe! }]))).toEqual(['added', 'added']);
      const [manual] = await simulated.run('findEnrolInstances', { courseIds: [course] });
      expect(outcomes(await simulated.run('enrolUsers', [{ instanceId: manual!.id, userId: asmith!, roleId: 5, timestart: 0, timeend: 0 }]))).toEqual(['added']);
      expect(outcomes(await simulated.run('assignCourseRoles', [{ courseId: course, userId: jdoe!, roleId: 4 }]))).toEqual(['added']);
      const [group] = (await simulated.run('createGroups', [{ courseId: course, name: 'Sim group', idnumber: 'SG' }])).map(idOf);
      const [found] = await simulated.run('findGroups', { courseIds: [course], by: { id: [String(realGroup)] } });
      expect(found?.id).toBe(realGroup);
      expect(outcomes(await simulated.run('addGroupMembers', [{ groupId: group!, userId: asmith! }, { groupId: realGroup, userId: asmith! }]))).toEqual(['added', 'added']);

      expect(await lmsTables(store)).toEqual(before);

      expect((await simulated.run('findUsers', { by: { username: ['asmith', 'gone'], email: ['gone@example.org'] } })).map((user) => user.id)).toEqual([asmith]);
      expect(await simulated.run('checkPasswords', [
        { id: asmith!, password: 'Pass-9' },
        { id: jdoe!, password: 'Secret-1' },
        { id: jdoe!, password: 'Changed-2' },
        { id: gone!, password: 'Gone-1' },
      ])).toEqual([true, false, true, false]);
      expect(await simulated.run('findUserCustomFields', { userIds: [jdoe!, asmith!], shortnames: ['dept', 'team'] })).toEqual([
        { userId: asmith, shortname: 'team', value: 'Blue' },
        { userId: jdoe, shortname: 'dept', value: 'Arts' },
      ]);
      expect((await simulated.run('findProfileFields', { shortnames: ['team'] })).map((field) => field.id)).toEqual([-1]);
      expect(await simulated.run('findCohorts', { by: { idnumber: ['LAB'] } })).toEqual([{ id: cohort, name: 'Lab', idnumber: 'LAB', description: '', categoryId: category }]);
      expect(await simulated.run('findCourseRoles', { courseIds: [course], userIds: [jdoe!, asmith!] })).toEqual([
        { courseId: course, userId: asmith, roleId: 5, component: '' },
        { courseId: course, userId: jdoe, roleId: 4, component: '' },
      ]);
      expect((await simulated.run('findGroups', { courseIds: [course], by: { idnumber: ['SG'] } })).map((g) => g.id)).toEqual([group]);
      expect(outcomes(await simulated.run('createUsers', [{ username: 'gone', firstname: 'G', lastname: 'G' }]))).toEqual(['ok']);

      expect(await lmsTables(store)).toEqual(before);
      expect((await real.run('findUsers', { by: { username: ['gone'] } })).map((user) => user.id)).toEqual([gone]);
      expect(await real.run('checkPasswords', [{ id: jdoe!, password: 'Secret-1' }, { id: gone!, password: 'Gone-1' }])).toEqual([true, true]);
    });

    it('hides the real rows it removed and shows the real rows as it changed them, the lms_* tables unchanged', async () => {
      store = await openTestStore(kind);
      real = new EmbeddedPlatform(store);
      const course = await buildCourse(store, { shortname: 'C1' });
      const group = await buildGroup(store, { courseId: course, name: 'G' });
      const spare = await buildGroup(store, { courseId: course, name: 'Spare' });
      const grouping = await buildGrouping(store, { courseId: course, name: 'X' });
      await buildGroupingGroup(store, { groupingId: grouping, groupId: spare });
      const [manual] = await real.run('findEnrolInstances', { courseIds: [course] });
      const [jdoe, asmith] = (await real.run('createUsers', [
        { username: 'jdoe', firstname: 'J', lastname: 'D' },
        { username: 'asmith', firstname: 'A', lastname: 'S' },
      ])).map(idOf);
      await real.run('enrolUsers', [jdoe!, asmith!].map((userId) => ({ instanceId: manual!.id, userId, roleId: 5, timestart: 0, timeend: 0 })));
      await real.run('assignCourseRoles', [{ courseId: course, userId: jdoe!, roleId: 4 }]);
      await real.run('addGroupMembers', [{ groupId: group, userId: jdoe! }, { groupId: group, userId: asmith!, component: 'tool_sync' }]);
      const before = await lmsTables(store);
      const simulated = new SimulatedPlatform(real);
      await simulated.run('findEnrolInstances', { courseIds: [course] });
      expect((await simulated.run('findGroups', { courseIds: [course] })).map((found) => found.id)).toEqual([group, spare]);
      expect((await simulated.run('findGroupings', { courseIds: [course] })).map((found) => found.id)).toEqual([grouping]);

      expect(outcomes(await simulated.run('updateGroups', [{ id: group, name: 'Renamed', description: 'New' }]))).toEqual(['changed']);
      expect(await simulated.run('findGroups', { courseIds: [course], by: { name: ['G'] } })).toEqual([]);
      expect(await simulated.run('findGroups', { courseIds: [course], by: { name: ['Renamed'] } })).toEqual([
        { id: group, courseId: course, name: 'Renamed', idnumber: '', description: 'New' },
      ]);
      expect(outcomes(await simulated.run('updateEnrolments', [{ instanceId: manual!.id, userId: asmith!, suspended: true }]))).toEqual(['changed']);
      expect((await simulated.run('findEnrolments', { courseIds: [course], userIds: [asmith!] })).map((found) => found.suspended)).toEqual([true]);
      expect(outcomes(await simulated.run('unenrolUsers', [{ instanceId: manual!.id, userId: jdoe! }]))).toEqual(['removed']);
      expect(await simulated.run('findEnrolments', { courseIds: [course], userIds: [jdoe!] })).toEqual([]);
      expect(await simulated.run('findCourseRoles', { courseIds: [course], userIds: [jdoe!] })).toEqual([]);
      expect(await simulated.run('findGroupMembers', { groupIds: [group], userIds: [jdoe!] })).toEqual([]);
      expect(outcomes(await simulated.run('removeGroupMembers', [{ groupId: group, userId: asmith! }, { groupId: group, userId: asmith!, component: 'tool_sync' }]))).toEqual([
        'PLATFORM_MEMBERSHIP_PROTECTED',
        'removed',
      ]);
      expect(await simulated.run('findGroupMembers', { groupIds: [group], userIds: [asmith!] })).toEqual([]);
      expect(outcomes(await simulated.run('unassignCourseRoles', [{ courseId: course, userId: asmith!, roleId: 5 }]))).toEqual(['removed']);
      expect(await simulated.run('findCourseRoles', { courseIds: [course] })).toEqual([]);
      expect(outcomes(await simulated.run('deleteGroups', [spare]))).toEqual(['ok']);
      expect((await simulated.run('findGroups', { courseIds: [course] })).map((found) => found.id)).toEqual([group]);
      expect(outcomes(await simulated.run('deleteGroupings', [grouping]))).toEqual(['ok']);
      expect(await simulated.run('findGroupings', { courseIds: [course] })).toEqual([]);

      const [created] = (await simulated.run('createCourses', [{ fullname: 'New', shortname: 'NEW', categoryId: 1 }])).map(idOf);
      expect(created).toBe(-1);
      expect((await simulated.run('findCourses', { by: { shortname: ['NEW'] } })).map((found) => found.id)).toEqual([-1]);
      const instances = await simulated.run('findEnrolInstances', { courseIds: [course, created!] });
      expect(instances.map(({ id, courseId, enrol }) => [courseId, enrol, id < 0])).toEqual([[course, 'manual', false], [created, 'manual', true]]);
      expect(outcomes(await simulated.run('enrolUsers', [{ instanceId: instances[1]!.id, userId: jdoe!, roleId: 5, timestart: 0, timeend: 0 }]))).toEqual(['added']);
      const [newGroup] = (await simulated.run('createGroups', [{ courseId: created!, name: 'G' }])).map(idOf);
      const [newGrouping] = (await simulated.run('createGroupings', [{ courseId: created!, name: 'X' }])).map(idOf);
      expect(outcomes(await simulated.run('assignGroupings', [{ groupingId: newGrouping!, groupId: newGroup! }]))).toEqual(['added']);
      expect(outcomes(await simulated.run('addGroupMembers', [{ groupId: newGroup!, userId: jdoe! }]))).toEqual(['added']);
      expect(await simulated.run('findEmptyGroups', { courseIds: [created!] })).toEqual([]);
      expect(await simulated.run('findEmptyGroupings', { courseIds: [created!] })).toEqual([]);
      expect(outcomes(await simulated.run('unenrolUsers', [{ instanceId: instances[1]!.id, userId: jdoe! }]))).toEqual(['removed']);
      expect((await simulated.run('findEmptyGroups', { courseIds: [created!] })).map((found) => found.id)).toEqual([newGroup]);

      expect(await lmsTables(store)).toEqual(before);
      expect((await real.run('findGroups', { courseIds: [course] })).map((found) => [found.id, found.name])).toEqual([[group, 'G'], [spare, 'Spare']]);
      expect(await real.run('findCourseRoles', { courseIds: [course], roleIds: [4] })).toEqual([{ courseId: course, userId: jdoe, roleId: 4, component: '' }]);
    });

    it('answers from the clear password for simulated users, and null where the wrapped platform cannot tell', async () => {
      store = await openTestStore(kind);
      real = new EmbeddedPlatform(store);
      const cannotTell: Platform = {
        name: 'moodle',
        capabilities: real.capabilities,
        run: (async (kind: string, input: never) =>
          kind === 'checkPasswords' ? (input as unknown[]).map(() => null) : real.run(kind as never, input)) as Platform['run'],
        exportEntity: (entity) => real.exportEntity(entity),
        close: async () => {},
      };
      const simulated = new SimulatedPlatform(cannotTell);
      const [id] = (await simulated.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D', password: 'Secret-1' }])).map(idOf);
      expect(await simulated.run('checkPasswords', [{ id: id!, password: 'Secret-1' }])).toEqual([null]);
    });
  });
}

/** Every row of every lms_* table, to show that nothing was written. */
async function lmsTables(store: Store): Promise<Record<string, unknown[]>> {
  const tables = [
    'lms_user', 'lms_user_info_field', 'lms_user_info_data', 'lms_user_preferences', 'lms_user_picture', 'lms_context',
    'lms_course_categories', 'lms_course', 'lms_course_sections', 'lms_enrol', 'lms_user_enrolments', 'lms_role',
    'lms_role_assignments', 'lms_groups', 'lms_groupings', 'lms_groupings_groups', 'lms_groups_members', 'lms_cohort',
    'lms_cohort_members',
  ] as const;
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) snapshot[table] = await store.db.selectFrom(table).selectAll().execute();
  return snapshot;
}
