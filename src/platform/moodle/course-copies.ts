import type { CourseDuplicate, CourseImport } from '../course-record.js';
import { reject } from '../embedded/rejections.js';
import { succeeded, type ItemResult } from '../item-result.js';
import { refusedBy, sendItems } from './batch-semantics.js';
import type { MoodleContext } from './moodle-context.js';
import { needsPlugin } from './plugin-items.js';
import { MoodleException } from './ws-exception.js';

/**
 * Template courses copied by Moodle's own backup and restore, activities and blocks included: a new course with
 * core_course_duplicate_course, content added to an existing one with core_course_import_course, content replaced
 * through the companion plugin (core's import with `deletecontent` would also unenrol every user of the course).
 * Each is a whole backup and restore, minutes for a big course: one course at a time.
 */

/** New courses from templates, without users (so without enrolments: the new course gets Moodle's default methods). */
export async function duplicateCourses(ctx: MoodleContext, copies: readonly CourseDuplicate[]): Promise<ItemResult<{ id: number }>[]> {
  return oneAtATime(copies, async (copy) => {
    try {
      const { id } = await ctx.client.call<{ id: number }>('core_course_duplicate_course', {
        courseid: copy.templateId, fullname: copy.fullname, shortname: copy.shortname, categoryid: copy.categoryId, visible: copy.visible ? 1 : 0,
        options: [{ name: 'users', value: 0 }, { name: 'role_assignments', value: 0 }],
      }, 'write');
      return succeeded({ id });
    } catch (error) {
      if (!(error instanceof MoodleException)) throw error;
      if (error.errorcode === 'shortnametaken') return reject.courseShortnameTaken(copy.shortname);
      return error.errorcode === 'invalidcourseid' ? reject.courseNotFound(copy.templateId) : refusedBy(error);
    }
  });
}

/** A template's content added to existing courses (core_course_import_course without deletecontent). */
export function importCourseContent(ctx: MoodleContext, imports: readonly CourseImport[]): Promise<ItemResult<null>[]> {
  return oneAtATime(imports, (item) => importOne(ctx, 'core_course_import_course', { importfrom: item.fromId, importto: item.toId, deletecontent: 0 }, item));
}

/** A template's content in place of existing courses' own, their users and methods kept (the companion plugin). */
export function replaceCourseContent(ctx: MoodleContext, imports: readonly CourseImport[]): Promise<ItemResult<null>[]> {
  const refusal = replaceRefusal(ctx);
  if (refusal) return Promise.resolve(imports.map(() => refusal));
  return oneAtATime(imports, (item) => importOne(ctx, 'local_toolsync_replace_course_content', { importfrom: item.fromId, importto: item.toId }, item));
}

/** Why no course content can be replaced here: the site lacks the plugin's function. */
export function replaceRefusal(ctx: MoodleContext): ItemResult<never> | undefined {
  return ctx.has('local_toolsync_replace_course_content') ? undefined : needsPlugin('local_toolsync_replace_course_content');
}

async function importOne(
  ctx: MoodleContext,
  name: 'core_course_import_course' | 'local_toolsync_replace_course_content',
  params: Record<string, number>,
  item: CourseImport,
): Promise<ItemResult<null>> {
  try {
    await ctx.client.call<null>(name, params, 'write');
    return succeeded(null);
  } catch (error) {
    if (!(error instanceof MoodleException)) throw error;
    // Both courses are checked the same way: Moodle does not say which one it could not find.
    return error.errorcode === 'invalidcourseid' ? reject.courseNotFound(item.toId) : refusedBy(error);
  }
}

/** Items one after the other, each call's unknown outcome (a timeout) that item's answer, never retried blindly. */
async function oneAtATime<I, R>(items: readonly I[], send: (item: I) => Promise<ItemResult<R>>): Promise<ItemResult<R>[]> {
  const results: ItemResult<R>[] = [];
  for (const item of items) results.push(...(await sendItems([item], async ([one]) => [await send(one!)])));
  return results;
}
