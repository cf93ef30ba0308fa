import type { PlatformCourse } from '../../platform/operations.js';
import type { ProcessorContext } from '../processor.js';

/**
 * After a group members file (`groups_purgeemptygroups`): `1` deletes the groups left without members, `2` also
 * the groupings left without groups, only in the courses the file's rows named (the original purged the whole
 * site, decision 63). One notice per deletion; in a simulation the overlay answers, so the notices say what a
 * real run would delete.
 */
export async function purgeEmptyGroups(context: ProcessorContext, courses: readonly PlatformCourse[]): Promise<void> {
  const mode = context.settings.choice('groups_purgeemptygroups');
  if (mode === '0' || !courses.length) return;
  const { platform } = context;
  const courseIds = courses.map((course) => course.id);
  const shortname = new Map(courses.map((course) => [course.id, course.shortname]));
  let found = 0;

  const groups = await platform.run('findEmptyGroups', { courseIds });
  found += groups.length;
  const groupResults = await platform.run('deleteGroups', groups.map((group) => group.id));
  for (const [index, group] of groups.entries()) {
    const result = groupResults[index]!;
    const params = { group: group.name, course: shortname.get(group.courseId) ?? String(group.courseId) };
    await context.notice(result.ok ? 'GROUPS_PURGE_GROUP_DELETED' : 'GROUPS_PURGE_GROUP_FAILED', result.ok ? params : { ...params, reason: result.error.message });
  }

  if (mode === '2') {
    const groupings = await platform.run('findEmptyGroupings', { courseIds });
    found += groupings.length;
    const groupingResults = await platform.run('deleteGroupings', groupings.map((grouping) => grouping.id));
    for (const [index, grouping] of groupings.entries()) {
      const result = groupingResults[index]!;
      const params = { grouping: grouping.name, course: shortname.get(grouping.courseId) ?? String(grouping.courseId) };
        await context.notice(result.ok ? 'GROUPS_PURGE_GROUPING_DELETED' : 'GROUPS_PURGE_GROUPING_FAILED', result.ok ? params : { ...params, reason: result.error.message });
    }
  }
  if (!found) await context.notice('GROUPS_PURGE_NOTHING', { count: courses.length });
}
