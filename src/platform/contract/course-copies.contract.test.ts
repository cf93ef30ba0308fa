import { expect, it } from 'vitest';
import { buildCourse, buildGroup, buildGrouping, buildGroupingGroup, buildUser, buildUserEnrolment } from '../../../test/factories.js';
import { describeContract, idOf, outcomes } from '../../../test/platform-contract.js';
import type { Platform } from '../platform.js';

/** The platform contract, template copies: a new course from a template, content added to or replacing a course's. */
describeContract((ctx) => {
  /** TPL: weekly with a summary, sections 0–2, groups A and B in grouping "All", and a student of its own. */
  async function template(): Promise<number> {
    const { store, platform } = ctx;
    const id = await buildCourse(store, { shortname: 'TPL', idnumber: 'TPL-1' });
    await platform.run('updateCourses', [{ id, set: { summary: 'Template summary', format: 'weeks', newsitems: 2 } }]);
    await platform.run('saveCourseSections', [{ courseId: id, sections: [{ section: 0, name: 'Welcome', summary: 'Read me' }, { section: 2, name: 'Week 2', summary: '' }], count: 2 }]);
    const groupA = await buildGroup(store, { courseId: id, name: 'Group A', idnumber: 'GA' });
    const groupB = await buildGroup(store, { courseId: id, name: 'Group B' });
    const all = await buildGrouping(store, { courseId: id, name: 'All' });
    await buildGroupingGroup(store, { groupingId: all, groupId: groupA });
    await buildGroupingGroup(store, { groupingId: all, groupId: groupB });
    const [manual] = await platform.run('findEnrolInstances', { courseIds: [id] });
    await buildUserEnrolment(store, { instanceId: manual!.id, userId: await buildUser(store, { username: 'tplstudent' }) });
    return id;
  }

  async function enrolments(platform: Platform, courseId: number): Promise<number> {
    const instances = await platform.run('findEnrolInstances', { courseIds: [courseId] });
    return (await platform.run('findEnrolments', { instanceIds: instances.map((instance) => instance.id) })).length;
  }

  async function content(platform: Platform, courseId: number): Promise<string[]> {
    const sections = await platform.run('findCourseSections', { courseIds: [courseId] });
    const groups = await platform.run('findGroups', { courseIds: [courseId] });
    const groupings = await platform.run('findGroupings', { courseIds: [courseId] });
    const bindings = groupings.length ? await platform.run('findGroupingGroups', { groupingIds: groupings.map((grouping) => grouping.id) }) : [];
    const name = (groupId: number) => groups.find((group) => group.id === groupId)?.name;
    return [
      ...sections.map((section) => `#${section.section} ${section.name ?? '(default)'}|${section.summary}`),
      ...groups.map((group) => `group ${group.name} (${group.idnumber})`).sort(),
      ...groupings.map((grouping) => `grouping ${grouping.name}: ${bindings.filter((binding) => binding.groupingId === grouping.id).map((binding) => name(binding.groupId)).sort().join(',')}`),
    ];
  }

  it('duplicates a template into new courses: its settings, sections, groups and groupings, never its users', async () => {
    const { platform } = ctx;
    const tpl = await template();
    const results = await platform.run('duplicateCourses', [
      { templateId: tpl, fullname: 'Copy', shortname: 'COPY', categoryId: 1, visible: false },
      { templateId: tpl, fullname: 'Again', shortname: 'COPY', categoryId: 1, visible: true },
      { templateId: 999_999, fullname: 'None', shortname: 'NONE', categoryId: 1, visible: true },
    ]);
    expect(outcomes(results)).toEqual(['ok', 'PLATFORM_COURSE_SHORTNAME_TAKEN', 'PLATFORM_COURSE_NOT_FOUND']);
    const copy = idOf(results[0]);
    const [record] = await platform.run('findCourseRecords', { courseIds: [copy] });
    expect(record).toMatchObject({ fullname: 'Copy', shortname: 'COPY', idnumber: '', visible: 0, summary: 'Template summary', format: 'weeks', newsitems: 2 });
    expect(await content(platform, copy)).toEqual(['#0 Welcome|Read me', '#1 (default)|', '#2 Week 2|', 'group Group A (GA)', 'group Group B ()', 'grouping All: Group A,Group B']);
    expect((await platform.run('findEnrolInstances', { courseIds: [copy] })).map((instance) => instance.enrol)).toEqual(['manual']);
    expect(await enrolments(platform, copy)).toBe(0);
  });

  it('adds what a course lacks of a template, or replaces its content, keeping its users', async () => {
    const { store, platform } = ctx;
    const tpl = await template();
    const courses = await Promise.all(['ADD', 'REPLACE'].map(async (shortname) => {
      const id = await buildCourse(store, { shortname });
      await platform.run('saveCourseSections', [{ courseId: id, sections: [{ section: 1, name: 'Mine', summary: 'Kept' }], count: 3 }]);
      await buildGroup(store, { courseId: id, name: 'Group A', idnumber: `${shortname}-A` });
      await buildGroup(store, { courseId: id, name: 'Own group' });
      const [manual] = await platform.run('findEnrolInstances', { courseIds: [id] });
      await buildUserEnrolment(store, { instanceId: manual!.id, userId: await buildUser(store, { username: `student-${shortname.toLowerCase()}` }) });
      return id;
    }));
    const [add, replace] = courses as [number, number];
    expect(outcomes(await platform.run('importCourseContent', [{ fromId: tpl, toId: add }, { fromId: tpl, toId: 999_999 }]))).toEqual(['ok', 'PLATFORM_COURSE_NOT_FOUND']);
    expect(await content(platform, add)).toEqual([
      '#0 (default)|', '#1 Mine|Kept', '#2 (default)|', '#3 (default)|',
      'group Group A (ADD-A)', 'group Group B ()', 'group Own group ()', 'grouping All: Group A,Group B',
    ]);
    expect(outcomes(await platform.run('replaceCourseContent', [{ fromId: tpl, toId: replace }]))).toEqual(['ok']);
    expect(await content(platform, replace)).toEqual(['#0 Welcome|Read me', '#1 (default)|', '#2 Week 2|', 'group Group A (GA)', 'group Group B ()', 'grouping All: Group A,Group B']);
    for (const course of courses) expect(await enrolments(platform, course)).toBe(1);
  });
});
