import type { ProcessorContext } from '../processor.js';

/**
 * `enrolcleanup` (decision 16): the groups of the courses the file named that the run left without members
 * are deleted, each said in the report. In simulate the simulated platform answers, so the report says what a
 * real run would delete.
 */
export async function cleanUpEmptyGroups(context: ProcessorContext, courseIds: readonly number[]): Promise<void> {
  if (!courseIds.length) return;
  const { platform } = context;
  const empty = await platform.run('findEmptyGroups', { courseIds });
  const courses = await platform.run('findCourses', { by: { id: [...new Set(empty.map((group) => String(group.courseId)))] } });
  const courseName = (id: number) => courses.find((course) => course.id === id)?.shortname ?? String(id);
  const results = await platform.run('deleteGroups', empty.map((group) => group.id));
  for (const [index, group] of empty.entries()) {
    const result = results[index]!;
    const params = { group: group.name, course: courseName(group.courseId) };
    if (result.ok) await context.notice('ENROLS_CLEANUP_DELETED', params);
    else await context.notice('ENROLS_CLEANUP_FAILED', { ...params, reason: result.error.message });
  }
}
