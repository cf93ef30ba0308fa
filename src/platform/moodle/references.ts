import { reject } from '../embedded/rejections.js';
import { rejected, type ItemResult } from '../item-result.js';
import type { FindBy, NewCourse, PlatformCategory, PlatformCourse, PlatformRole, CourseLookupField, CategoryLookupField } from '../operations.js';
import { inSequence, sendAll } from './batch-semantics.js';
import { settingParams, unwritable } from './course-writes.js';
import { byId, matchesBy } from './find-by.js';
import { batchesOf, distinct, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { chunks } from './ws-batches.js';

interface WsCourse {
  readonly id: number;
  readonly shortname: string;
  readonly fullname: string;
  readonly idnumber?: string;
  readonly categoryid: number;
  readonly format?: string;
  readonly visible?: number | boolean;
  readonly startdate?: number;
  readonly enddate?: number;
}

/** Below this many shortnames, idnumbers or categories, one call per value; above, one call for every course, indexed here. */
const ONE_BY_ONE = 3;

/**
 * Courses by id (`ids`, a comma list, in chunks), shortname, idnumber or category: core_course_get_courses_by_field
 * takes one such value per call, so more than a few are resolved from one call listing every course.
 */
export async function findCourses(ctx: MoodleContext, { by }: FindBy<CourseLookupField>): Promise<PlatformCourse[]> {
  const call = (field: string, value: string) =>
    ctx.client.call<{ courses: WsCourse[] }>('core_course_get_courses_by_field', { field, value }, 'read').then((answer) => answer.courses);
  const ids = distinct((by.id ?? []).filter((id) => /^\d+$/.test(id)));
  const names = [
    ...(by.shortname ?? []).map((value) => ['shortname', value] as const),
    ...(by.idnumber ?? []).map((value) => ['idnumber', value] as const),
    ...distinct((by.category ?? []).filter((id) => /^\d+$/.test(id))).map((value) => ['category', value] as const),
  ].filter(([, value]) => value !== '');
  const lists = await Promise.all([
    ...chunks(ids, MAX_ITEMS.lookups).map((chunk) => call('ids', chunk.join(','))),
    ...(names.length > ONE_BY_ONE ? [call('', '')] : names.map(([field, value]) => call(field, value))),
  ]);
  const found = new Map(lists.flat().map((course) => [course.id, toPlatformCourse(course)]));
  // The front page (the site course, format `site`) is not a course a file can name.
  return byId([...found.values()].filter((course) => course.format !== 'site' && matchesBy(course, by)));
}

function toPlatformCourse(course: WsCourse): PlatformCourse {
  return {
    id: course.id,
    shortname: course.shortname,
    fullname: course.fullname,
    idnumber: course.idnumber ?? '',
    category: course.categoryid,
    format: course.format ?? 'topics',
    visible: course.visible === undefined ? true : Boolean(course.visible),
    startdate: course.startdate ?? 0,
    enddate: course.enddate ?? 0,
  };
}

/** core_course_create_courses (ALL, bisected); Moodle adds the default enrolment instances (manual…) itself. */
export async function createCourses(ctx: MoodleContext, input: readonly NewCourse[]): Promise<ItemResult<{ id: number }>[]> {
  const results: ItemResult<{ id: number }>[] = [];
  const sends: { index: number; course: NewCourse }[] = [];
  for (const [index, course] of input.entries()) {
    // Settings no parameter takes fail the course (times and sort order are Moodle's own, never sent).
    const refused = unwritable(course.settings ?? {}, true);
    if (refused.length) results[index] = rejected('MOODLE_SETTING_NOT_WRITABLE', `core_course_create_courses cannot write ${refused.join(', ')} (course ${course.shortname})`);
    else sends.push({ index, course });
  }
  const toParams = (batch: readonly { course: NewCourse }[]) => ({
    courses: batch.map(({ course }) => ({
      ...settingParams(course.settings ?? {}),
      fullname: course.fullname,
      shortname: course.shortname,
      categoryid: course.categoryId,
      idnumber: course.idnumber,
      summary: course.summary,
      format: course.format,
      visible: course.visible === undefined ? undefined : course.visible ? 1 : 0,
      startdate: course.startdate,
      enddate: course.enddate,
    })),
  });
  const sent = await inSequence(batchesOf(ctx, sends, toParams, MAX_ITEMS.small), (batch) =>
    sendAll('core_course_create_courses', batch, (items) => ctx.client.call<{ id: number }[]>('core_course_create_courses', toParams(items), 'write')
      .then((created) => created.map(({ id }) => ({ id }))), (exception, { course }) => {
      if (exception.errorcode === 'shortnametaken') return reject.courseShortnameTaken(course.shortname);
      if (exception.errorcode === 'courseidnumbertaken') return reject.courseIdnumberTaken(course.idnumber ?? '');
      if (/invalidrecord|categorynotexist|errorcatcontextnotvalid/.test(exception.errorcode)) return reject.categoryNotFound(course.categoryId);
      return rejected(exception.errorcode, exception.readable);
    }));
  sends.forEach(({ index }, position) => (results[index] = sent[position]!));
  return results;
}

interface WsCategory {
  readonly id: number;
  readonly name: string;
  readonly idnumber?: string;
  readonly parent: number;
  readonly path: string;
  readonly visible?: number;
}

/** Every category in one call (paths are resolved by the caller), filtered here; idnumbers need category:manage. */
export async function findCategories(ctx: MoodleContext, { by }: FindBy<CategoryLookupField>): Promise<PlatformCategory[]> {
  if (!Object.values(by).some((values) => values?.length)) return [];
  const all = await ctx.client.call<WsCategory[]>('core_course_get_categories', { criteria: [], addsubcategories: 1 }, 'read');
  const categories = all.map((category) => ({
    id: category.id,
    name: category.name,
    idnumber: category.idnumber ?? '',
    parent: category.parent,
    path: category.path,
    visible: category.visible === undefined ? true : category.visible === 1,
  }));
  return byId(categories.filter((category) => matchesBy(category, by)));
}

/** Moodle's standard role ids, the defaults when neither the companion plugin nor the role map says otherwise. */
export const STANDARD_ROLES: ReadonlyMap<string, number> = new Map([
  ['manager', 1], ['coursecreator', 2], ['editingteacher', 3], ['teacher', 4], ['student', 5], ['guest', 6], ['user', 7], ['frontpage', 8],
]);

/** Roles from the companion plugin when the site has it, else from the role map (no core function lists roles). */
export async function findRoles(ctx: MoodleContext, { by }: FindBy<'id' | 'shortname'>): Promise<PlatformRole[]> {
  const roles = ctx.has('local_toolsync_get_roles')
    ? await ctx.client.call<PlatformRole[]>('local_toolsync_get_roles', {}, 'read')
    : [...ctx.roleMap].map(([shortname, id]) => ({ id, shortname, name: shortname }));
  return byId(roles.filter((role) => matchesBy(role, by)));
}
