import { expect, it } from 'vitest';
import { buildCategory, buildCourse, buildEnrolInstance, buildGroup, buildGrouping, buildGroupingGroup, buildGroupMember, buildUser } from '../../../test/factories.js';
import { describeContract, idOf, outcomes } from '../../../test/platform-contract.js';
import type { Platform } from '../platform.js';

const STUDENT = 5;
const TEACHER = 3;

/** A master course with two enrolled users (one a teacher) in a group and grouping, and two other courses. */
async function seed(ctx: { store: Parameters<typeof buildCourse>[0]; platform: Platform }) {
  const { store, platform } = ctx;
  const master = await buildCourse(store, { shortname: 'MASTER' });
  const meta = await buildCourse(store, { shortname: 'META' });
  const other = await buildCourse(store, { shortname: 'OTHER' });
  const ann = await buildUser(store, { username: 'ann' });
  const bob = await buildUser(store, { username: 'bob' });
  const [instance] = await platform.run('findEnrolInstances', { courseIds: [master] });
  await platform.run('enrolUsers', [
    { instanceId: instance!.id, userId: ann, roleId: STUDENT, timestart: 0, timeend: 0 },
    { instanceId: instance!.id, userId: bob, roleId: TEACHER, timestart: 0, timeend: 0 },
  ]);
  const group = await buildGroup(store, { courseId: master, name: 'G' });
  await buildGroupMember(store, { groupId: group, userId: ann });
  const grouping = await buildGrouping(store, { courseId: master, name: 'GG' });
  await buildGroupingGroup(store, { groupingId: grouping, groupId: group });
  return { master, meta, other, ann, bob, instance: instance!.id, group, grouping };
}

