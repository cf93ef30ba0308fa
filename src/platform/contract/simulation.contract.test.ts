import { expect, it } from 'vitest';
import {
  buildCategory,
  buildCohort,
  buildCourse,
  buildGroup,
  buildGrouping,
  buildGroupingGroup,
  buildProfileField,
} from '../../../test/factories.js';
import { describeSimulation, idOf, outcomes } from '../../../test/platform-contract.js';
import type { Store } from '../../store/database.js';
import type { Platform } from '../platform.js';
import { SimulatedPlatform } from '../simulated-platform.js';

/** The platform contract, the simulated platform: what it keeps in memory, and that it never writes to the platform it wraps. */
describeSimulation((ctx) => {
  it('never writes to the platform it wraps', async () => {
    const { store, platform: real } = ctx;
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
    const { store, platform: real } = ctx;
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
    const { store, platform: real } = ctx;
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
    const { platform: real } = ctx;
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
