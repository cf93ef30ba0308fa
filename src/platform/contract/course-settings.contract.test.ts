import { expect, it } from 'vitest';
import { buildCategory, buildCourse } from '../../../test/factories.js';
import { describeContract, idOf, outcomes } from '../../../test/platform-contract.js';

/**
 * The platform contract, what the course creation file writes: categories, course settings and updates,
 * sections, plain enrolment methods. Each write is read back through the port, so the simulation is held to
 * answering later reads with what earlier writes made.
 */
describeContract((ctx) => {
  it('creates categories under the top or a parent (one created earlier in the call too), refusing an unknown parent', async () => {
    const { platform } = ctx;
    const results = await platform.run('createCategories', [
      { name: 'Faculty', parent: 0, visible: true },
      { name: 'Nowhere', parent: 999_999, visible: true },
    ]);
    expect(outcomes(results)).toEqual(['ok', 'PLATFORM_CATEGORY_NOT_FOUND']);
    const faculty = idOf(results[0]);
    const department = idOf((await platform.run('createCategories', [{ name: 'Department', parent: faculty, visible: false, idnumber: 'DEP' }]))[0]);
    const found = await platform.run('findCategories', { by: { name: ['Faculty', 'Department'] } });
    expect(found.map(({ id, name, idnumber, parent, path, visible }) => ({ id, name, idnumber, parent, path, visible }))).toEqual([
      { id: faculty, name: 'Faculty', idnumber: '', parent: 0, path: `/${faculty}`, visible: true },
      { id: department, name: 'Department', idnumber: 'DEP', parent: faculty, path: `/${faculty}/${department}`, visible: false },
    ]);
    const [course] = await platform.run('createCourses', [{ fullname: 'In department', shortname: 'DEP1', categoryId: department }]);
    expect(outcomes([course!])).toEqual(['ok']);
  });

  it('creates courses with settings and updates them, refusing taken names and unknown categories; lookups see the new names', async () => {
    const { store, platform } = ctx;
    await buildCourse(store, { shortname: 'OLD', idnumber: 'C-OLD' });
    const science = await buildCategory(store, { name: 'Science' });
    const [created] = await platform.run('createCourses', [
      { fullname: 'Algebra', shortname: 'ALG', categoryId: 1, idnumber: 'C-ALG', settings: { newsitems: 2, lang: 'fr', groupmode: 1, timecreated: 1_700_000_000 } },
    ]);
    const id = idOf(created);
    const [record] = await platform.run('findCourseRecords', { courseIds: [id] });
    expect(record).toMatchObject({ id, fullname: 'Algebra', shortname: 'ALG', idnumber: 'C-ALG', category: 1, newsitems: 2, lang: 'fr', groupmode: 1, showgrades: 1, enablecompletion: 1, timecreated: 1_700_000_000 });

    const results = await platform.run('updateCourses', [
      { id, set: { shortname: 'ALG-2', fullname: 'Algebra 2', category: science, showgrades: 0 } },
      { id, set: { shortname: 'OLD' } },
      { id, set: { idnumber: 'C-OLD' } },
      { id, set: { category: 999_999 } },
      { id: 999_999, set: { fullname: 'Nobody' } },
    ]);
    expect(outcomes(results)).toEqual(['ok', 'PLATFORM_COURSE_SHORTNAME_TAKEN', 'PLATFORM_COURSE_IDNUMBER_TAKEN', 'PLATFORM_CATEGORY_NOT_FOUND', 'PLATFORM_COURSE_NOT_FOUND']);
    expect(await platform.run('findCourseRecords', { courseIds: [id] })).toEqual([{ ...record, shortname: 'ALG-2', fullname: 'Algebra 2', category: science, showgrades: 0 }]);
    expect((await platform.run('findCourses', { by: { shortname: ['ALG-2'] } })).map((course) => [course.id, course.category])).toEqual([[id, science]]);
    expect(await platform.run('findCourses', { by: { shortname: ['ALG'] } })).toEqual([]);
  });

  it('writes sections: created, overwritten, completed up to a count, or replaced; an unknown course is refused', async () => {
    const { store, platform } = ctx;
    const course = await buildCourse(store, { shortname: 'SEC' });
    const first = await platform.run('saveCourseSections', [
      { courseId: course, sections: [{ section: 0, name: 'General', summary: 'Hello' }, { section: 2, name: 'Two', summary: '' }], count: 3 },
      { courseId: 999_999, sections: [] },
    ]);
    expect(outcomes(first)).toEqual(['ok', 'PLATFORM_COURSE_NOT_FOUND']);
    const names = async () => (await platform.run('findCourseSections', { courseIds: [course] })).map((section) => `${section.section}:${section.name ?? '-'}:${section.summary}`);
    expect(await names()).toEqual(['0:General:Hello', '1:-:', '2:Two:', '3:-:']);
    await platform.run('saveCourseSections', [{ courseId: course, sections: [{ section: 1, name: 'One', summary: 'First' }] }]);
    expect(await names()).toEqual(['0:General:Hello', '1:One:First', '2:Two:', '3:-:']);
    await platform.run('saveCourseSections', [{ courseId: course, sections: [{ section: 0, name: null, summary: '' }, { section: 1, name: 'Only', summary: '' }], replace: true }]);
    expect(await names()).toEqual(['0:-:', '1:Only:']);
  });

  it('adds plain enrolment methods after the others, with the default role of the method or the one asked', async () => {
    const { store, platform } = ctx;
    const course = await buildCourse(store, { shortname: 'ENR' });
    const results = await platform.run('addEnrolInstances', [
      { courseId: course, enrol: 'self', enabled: true },
      { courseId: course, enrol: 'guest', enabled: false },
      { courseId: course, enrol: 'self', enabled: true, roleId: 4 },
      { courseId: course, enrol: 'self', enabled: true, roleId: 999 },
      { courseId: 999_999, enrol: 'guest', enabled: true },
    ]);
    expect(outcomes(results)).toEqual(['ok', 'ok', 'ok', 'PLATFORM_ROLE_NOT_FOUND', 'PLATFORM_COURSE_NOT_FOUND']);
    const instances = await platform.run('findEnrolInstances', { courseIds: [course] });
    expect(instances.map(({ enrol, enabled, sortorder, roleId }) => ({ enrol, enabled, sortorder, roleId }))).toEqual([
      { enrol: 'manual', enabled: true, sortorder: 0, roleId: 5 },
      { enrol: 'self', enabled: true, sortorder: 1, roleId: 5 },
      { enrol: 'guest', enabled: false, sortorder: 2, roleId: 0 },
      { enrol: 'self', enabled: true, sortorder: 3, roleId: 4 },
    ]);
  });
});