/** The platform contract, course upkeep: course deletion, metacourse links and their sync, grouping unbinding, categories. */
describeContract((ctx) => {
  it('deletes courses with what they hold and the meta links to them; an unknown course, or one named twice, is refused', async () => {
    const { platform } = ctx;
    const ids = await seed(ctx);
    const links = await platform.run('addMetaLinks', [{ courseId: ids.meta, parentId: ids.master }]);
    expect(links.map((result) => result.ok && result.value.outcome)).toEqual(['created']);
    const results = await platform.run('deleteCourses', [ids.master, 999_999, ids.master]);
    expect(outcomes(results)).toEqual(['ok', 'PLATFORM_COURSE_NOT_FOUND', 'PLATFORM_COURSE_NOT_FOUND']);
    expect(await platform.run('findCourses', { by: { id: [String(ids.master), String(ids.meta)] } })).toMatchObject([{ id: ids.meta }]);
    expect(await platform.run('findEnrolInstances', { courseIds: [ids.master, ids.meta] })).toMatchObject([{ courseId: ids.meta, enrol: 'manual' }]);
    expect(await platform.run('findEnrolments', { courseIds: [ids.master, ids.meta], userIds: [ids.ann, ids.bob] })).toEqual([]);
    expect(await platform.run('findCourseRoles', { courseIds: [ids.master, ids.meta] })).toEqual([]);
    expect(await platform.run('findGroups', { courseIds: [ids.master] })).toEqual([]);
    expect(await platform.run('findGroupings', { courseIds: [ids.master] })).toEqual([]);
    expect(await platform.run('findMetaLinks', { parentIds: [ids.master] })).toEqual([]);
  });

  it('links meta courses to parents, mirroring enrolments with their roles; restores, removes, and refuses bad links', async () => {
    const { platform } = ctx;
    const ids = await seed(ctx);
    const results = await platform.run('addMetaLinks', [
      { courseId: ids.meta, parentId: ids.master },
      { courseId: ids.meta, parentId: ids.master },
      { courseId: ids.meta, parentId: ids.meta },
      { courseId: 999_999, parentId: ids.master },
    ]);
    expect(results.map((result) => (result.ok ? result.value.outcome : result.error.code))).toEqual(['created', 'unchanged', 'PLATFORM_META_SELF_LINK', 'PLATFORM_COURSE_NOT_FOUND']);
    const [link] = await platform.run('findMetaLinks', { courseIds: [ids.meta] });
    expect(link).toMatchObject({ courseId: ids.meta, parentId: ids.master, enabled: true });
    const roles = await platform.run('findCourseRoles', { courseIds: [ids.meta] });
    expect(roles.map((role) => [role.userId, role.roleId, role.component])).toEqual([[ids.ann, STUDENT, 'enrol_meta'], [ids.bob, TEACHER, 'enrol_meta']]);
    // The parent changes: the meta course follows by itself.
    await platform.run('unenrolUsers', [{ instanceId: ids.instance, userId: ids.ann }]);
    await platform.run('assignCourseRoles', [{ courseId: ids.master, userId: ids.bob, roleId: STUDENT }]);
    const enrolled = await platform.run('findEnrolments', { instanceIds: [link!.instanceId] });
    expect(enrolled.map((enrolment) => enrolment.userId)).toEqual([ids.bob]);
    const followed = await platform.run('findCourseRoles', { courseIds: [ids.meta] });
    expect(followed.map((role) => [role.userId, role.roleId])).toEqual([[ids.bob, TEACHER], [ids.bob, STUDENT]]);
    await platform.run('setEnrolInstancesStatus', [{ instanceId: link!.instanceId, enabled: false }]);
    const restored = await platform.run('addMetaLinks', [{ courseId: ids.meta, parentId: ids.master }]);
    expect(restored.map((result) => result.ok && result.value)).toEqual([{ instanceId: link!.instanceId, outcome: 'restored' }]);
    const removed = await platform.run('removeMetaLinks', [
      { courseId: ids.meta, parentId: ids.master },
      { courseId: ids.meta, parentId: ids.master },
      { courseId: ids.other, parentId: ids.master },
      { courseId: 999_999, parentId: ids.master },
    ]);
    expect(outcomes(removed)).toEqual(['removed', 'absent', 'absent', 'PLATFORM_COURSE_NOT_FOUND']);
    expect(await platform.run('findMetaLinks', { courseIds: [ids.meta] })).toEqual([]);
    expect(await platform.run('findCourseRoles', { courseIds: [ids.meta] })).toEqual([]);
  });

  it('syncs meta courses on demand: suspended parent enrolments are suspended, disabled parent instances do not count', async () => {
    const { store, platform } = ctx;
    const ids = await seed(ctx);
    const self = await buildEnrolInstance(store, { courseId: ids.master, enrol: 'self', status: 1 });
    await platform.run('findEnrolInstances', { courseIds: [ids.master] });
    const carl = await buildUser(store, { username: 'carl' });
    await platform.run('enrolUsers', [{ instanceId: self, userId: carl, roleId: STUDENT, timestart: 0, timeend: 0 }]);
    await platform.run('updateEnrolments', [{ instanceId: ids.instance, userId: ids.ann, suspended: true }]);
    await platform.run('addMetaLinks', [{ courseId: ids.meta, parentId: ids.master }]);
    const [link] = await platform.run('findMetaLinks', { courseIds: [ids.meta] });
    const enrolments = await platform.run('findEnrolments', { instanceIds: [link!.instanceId] });
    expect(enrolments.map((enrolment) => [enrolment.userId, enrolment.suspended]).sort()).toEqual([[ids.ann, true], [ids.bob, false]].sort());
    const counts = await platform.run('syncMetaEnrolments', { courseIds: [ids.meta] });
    expect(counts).toEqual({ enrolled: 0, unenrolled: 0, suspended: 0, reactivated: 0, rolesAssigned: 0, rolesUnassigned: 0 });
  });

  it('mirrors the dates of parent enrolments, the widest over the parent’s instances, and follows their changes', async () => {
    const { store, platform } = ctx;
    const ids = await seed(ctx);
    const self = await buildEnrolInstance(store, { courseId: ids.master, enrol: 'self' });
    await platform.run('findEnrolInstances', { courseIds: [ids.master] });
    await platform.run('updateEnrolments', [{ instanceId: ids.instance, userId: ids.ann, timestart: 1_000, timeend: 2_000 }]);
    await platform.run('enrolUsers', [{ instanceId: self, userId: ids.ann, roleId: STUDENT, timestart: 1_500, timeend: 3_000, suspended: true }]);
    await platform.run('addMetaLinks', [{ courseId: ids.meta, parentId: ids.master }]);
    const [link] = await platform.run('findMetaLinks', { courseIds: [ids.meta] });
    const dates = async () =>
      (await platform.run('findEnrolments', { instanceIds: [link!.instanceId] })).map((enrolment) => [enrolment.userId, enrolment.timestart, enrolment.timeend, enrolment.suspended]).sort();
    expect(await dates()).toEqual([[ids.ann, 1_000, 3_000, false], [ids.bob, 0, 0, false]].sort());
    await platform.run('updateEnrolments', [{ instanceId: ids.instance, userId: ids.ann, timeend: 0, suspended: true }]);
    expect(await dates()).toEqual([[ids.ann, 1_000, 0, true], [ids.bob, 0, 0, false]].sort());
  });

  it('takes groups out of groupings; a binding not held answers absent', async () => {
    const { platform } = ctx;
    const ids = await seed(ctx);
    await platform.run('findGroups', { courseIds: [ids.master] });
    await platform.run('findGroupings', { courseIds: [ids.master] });
    const results = await platform.run('unassignGroupings', [
      { groupingId: ids.grouping, groupId: ids.group },
      { groupingId: ids.grouping, groupId: ids.group },
      { groupingId: 999_999, groupId: ids.group },
    ]);
    expect(outcomes(results)).toEqual(['removed', 'absent', 'absent']);
    expect(await platform.run('findGroupingGroups', { groupingIds: [ids.grouping] })).toEqual([]);
    expect(outcomes(await platform.run('assignGroupings', [{ groupingId: ids.grouping, groupId: ids.group }]))).toEqual(['added']);
  });

  it('deletes empty categories only, sub-categories first within a call', async () => {
    const { store, platform } = ctx;
    const top = await buildCategory(store, { name: 'Top' });
    const child = await buildCategory(store, { name: 'Child', parent: top });
    const full = await buildCategory(store, { name: 'Full' });
    await buildCourse(store, { shortname: 'IN', category: full });
    const results = await platform.run('deleteCategories', [top, child, top, full, child, 999_999]);
    expect(outcomes(results)).toEqual([
      'PLATFORM_CATEGORY_NOT_EMPTY', 'ok', 'ok', 'PLATFORM_CATEGORY_NOT_EMPTY', 'PLATFORM_CATEGORY_NOT_FOUND', 'PLATFORM_CATEGORY_NOT_FOUND',
    ]);
    expect(await platform.run('findCategories', { by: { id: [String(top), String(child), String(full)] } })).toMatchObject([{ id: full }]);
  });

  it('deletes what the same platform created: a course with its settings and sections, then its emptied category', async () => {
    const { platform } = ctx;
    const faculty = idOf((await platform.run('createCategories', [{ name: 'Faculty', parent: 0, visible: true }]))[0]);
    const year = idOf((await platform.run('createCategories', [{ name: 'Year', parent: faculty, visible: true }]))[0]);
    const course = idOf((await platform.run('createCourses', [{ fullname: 'New', shortname: 'NEW', categoryId: 1, idnumber: 'C-NEW' }]))[0]);
    // Moved by an update into the new category: the category holds it from then on.
    expect(outcomes(await platform.run('updateCourses', [{ id: course, set: { category: year, shortname: 'NEW2' } }]))).toEqual(['ok']);
    await platform.run('saveCourseSections', [{ courseId: course, sections: [{ section: 0, name: null, summary: '' }, { section: 1, name: 'One', summary: '' }] }]);
    expect(outcomes(await platform.run('deleteCategories', [year, faculty]))).toEqual(['PLATFORM_CATEGORY_NOT_EMPTY', 'PLATFORM_CATEGORY_NOT_EMPTY']);

    expect(outcomes(await platform.run('deleteCourses', [course]))).toEqual(['ok']);
    expect(await platform.run('findCourses', { by: { id: [String(course)], shortname: ['NEW', 'NEW2'], idnumber: ['C-NEW'] } })).toEqual([]);
    expect(await platform.run('findCourseRecords', { courseIds: [course] })).toEqual([]);
    expect(await platform.run('findCourseSections', { courseIds: [course] })).toEqual([]);
    expect(outcomes(await platform.run('updateCourses', [{ id: course, set: { fullname: 'Gone' } }]))).toEqual(['PLATFORM_COURSE_NOT_FOUND']);
    expect(outcomes(await platform.run('saveCourseSections', [{ courseId: course, sections: [{ section: 1, name: 'Again', summary: '' }] }]))).toEqual(['PLATFORM_COURSE_NOT_FOUND']);

    expect(outcomes(await platform.run('deleteCategories', [faculty, year, faculty]))).toEqual(['PLATFORM_CATEGORY_NOT_EMPTY', 'ok', 'ok']);
    expect(await platform.run('findCategories', { by: { id: [String(faculty), String(year)], name: ['Faculty', 'Year'] } })).toEqual([]);
    expect(outcomes(await platform.run('createCourses', [{ fullname: 'Late', shortname: 'LATE', categoryId: year }]))).toEqual(['PLATFORM_CATEGORY_NOT_FOUND']);
    expect(outcomes(await platform.run('createCategories', [{ name: 'Under', parent: faculty, visible: true }]))).toEqual(['PLATFORM_CATEGORY_NOT_FOUND']);
    // The shortname is free again.
    expect(outcomes(await platform.run('createCourses', [{ fullname: 'New again', shortname: 'NEW2', categoryId: 1 }]))).toEqual(['ok']);
  });
});
