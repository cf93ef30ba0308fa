import { expect, it } from 'vitest';
import { buildCourse, buildGroup, buildGroupMember, buildUser, buildUserEnrolment } from '../../../test/factories.js';
import { describeContract, describeEmbedded, findGroups, idOf, outcomes, sortMembers } from '../../../test/platform-contract.js';

/** The platform contract, groups: creation, members, lookups, changes, deletion. */
describeContract((ctx) => {
  it('creates groups, refusing a name or an idnumber already used in the course, or an unknown course', async () => {
    const { store, platform } = ctx;
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
    const { store, platform } = ctx;
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
    // A user enrolled, then deleted, is unknown: deletion takes the enrolment with it.
    await platform.run('enrolUsers', [{ instanceId: manual!.id, userId: asmith!, roleId: 5, timestart: 0, timeend: 0 }]);
    await platform.run('deleteUsers', [asmith!]);
    expect(outcomes(await platform.run('addGroupMembers', [{ groupId: group!, userId: asmith! }]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
  });

  it('accepts a real group member enrolled on the platform, found through findGroups', async () => {
    const { store, platform } = ctx;
    const course = await buildCourse(store, { shortname: 'C1' });
    const group = await buildGroup(store, { courseId: course, name: 'Real' });
    const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
    const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
    await platform.run('enrolUsers', [{ instanceId: manual!.id, userId: jdoe!, roleId: 5, timestart: 0, timeend: 0 }]);
    const [found] = await platform.run('findGroups', { courseIds: [course], by: { name: ['Real'] } });
    expect(found?.id).toBe(group);
    expect(outcomes(await platform.run('addGroupMembers', [{ groupId: group, userId: jdoe! }]))).toEqual(['added']);
  });

  it('finds every group of several courses, or those matching, always within the courses, in id order', async () => {
    const { store, platform } = ctx;
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

  it('changes groups in order, only the fields given, refusing a name or an idnumber another group of the course holds', async () => {
    const { store, platform } = ctx;
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
    const { store, platform } = ctx;
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
    const { store, platform } = ctx;
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

  it('finds every member of groups when no user is given, real and written ones, as removals and deletions leave them', async () => {
    const { store, platform } = ctx;
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
});

describeEmbedded((ctx) => {
  it('stores the component of group memberships and of role assignments, in a course context created when missing', async () => {
    const { store, platform } = ctx;
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
});
