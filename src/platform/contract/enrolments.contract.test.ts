import { expect, it } from 'vitest';
import { buildCourse, buildEnrolInstance, buildGroup, buildGroupMember, buildRoleAssignment } from '../../../test/factories.js';
import { describeContract, describeEmbedded, findGroups, idOf, outcomes, sortMembers, sortRoles } from '../../../test/platform-contract.js';

/** The platform contract, enrolments: instances, enrolling, changes, unenrolling, course roles, large batches. */
describeContract((ctx) => {
  it('reads the enrolments, cohort and group memberships already there, its own writes included', async () => {
    const { store, platform } = ctx;
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
    // A deleted user is refused, and nothing is written for them.
    expect(outcomes(await platform.run('enrolUsers', [{ instanceId: instance!.id, userId: jdoe!, roleId: 5, timestart: 0, timeend: 0 }]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
    expect(await platform.run('findEnrolments', { pairs: [{ courseId: course, userId: jdoe! }] })).toEqual([]);
    expect(await platform.run('findCourseRoles', { courseIds: [course], userIds: [jdoe!] })).toEqual([]);
  });

  it('lists enrolment instances by course, sortorder and id, of every method or one', async () => {
    const { store, platform } = ctx;
    const algebra = await buildCourse(store, { shortname: 'ALG' });
    const biology = await buildCourse(store, { shortname: 'BIO' });
    const self = await buildEnrolInstance(store, { courseId: biology, enrol: 'self', sortorder: 2, status: 1, roleId: 0 });
    const cohort = await buildEnrolInstance(store, { courseId: biology, enrol: 'cohort', sortorder: 1, customint1: 42, customint2: 7 });
    // Other methods' custom fields are not a cohort nor a group (meta keeps its parent course in customint1).
    const manualBio = await buildEnrolInstance(store, { courseId: biology, enrol: 'manual', sortorder: 1, customint1: 9, customint2: 9 });
    const instances = await platform.run('findEnrolInstances', { courseIds: [biology, algebra, 999_999] });
    expect(instances.map(({ courseId, enrol, sortorder, enabled, roleId, cohortId, groupId }) => [courseId, enrol, sortorder, enabled, roleId, cohortId, groupId])).toEqual([
      [algebra, 'manual', 0, true, 5, null, null],
      [biology, 'manual', 0, true, 5, null, null],
      [biology, 'cohort', 1, true, 5, 42, 7],
      [biology, 'manual', 1, true, 5, null, null],
      [biology, 'self', 2, false, 0, null, null],
    ]);
    expect(instances.slice(2).map((instance) => instance.id)).toEqual([cohort, manualBio, self]);
    const manual = await platform.run('findEnrolInstances', { courseIds: [biology], enrol: 'manual' });
    expect(manual.map((instance) => instance.enrol)).toEqual(['manual', 'manual']);
    expect(await platform.run('findEnrolInstances', { courseIds: [] })).toEqual([]);
  });

  it('enrols users with their role, per item, and re-enrolling answers added false', async () => {
    const { store, platform } = ctx;
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
      { ...enrolment, instanceId: 999_999, userId: 999_999 },
    ]);
    expect(outcomes(results)).toEqual(['added', 'PLATFORM_ENROL_INSTANCE_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND', 'PLATFORM_ROLE_NOT_FOUND', 'kept', 'added', 'PLATFORM_ENROL_INSTANCE_NOT_FOUND']);
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
    const { store, platform } = ctx;
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

  it('changes status and dates of enrolments, only the fields given, refusing users not enrolled through the instance', async () => {
    const { store, platform } = ctx;
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
    const { store, platform } = ctx;
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
    const { store, platform } = ctx;
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
    const { store, platform } = ctx;
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
    const { store, platform } = ctx;
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

  it('answers batches larger than one statement holds (1,100 enrolments changed, found, removed)', async () => {
    const { store, platform } = ctx;
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

describeEmbedded((ctx) => {
  it('tells an unknown user before an unknown role, and an existing enrolment of a deleted user is not updated', async () => {
    const { store, platform } = ctx;
    const course = await buildCourse(store, { shortname: 'C1' });
    const [manual] = await platform.run('findEnrolInstances', { courseIds: [course], enrol: 'manual' });
    const [jdoe, asmith] = (await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'J', lastname: 'D' },
      { username: 'asmith', firstname: 'A', lastname: 'S' },
    ])).map(idOf);
    const enrolment = { instanceId: manual!.id, userId: jdoe!, roleId: 5, timestart: 100, timeend: 0 };
    await platform.run('enrolUsers', [enrolment]);
    // Marked deleted behind the platform's back: its enrolment is still there, and must not be changed.
    await store.db.updateTable('lms_user').set({ deleted: 1 }).where('id', '=', jdoe!).execute();
    const results = await platform.run('enrolUsers', [
      { ...enrolment, timestart: 500 },
      { ...enrolment, userId: 999_999, roleId: 999 },
      { ...enrolment, userId: asmith!, roleId: 999 },
      { ...enrolment, userId: asmith! },
    ]);
    expect(outcomes(results)).toEqual(['PLATFORM_USER_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND', 'PLATFORM_ROLE_NOT_FOUND', 'added']);
    const rows = await store.db.selectFrom('lms_user_enrolments').select(['userid', 'timestart']).orderBy('userid').execute();
    expect(rows).toEqual([{ userid: jdoe, timestart: 100 }, { userid: asmith, timestart: 100 }]);
  });

  it('enrols with the role owned as Moodle does, creates the course context, and updates a re-enrolment', async () => {
    const { store, platform } = ctx;
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

  it('unenrols by item id: what the instance left gave goes, what another instance of its method gave stays', async () => {
    const { store, platform } = ctx;
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
});
