import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import { inSequence, refusedBy, sendAll, sendItems } from './batch-semantics.js';
import { batchesOf, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { MoodleException } from './ws-exception.js';

/**
 * Course and category writes beyond creation: ready for the operations of the port the courses processor brings
 * (not in this branch yet), each answering one ItemResult per item in order.
 */

/** A change to a course: only the fields given are sent (each needs its own capability in Moodle). */
export interface CourseChange {
  readonly id: number;
  readonly set: {
    readonly fullname?: string;
    readonly shortname?: string;
    readonly idnumber?: string;
    readonly categoryId?: number;
    readonly summary?: string;
    readonly format?: string;
    readonly visible?: boolean;
    readonly startdate?: number;
    readonly enddate?: number;
  };
}

interface Warning {
  readonly itemid?: number;
  readonly warningcode: string;
  readonly message: string;
}

/** core_course_update_courses (ITEM: refusals as warnings by course id). */
export async function updateCourses(ctx: MoodleContext, changes: readonly CourseChange[]): Promise<ItemResult<null>[]> {
  const toParams = (batch: readonly CourseChange[]) => ({
    courses: batch.map(({ id, set }) => ({
      id, fullname: set.fullname, shortname: set.shortname, idnumber: set.idnumber, categoryid: set.categoryId, summary: set.summary,
      format: set.format, visible: set.visible === undefined ? undefined : set.visible ? 1 : 0, startdate: set.startdate, enddate: set.enddate,
    })),
  });
  return inSequence(batchesOf(ctx, changes, toParams, MAX_ITEMS.small), (batch) => sendItems(batch, async (items) => {
    const answer = await ctx.client.call<{ warnings?: Warning[] }>('core_course_update_courses', toParams(items), 'write');
    return byWarnings(items.map((item) => item.id), answer?.warnings ?? []).map((result, index) => {
      if (result.ok) return result;
      const { set } = items[index]!;
      if (result.error.code === 'shortnametaken') return reject.courseShortnameTaken(set.shortname ?? '');
      if (result.error.code === 'courseidnumbertaken') return reject.courseIdnumberTaken(set.idnumber ?? '');
      return result;
    });
  }));
}

/** core_course_delete_courses (ITEM), a few courses a call: Moodle deletes synchronously and slowly. */
export async function deleteCourses(ctx: MoodleContext, ids: readonly number[]): Promise<ItemResult<null>[]> {
  const toParams = (batch: readonly number[]) => ({ courseids: batch });
  return inSequence(batchesOf(ctx, ids, toParams, 5), (batch) => sendItems(batch, async (items) => {
    const answer = await ctx.client.call<{ warnings?: Warning[] }>('core_course_delete_courses', toParams(items), 'write');
    return byWarnings(items, answer?.warnings ?? []);
  }));
}

function byWarnings(ids: readonly number[], warnings: readonly Warning[]): ItemResult<null>[] {
  const byId = new Map(warnings.map((warning) => [warning.itemid, warning]));
  return ids.map((id) => {
    const warning = byId.get(id);
    if (!warning) return succeeded(null);
    // An unknown id: update_courses's MUST_EXIST lookup fails (invalidrecord), delete_courses says unknowncourseidnumber.
    return ['unknowncourseidnumber', 'invalidcourseid', 'invalidrecord'].includes(warning.warningcode) ? reject.courseNotFound(id) : rejected(warning.warningcode, warning.message);
  });
}

/** A category to create under `parentId` (0 for the top). */
export interface NewCategory {
  readonly name: string;
  readonly parentId: number;
  readonly idnumber?: string;
}

/** core_course_create_categories (ALL, bisected). Parents must exist: create a path level by level. */
export async function createCategories(ctx: MoodleContext, categories: readonly NewCategory[]): Promise<ItemResult<{ id: number }>[]> {
  const toParams = (batch: readonly NewCategory[]) => ({ categories: batch.map((category) => ({ name: category.name, parent: category.parentId, idnumber: category.idnumber })) });
  return inSequence(batchesOf(ctx, categories, toParams, MAX_ITEMS.small), (batch) =>
    sendAll('core_course_create_categories', batch, (items) =>
      ctx.client.call<{ id: number }[]>('core_course_create_categories', toParams(items), 'write').then((created) => created.map(({ id }) => ({ id }))),
    (exception, category) => (exception.missingTable || /parent|categor/i.test(exception.debuginfo ?? '') ? reject.categoryNotFound(category.parentId) : refusedBy(exception))));
}

/** A new course copied from a template course. */
export interface CourseCopy {
  readonly templateId: number;
  readonly fullname: string;
  readonly shortname: string;
  readonly categoryId: number;
  readonly visible?: boolean;
}

/**
 * core_course_duplicate_course, one course at a time (a full backup and restore, minutes for a big course), without
 * users. idnumber, dates and summary are set afterwards with updateCourses.
 */
export async function duplicateCourses(ctx: MoodleContext, copies: readonly CourseCopy[]): Promise<ItemResult<{ id: number }>[]> {
  const results: ItemResult<{ id: number }>[] = [];
  for (const copy of copies) {
    const [result] = await sendItems([copy], async () => {
      try {
        const { id } = await ctx.client.call<{ id: number }>('core_course_duplicate_course', {
          courseid: copy.templateId, fullname: copy.fullname, shortname: copy.shortname, categoryid: copy.categoryId, visible: copy.visible ?? true,
          options: [{ name: 'users', value: 0 }, { name: 'role_assignments', value: 0 }, { name: 'enrolments', value: 0 }],
        }, 'write');
        return [succeeded({ id })];
      } catch (error) {
        if (!(error instanceof MoodleException)) throw error;
        if (error.errorcode === 'shortnametaken') return [reject.courseShortnameTaken(copy.shortname)];
        return [error.missingTable === 'course' ? reject.courseNotFound(copy.templateId) : refusedBy(error)];
      }
    });
    results.push(result!);
  }
  return results;
}

/** core_course_import_course: the template's content into an existing course (no user data), one at a time. */
export async function importCourses(ctx: MoodleContext, imports: readonly { readonly fromId: number; readonly toId: number; readonly deleteContent: boolean }[]): Promise<ItemResult<null>[]> {
  const results: ItemResult<null>[] = [];
  for (const item of imports) {
    const [result] = await sendItems([item], async () => {
      try {
        await ctx.client.call<null>('core_course_import_course', { importfrom: item.fromId, importto: item.toId, deletecontent: item.deleteContent ? 1 : 0 }, 'write');
        return [succeeded(null)];
      } catch (error) {
        if (!(error instanceof MoodleException)) throw error;
        return [refusedBy(error)];
      }
    });
    results.push(result!);
  }
  return results;
}
