import { expect, it } from 'vitest';
import {
  buildCourse,
  buildGroup,
  buildGroupMember,
  buildGrouping,
  buildGroupingGroup,
  buildUser,
  buildUserEnrolment,
} from '../../../test/factories.js';
import { describeContract, describeEmbedded, findGroups, idOf, outcomes } from '../../../test/platform-contract.js';

/** The platform contract, groupings: creation, changes, bindings, deletion, empty groups and groupings. */
describeContract((ctx) => {
  it('creates, finds, changes, binds and deletes groupings with their own codes', async () => {
    const { store, platform } = ctx;
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

  it('finds the groups bound to groupings, before and by the calls, in grouping then group order, as deletions leave them', async () => {
    const { store, platform } = ctx;
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
    const { store, platform } = ctx;
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
});

describeEmbedded((ctx) => {
  it('deletes a group with its membership and binding rows, a grouping with its binding rows', async () => {
    const { store, platform } = ctx;
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
