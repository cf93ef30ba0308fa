import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';
import { checkKeys, int, listOf, scalarsOf, text, type WsFunctionHandler } from './double-env.js';
import { invalidParameter, missingRecord } from './moodle-exceptions.js';

type Db = Kysely<Database>;

const courseExists = async (db: Db, id: number) => Boolean(await db.selectFrom('lms_course').select('id').where('id', '=', id).executeTakeFirst());

/** Parameters of core_course_update_courses by the setting they write (`categoryid` is `category`, `forcetheme` is `theme`). */
const UPDATE_TEXT = { fullname: 'fullname', shortname: 'shortname', idnumber: 'idnumber', summary: 'summary', format: 'format', lang: 'lang', forcetheme: 'theme' } as const;
const UPDATE_NUMBER = {
  categoryid: 'category', showgrades: 'showgrades', newsitems: 'newsitems', startdate: 'startdate', enddate: 'enddate', maxbytes: 'maxbytes',
  showreports: 'showreports', visible: 'visible', groupmode: 'groupmode', groupmodeforce: 'groupmodeforce', defaultgroupingid: 'defaultgroupingid',
  enablecompletion: 'enablecompletion',
} as const;
/** The warning codes of update_course's exceptions, by the embedded rule that refused. */
const UPDATE_WARNINGS: Record<string, string> = {
  PLATFORM_COURSE_NOT_FOUND: 'invalidrecord', PLATFORM_COURSE_SHORTNAME_TAKEN: 'shortnametaken', PLATFORM_COURSE_IDNUMBER_TAKEN: 'courseidnumbertaken',
  PLATFORM_CATEGORY_NOT_FOUND: 'unknowncategory',
};

/** core_course_update_courses: ITEM, each course in its own try (the embedded rules); refusals as warnings naming the course. */
const updateCourses: WsFunctionHandler = async (params, env) => {
  const warnings: { item: string; itemid: number; warningcode: string; message: string }[] = [];
  for (const item of listOf(params, 'courses')) {
    checkKeys(item, ['id'], ['fullname', 'shortname', 'categoryid', 'idnumber', 'summary', 'summaryformat', 'format', 'showgrades', 'newsitems', 'startdate',
      'enddate', 'numsections', 'maxbytes', 'showreports', 'visible', 'hiddensections', 'groupmode', 'groupmodeforce', 'defaultgroupingid',
      'enablecompletion', 'completionnotify', 'lang', 'forcetheme', 'courseformatoptions', 'customfields']);
    const id = int(item.id, 'id');
    const set: Record<string, string | number> = {};
    for (const [param, field] of Object.entries(UPDATE_TEXT)) if (item[param] !== undefined) set[field] = text(item[param]);
    for (const [param, field] of Object.entries(UPDATE_NUMBER)) if (item[param] !== undefined) set[field] = int(item[param], param);
    for (const option of listOf(item, 'courseformatoptions', false)) if (text(option.name) === 'coursedisplay') set.coursedisplay = int(option.value, 'value');
    // update_course keeps visibleold in step with visible.
    if (set.visible !== undefined) set.visibleold = set.visible;
    const [result] = await env.platform.run('updateCourses', [{ id, set }]);
    if (result && !result.ok) warnings.push({ item: 'course', itemid: id, warningcode: UPDATE_WARNINGS[result.error.code] ?? 'errorupdatingcourse', message: result.error.message });
  }
  return { warnings };
};

/** core_course_delete_courses: ITEM; an unknown id is a warning. The course goes as delete_course takes it (the embedded rules). */
const deleteCourses: WsFunctionHandler = async (params, env) => {
  const warnings: { item: string; itemid: number; warningcode: string; message: string }[] = [];
  for (const id of scalarsOf(params, 'courseids').map((value) => int(value, 'courseids'))) {
    if (!(await courseExists(env.store.db, id))) {
      warnings.push({ item: 'course', itemid: id, warningcode: 'unknowncourseidnumber', message: 'Unknown course ID' });
      continue;
    }
    await env.platform.run('deleteCourses', [id]);
  }
  return { warnings };
};

/** core_course_create_categories: ALL; a parent must exist, an idnumber be free. */
const createCategories: WsFunctionHandler = async (params, env) => {
  const items = listOf(params, 'categories').map((item) => {
    checkKeys(item, ['name'], ['parent', 'idnumber', 'description', 'descriptionformat', 'theme']);
    return { name: text(item.name), parent: item.parent === undefined ? 0 : int(item.parent, 'parent'), idnumber: text(item.idnumber) };
  });
  return env.store.db.transaction().execute(async (trx) => {
    const created: { id: number; name: string }[] = [];
    for (const item of items) {
      const parent = item.parent ? await trx.selectFrom('lms_course_categories').select(['id', 'path']).where('id', '=', item.parent).executeTakeFirst() : { id: 0, path: '' };
      if (!parent) throw missingRecord('course_categories');
      if (item.idnumber && (await trx.selectFrom('lms_course_categories').select('id').where('idnumber', '=', item.idnumber).executeTakeFirst())) {
        throw invalidParameter('Idnumber is already used for another category');
      }
      const { id } = await trx.insertInto('lms_course_categories')
        .values({ name: item.name, idnumber: item.idnumber, parent: item.parent, depth: parent.path.split('/').length, path: '' })
        .returning('id').executeTakeFirstOrThrow();
      await trx.updateTable('lms_course_categories').set({ path: `${parent.path}/${id}` }).where('id', '=', id).execute();
      await trx.insertInto('lms_context').values({ contextlevel: 40, instanceid: id }).execute();
      created.push({ id, name: item.name });
    }
    return created;
  });
};

export const CORE_COURSE_WRITE_FUNCTIONS: Record<string, WsFunctionHandler> = {
  core_course_update_courses: updateCourses,
  core_course_delete_courses: deleteCourses,
  core_course_create_categories: createCategories,
};
