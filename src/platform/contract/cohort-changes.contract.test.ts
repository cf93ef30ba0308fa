import { expect, it } from 'vitest';
import { buildCategory, buildCohort, buildCourse, buildEnrolInstance, buildGroup, buildGroupMember, buildRoleAssignment, buildUser, buildUserEnrolment } from '../../../test/factories.js';
import { describeContract, describeEmbedded, idOf, outcomes } from '../../../test/platform-contract.js';

/** The platform contract, cohorts changed: updates, member removals, every member of cohorts, deletions. */
describeContract((ctx) => {
  it('updates cohorts, only the fields given, refusing an unknown cohort or category and a taken idnumber', async () => {
    const { store, platform } = ctx;
    const science = await buildCategory(store, { name: 'Science' });
    const real = await buildCohort(store, { name: 'Real', idnumber: 'R' });
    const other = await buildCohort(store, { name: 'Other', idnumber: 'O' });
    await buildCohort(store, { name: 'Third', idnumber: 'T' });
    const [y1] = (await platform.run('createCohorts', [{ name: 'Year 1', idnumber: 'Y1', categoryId: science }])).map(idOf);
    const results = await platform.run('updateCohorts', [
      { id: real, name: 'Renamed', description: 'Now described' },
      { id: y1!, categoryId: null },
      { id: other, idnumber: 'R' },
      { id: other, idnumber: 'O' },
      { id: 999_999, name: 'Ghost' },
      { id: real, categoryId: 999_999 },
      { id: real, idnumber: 'R2', categoryId: science },
      { id: other, idnumber: 'R' },
      { id: y1!, idnumber: '' },
      { id: y1!, idnumber: 'T' },
    ]);
    expect(outcomes(results)).toEqual([
      'changed', 'changed', 'PLATFORM_COHORT_IDNUMBER_TAKEN', 'same', 'PLATFORM_COHORT_NOT_FOUND', 'PLATFORM_CATEGORY_NOT_FOUND', 'changed', 'changed', 'changed',
      'PLATFORM_COHORT_IDNUMBER_TAKEN',
    ]);
    expect(results[4]).toMatchObject({ error: { message: 'No cohort with id 999999', params: { cohortId: 999_999 } } });
    const found = await platform.run('findCohorts', { by: { id: [String(real), String(other), String(y1)] } });
    expect(found.map(({ id, name, idnumber, description, categoryId }) => ({ id, name, idnumber, description, categoryId }))).toEqual([
      { id: real, name: 'Renamed', idnumber: 'R2', description: 'Now described', categoryId: science },
      { id: other, name: 'Other', idnumber: 'R', description: '', categoryId: null },
      { id: y1, name: 'Year 1', idnumber: '', description: '', categoryId: null },
    ]);
    expect((await platform.run('findCohorts', { by: { name: ['Real'], idnumber: ['O'] } })).map((cohort) => cohort.id)).toEqual([]);
    expect((await platform.run('findCohorts', { by: { name: ['Renamed'] } })).map((cohort) => cohort.id)).toEqual([real]);
    expect(outcomes(await platform.run('updateCohorts', [{ id: real, name: 'Renamed', categoryId: science }]))).toEqual(['same']);
  });

  it('removes cohort members and lists every member of cohorts when no user is given', async () => {
    const { store, platform } = ctx;
    const real = await buildCohort(store, { name: 'Real', idnumber: 'R' });
    const [jdoe, asmith, bob] = (await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'J', lastname: 'D' },
      { username: 'asmith', firstname: 'A', lastname: 'S' },
      { username: 'bob', firstname: 'B', lastname: 'B' },
    ])).map(idOf);
    const [y1] = (await platform.run('createCohorts', [{ name: 'Year 1' }])).map(idOf);
    await platform.run('addCohortMembers', [
      { cohortId: real, userId: jdoe! },
      { cohortId: real, userId: asmith! },
      { cohortId: y1!, userId: bob! },
    ]);
    const sorted = (members: readonly { cohortId: number; userId: number }[]) => [...members].sort((a, b) => a.cohortId - b.cohortId || a.userId - b.userId);
    expect(sorted(await platform.run('findCohortMembers', { cohortIds: [real, y1!] }))).toEqual(
      sorted([{ cohortId: real, userId: jdoe! }, { cohortId: real, userId: asmith! }, { cohortId: y1!, userId: bob! }]),
    );
    const results = await platform.run('removeCohortMembers', [
      { cohortId: real, userId: jdoe! },
      { cohortId: real, userId: jdoe! },
      { cohortId: real, userId: bob! },
      { cohortId: 999_999, userId: jdoe! },
      { cohortId: real, userId: 999_999 },
      { cohortId: y1!, userId: bob! },
    ]);
    expect(outcomes(results)).toEqual(['removed', 'absent', 'absent', 'PLATFORM_COHORT_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND', 'removed']);
    expect(await platform.run('findCohortMembers', { cohortIds: [real, y1!] })).toEqual([{ cohortId: real, userId: asmith! }]);
    expect(await platform.run('findCohortMembers', { cohortIds: [real], userIds: [jdoe!, asmith!] })).toEqual([{ cohortId: real, userId: asmith! }]);
    // Added again after a removal.
    expect(outcomes(await platform.run('addCohortMembers', [{ cohortId: real, userId: jdoe! }]))).toEqual(['added']);
    expect(sorted(await platform.run('findCohortMembers', { cohortIds: [real] }))).toEqual(sorted([{ cohortId: real, userId: asmith! }, { cohortId: real, userId: jdoe! }]));
    expect(await platform.run('findCohortMembers', { cohortIds: [] })).toEqual([]);
  });

  it('deletes cohorts with their members and cohort instances, whose users are unenrolled with what the instances gave', async () => {
    const { store, platform } = ctx;
    const cohort = await buildCohort(store, { name: 'Real', idnumber: 'R' });
    const kept = await buildCohort(store, { name: 'Kept', idnumber: 'K' });
    const course = await buildCourse(store, { shortname: 'ALG' });
    const group = await buildGroup(store, { courseId: course, name: 'G' });
    const instance = await buildEnrolInstance(store, { courseId: course, enrol: 'cohort', sortorder: 1, customint1: cohort });
    const keptInstance = await buildEnrolInstance(store, { courseId: course, enrol: 'cohort', sortorder: 2, customint1: kept });
    const [jdoe, asmith] = [await buildUser(store, { username: 'jdoe' }), await buildUser(store, { username: 'asmith' })];
    const [manual] = await platform.run('findEnrolInstances', { courseIds: [course], enrol: 'manual' });
    for (const userId of [jdoe, asmith]) {
      await store.db.insertInto('lms_cohort_members').values({ cohortid: cohort, userid: userId }).execute();
      await buildUserEnrolment(store, { instanceId: instance, userId });
      await buildRoleAssignment(store, { courseId: course, userId, roleId: 5, component: 'enrol_cohort', itemid: instance });
      await buildGroupMember(store, { groupId: group, userId, component: 'enrol_cohort', itemid: instance });
    }
    // asmith keeps a manual enrolment (and its plain role); jdoe leaves the course, with every role and membership.
    await buildUserEnrolment(store, { instanceId: manual!.id, userId: asmith });
    await buildRoleAssignment(store, { courseId: course, userId: asmith, roleId: 4 });
    await buildRoleAssignment(store, { courseId: course, userId: jdoe, roleId: 4 });
    await platform.run('findEnrolInstances', { courseIds: [course] });

    expect(outcomes(await platform.run('deleteCohorts', [cohort, cohort, 999_999]))).toEqual(['ok', 'PLATFORM_COHORT_NOT_FOUND', 'PLATFORM_COHORT_NOT_FOUND']);
    expect(await platform.run('findCohorts', { by: { id: [String(cohort), String(kept)] } })).toMatchObject([{ id: kept }]);
    expect(await platform.run('findCohortMembers', { cohortIds: [cohort] })).toEqual([]);
    expect((await platform.run('findEnrolInstances', { courseIds: [course] })).map((found) => found.id)).toEqual([manual!.id, keptInstance]);
    expect(await platform.run('findEnrolments', { courseIds: [course], userIds: [jdoe, asmith] })).toMatchObject([{ instanceId: manual!.id, userId: asmith }]);
    expect(await platform.run('findCourseRoles', { courseIds: [course], userIds: [jdoe, asmith] })).toEqual([{ courseId: course, userId: asmith, roleId: 4, component: '' }]);
    expect(await platform.run('findGroupMembers', { groupIds: [group] })).toEqual([]);
    expect(outcomes(await platform.run('removeCohortMembers', [{ cohortId: cohort, userId: jdoe }]))).toEqual(['PLATFORM_COHORT_NOT_FOUND']);
  });
});

describeEmbedded((ctx) => {
  it('moves a cohort between contexts, creating a category context when missing', async () => {
    const { store, platform } = ctx;
    const science = await buildCategory(store, { name: 'Science' });
    await store.db.deleteFrom('lms_context').where('contextlevel', '=', 40).where('instanceid', '=', science).execute();
    const cohort = await buildCohort(store, { name: 'Real' });
    expect(outcomes(await platform.run('updateCohorts', [{ id: cohort, categoryId: science }]))).toEqual(['changed']);
    const context = await store.db
      .selectFrom('lms_cohort as ch')
      .innerJoin('lms_context as ctx', 'ctx.id', 'ch.contextid')
      .select(['ctx.contextlevel', 'ctx.instanceid'])
      .where('ch.id', '=', cohort)
      .executeTakeFirstOrThrow();
    expect(context).toEqual({ contextlevel: 40, instanceid: science });
  });
});
