import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';
import { checkKeys, int, listOf, scalarsOf, text, type WsFunctionHandler } from './double-env.js';
import { invalidParameter, missingRecord, moodleException } from './moodle-exceptions.js';

type Db = Kysely<Database>;

const courseExists = async (db: Db, id: number) => Boolean(await db.selectFrom('lms_course').select('id').where('id', '=', id).executeTakeFirst());

/** core_course_update_courses: ITEM, each course in its own try; refusals as warnings naming the course. */
const updateCourses: WsFunctionHandler = async (params, env) => {
  const warnings: { item: string; itemid: number; warningcode: string; message: string }[] = [];
  for (const item of listOf(params, 'courses')) {
    checkKeys(item, ['id'], ['fullname', 'shortname', 'categoryid', 'idnumber', 'summary', 'summaryformat', 'format', 'showgrades', 'newsitems', 'startdate',
      'enddate', 'numsections', 'maxbytes', 'showreports', 'visible', 'hiddensections', 'groupmode', 'groupmodeforce', 'defaultgroupingid',
      'enablecompletion', 'completionnotify', 'lang', 'forcetheme', 'courseformatoptions', 'customfields']);
    const id = int(item.id, 'id');
    const warn = (warningcode: string, message: string) => warnings.push({ item: 'course', itemid: id, warningcode, message });
    if (!(await courseExists(env.store.db, id))) {
      warn('invalidrecord', "Can't find data record in database table course.");
      continue;
    }
    const taken = async (column: 'shortname' | 'idnumber', value: string) =>
      value !== '' && Boolean(await env.store.db.selectFrom('lms_course').select('id').where(column, '=', value).where('id', '!=', id).executeTakeFirst());
    if (item.shortname !== undefined && (await taken('shortname', text(item.shortname)))) {
      warn('shortnametaken', `Short name is already used for another course (${text(item.shortname)})`);
      continue;
    }
    if (item.idnumber !== undefined && (await taken('idnumber', text(item.idnumber)))) {
      warn('courseidnumbertaken', `ID number is already used for another course (${text(item.idnumber)})`);
      continue;
    }
    const set: Record<string, string | number> = {};
    for (const key of ['fullname', 'shortname', 'idnumber', 'summary', 'format'] as const) if (item[key] !== undefined) set[key] = text(item[key]);
    for (const key of ['startdate', 'enddate', 'visible'] as const) if (item[key] !== undefined) set[key] = int(item[key], key);
    if (item.categoryid !== undefined) set.category = int(item.categoryid, 'categoryid');
    if (Object.keys(set).length) await env.store.db.updateTable('lms_course').set(set).where('id', '=', id).execute();
  }
  return { warnings };
};

/** core_course_delete_courses: ITEM; an unknown id is a warning. The course goes with its instances and enrolments. */
const deleteCourses: WsFunctionHandler = async (params, env) => {
  const warnings: { item: string; itemid: number; warningcode: string; message: string }[] = [];
  for (const id of scalarsOf(params, 'courseids').map((value) => int(value, 'courseids'))) {
    if (!(await courseExists(env.store.db, id))) {
      warnings.push({ item: 'course', itemid: id, warningcode: 'unknowncourseidnumber', message: 'Unknown course ID' });
      continue;
    }
    const instances = (await env.store.db.selectFrom('lms_enrol').select('id').where('courseid', '=', id).execute()).map((row) => row.id);
    await env.platform.run('deleteEnrolInstances', instances);
    await env.platform.run('deleteGroups', (await env.platform.run('findGroups', { courseIds: [id] })).map((group) => group.id));
    await env.store.db.deleteFrom('lms_course').where('id', '=', id).execute();
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

/** core_course_duplicate_course: a new course from a template (the double copies the course row, not its content). */
const duplicateCourse: WsFunctionHandler = async (params, env) => {
  const template = await env.store.db.selectFrom('lms_course').selectAll().where('id', '=', int(params.courseid, 'courseid')).executeTakeFirst();
  if (!template) throw missingRecord('course');
  const shortname = text(params.shortname);
  if (await env.store.db.selectFrom('lms_course').select('id').where('shortname', '=', shortname).executeTakeFirst()) {
    throw moodleException('shortnametaken', `Short name is already used for another course (${shortname})`);
  }
  const [created] = await env.platform.run('createCourses', [{
    fullname: text(params.fullname), shortname, categoryId: int(params.categoryid, 'categoryid'), summary: template.summary, format: template.format,
    visible: text(params.visible) !== '0',
  }]);
  if (!created?.ok) throw invalidParameter(created ? created.error.message : 'no course');
  return { id: created.value.id, shortname };
};

/** core_course_import_course: both courses must exist (the double imports no content). */
const importCourse: WsFunctionHandler = async (params, env) => {
  for (const key of ['importfrom', 'importto'] as const) if (!(await courseExists(env.store.db, int(params[key], key)))) throw missingRecord('course');
  return null;
};

export const CORE_COURSE_WRITE_FUNCTIONS: Record<string, WsFunctionHandler> = {
  core_course_update_courses: updateCourses,
  core_course_delete_courses: deleteCourses,
  core_course_create_categories: createCategories,
  core_course_duplicate_course: duplicateCourse,
  core_course_import_course: importCourse,
};
