import { expect, it } from 'vitest';
import { buildCategory, buildCohort, buildCourse, buildGroup } from '../../../test/factories.js';
import { describeContract, describeEmbedded, idOf, outcomes } from '../../../test/platform-contract.js';

/** The platform contract, courses: lookups by identifier (categories, roles, cohorts and groups too), creation. */
describeContract((ctx) => {
  it('finds courses, categories, roles, cohorts and groups by each of their identifiers', async () => {
    const { store, platform } = ctx;
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

  it('creates courses with a manual instance, refusing a taken shortname or idnumber or an unknown category', async () => {
    const { store, platform } = ctx;
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
    expect(instances.map(({ courseId, enrol, enabled, sortorder, roleId, cohortId, groupId }) => ({ courseId, enrol, enabled, sortorder, roleId, cohortId, groupId }))).toEqual([
      { courseId: algebra, enrol: 'manual', enabled: true, sortorder: 0, roleId: 5, cohortId: null, groupId: null },
      { courseId: biology, enrol: 'manual', enabled: true, sortorder: 0, roleId: 5, cohortId: null, groupId: null },
    ]);
    expect(outcomes(await platform.run('createCourses', [{ fullname: 'B', shortname: 'BIO', categoryId: 1 }]))).toEqual(['PLATFORM_COURSE_SHORTNAME_TAKEN']);
    const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
    expect(outcomes(await platform.run('enrolUsers', [{ instanceId: instances[0]!.id, userId: jdoe!, roleId: 5, timestart: 0, timeend: 0 }]))).toEqual(['added']);
    const [group] = (await platform.run('createGroups', [{ courseId: algebra, name: 'G' }])).map(idOf);
    expect(outcomes(await platform.run('addGroupMembers', [{ groupId: group!, userId: jdoe! }]))).toEqual(['added']);
    expect(outcomes(await platform.run('assignCourseRoles', [{ courseId: biology, userId: jdoe!, roleId: 4 }]))).toEqual(['added']);
  });
});

describeEmbedded((ctx) => {
  it('creates a course with its context and the manual instance Moodle gives it', async () => {
    const { store, platform } = ctx;
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
});
