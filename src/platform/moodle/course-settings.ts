import { COURSE_NUMBER_FIELDS, COURSE_TEXT_FIELDS, type CourseRecord, type CourseSection, type NewEnrolInstance, type SectionsChange } from '../course-record.js';
import type { ItemResult } from '../item-result.js';
import { inBatches } from './batch-semantics.js';
import { distinct, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { sendPluginItems } from './plugin-items.js';
import { chunks } from './ws-batches.js';

/**
 * What the companion plugin does for courses because core cannot: read a course's whole record
 * (core_course_get_courses_by_field leaves out visibleold and answers coursedisplay only for some formats), read
 * sections with their own names (core_course_get_contents answers the format's default name for an unnamed one),
 * write section names and summaries, add self or guest instances, and delete only empty categories (core's
 * delete_categories moves the content of a non-empty one instead of refusing it).
 */

/** Every setting of the courses, by id (unknown ids left out), in id order. */
export async function findCourseRecords(ctx: MoodleContext, input: { readonly courseIds: readonly number[] }): Promise<CourseRecord[]> {
  const rows = await inBatches(chunks(distinct(input.courseIds), MAX_ITEMS.lookups), (courseids) =>
    ctx.client.call<Record<string, string | number>[]>('local_toolsync_get_courses', { courseids }, 'read'));
  return rows.map((row) => Object.fromEntries([
    ['id', Number(row.id)],
    ...COURSE_TEXT_FIELDS.map((field) => [field, String(row[field] ?? '')]),
    ...COURSE_NUMBER_FIELDS.map((field) => [field, Number(row[field] ?? 0)]),
  ]) as CourseRecord).sort((a, b) => a.id - b.id);
}

/** The sections of the courses, by course then section number; `hasname` 0 stands for a null name. */
export async function findCourseSections(ctx: MoodleContext, input: { readonly courseIds: readonly number[] }): Promise<CourseSection[]> {
  const rows = await inBatches(chunks(distinct(input.courseIds), MAX_ITEMS.lookups), (courseids) =>
    ctx.client.call<{ courseid: number; section: number; name: string; hasname: number; summary: string }[]>('local_toolsync_get_course_sections', { courseids }, 'read'));
  return rows
    .map((row) => ({ courseId: row.courseid, section: row.section, name: Number(row.hasname) ? row.name : null, summary: row.summary }))
    .sort((a, b) => a.courseId - b.courseId || a.section - b.section);
}

/** Writes the sections of courses, a course an item (the plugin applies each in its own transaction). */
export function saveCourseSections(ctx: MoodleContext, input: readonly SectionsChange[]): Promise<ItemResult<null>[]> {
  return sendPluginItems(ctx, 'local_toolsync_save_course_sections', input, (batch) => ({
    items: batch.map((change) => ({
      courseid: change.courseId, replace: change.replace ? 1 : 0, count: change.count ?? -1,
      sections: change.sections.map((section) => ({ section: section.section, name: section.name ?? '', hasname: section.name === null ? 0 : 1, summary: section.summary })),
    })),
  }), () => null, MAX_ITEMS.small);
}

/** Adds instances of plain methods (self, guest, manual) after the course's others. */
export function addEnrolInstances(ctx: MoodleContext, input: readonly NewEnrolInstance[]): Promise<ItemResult<{ id: number }>[]> {
  return sendPluginItems(ctx, 'local_toolsync_add_enrol_instances', input, (batch) => ({
    instances: batch.map((instance) => ({ courseid: instance.courseId, enrol: instance.enrol, enabled: instance.enabled ? 1 : 0, roleid: instance.roleId ?? 0 })),
  }), (answer) => ({ id: Number(answer.id) }), MAX_ITEMS.small);
}

/** Deletes categories holding no course and no sub-category, in order (a parent after its children in one call). */
export function deleteCategories(ctx: MoodleContext, input: readonly number[]): Promise<ItemResult<null>[]> {
  return sendPluginItems(ctx, 'local_toolsync_delete_categories', input, (batch) => ({ categoryids: batch }), () => null, MAX_ITEMS.small);
}
