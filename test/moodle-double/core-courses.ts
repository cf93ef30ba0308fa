import type { CourseSettings } from '../../src/platform/course-record.js';
import type { NewCourse } from '../../src/platform/operations.js';
import { allOrNothing, checkKeys, int, listOf, text, type WsFunctionHandler } from './double-env.js';
import { invalidParameter, moodleException } from './moodle-exceptions.js';
import type { PhpValue } from './php-form.js';

/** core_course_get_courses_by_field: one field and one value per call ('' for every course, `ids` a comma list). */
const coursesByField: WsFunctionHandler = async (params, env) => {
  const field = text(params.field);
  const value = text(params.value);
  let query = env.store.db.selectFrom('lms_course').selectAll();
  if (field === 'id') query = query.where('id', '=', int(value, 'value'));
  else if (field === 'ids') query = query.where('id', 'in', value.split(',').map((id) => int(id, 'value')));
  else if (field === 'shortname' || field === 'idnumber') query = query.where(field, '=', value);
  else if (field === 'category') query = query.where('category', '=', int(value, 'value'));
  else if (field !== '') throw invalidParameter(`Invalid field name ${field}`);
  const rows = await query.orderBy('id').execute();
  return {
    courses: rows.map((row) => ({
      id: row.id, fullname: row.fullname, displayname: row.fullname, shortname: row.shortname, categoryid: row.category, idnumber: row.idnumber,
      format: row.format, visible: row.visible, startdate: row.startdate, enddate: row.enddate, summary: '', summaryformat: 1, enrollmentmethods: [], customfields: [],
    })),
    warnings: [],
  };
};

/** The further settings a course item of create_courses or update_courses carries, under the port's names. */
export function courseSettingsOf(item: Record<string, PhpValue>): CourseSettings {
  const set: Record<string, string | number> = {};
  for (const [param, field] of Object.entries({ lang: 'lang', forcetheme: 'theme' })) if (item[param] !== undefined) set[field] = text(item[param]);
  for (const param of ['showgrades', 'newsitems', 'maxbytes', 'showreports', 'groupmode', 'groupmodeforce', 'defaultgroupingid', 'enablecompletion']) {
    if (item[param] !== undefined) set[param] = int(item[param], param);
  }
  for (const option of listOf(item, 'courseformatoptions', false)) if (text(option.name) === 'coursedisplay') set.coursedisplay = int(option.value, 'value');
  return set;
}

/** core_course_create_courses: ALL; a taken shortname or idnumber throws and rolls back the whole call. */
const createCourses: WsFunctionHandler = async (params, env) => {
  const courses: NewCourse[] = listOf(params, 'courses').map((item) => {
    checkKeys(item, ['fullname', 'shortname', 'categoryid'], ['idnumber', 'summary', 'summaryformat', 'format', 'showgrades', 'newsitems', 'startdate', 'enddate',
      'numsections', 'maxbytes', 'showreports', 'visible', 'hiddensections', 'groupmode', 'groupmodeforce', 'defaultgroupingid', 'enablecompletion',
      'completionnotify', 'lang', 'forcetheme', 'courseformatoptions', 'customfields']);
    return {
      fullname: text(item.fullname), shortname: text(item.shortname), categoryId: int(item.categoryid, 'categoryid'),
      ...(item.idnumber !== undefined ? { idnumber: text(item.idnumber) } : {}),
      ...(item.summary !== undefined ? { summary: text(item.summary) } : {}),
      ...(item.format !== undefined ? { format: text(item.format) } : {}),
      ...(item.visible !== undefined ? { visible: text(item.visible) === '1' } : {}),
      ...(item.startdate !== undefined ? { startdate: int(item.startdate, 'startdate') } : {}),
      ...(item.enddate !== undefined ? { enddate: int(item.enddate, 'enddate') } : {}),
      settings: courseSettingsOf(item),
    };
  });
  const results = await allOrNothing(env, 'createCourses', courses, (error, index) => {
    const course = courses[index]!;
    if (error.code === 'PLATFORM_COURSE_SHORTNAME_TAKEN') return moodleException('shortnametaken', `Short name is already used for another course (${course.shortname})`);
    if (error.code === 'PLATFORM_COURSE_IDNUMBER_TAKEN') return moodleException('courseidnumbertaken', `ID number is already used for another course (${course.idnumber})`);
    if (error.code === 'PLATFORM_CATEGORY_NOT_FOUND') {
      return moodleException('errorcatcontextnotvalid', `You cannot execute functions in the category context (category id: ${course.categoryId}). The context error message was: Context does not exist`);
    }
    return invalidParameter(error.message);
  });
  return results.map((result, index) => ({ id: result.ok ? result.value.id : 0, shortname: courses[index]!.shortname }));
};

/** core_course_get_categories with no criteria: every category. */
const categories: WsFunctionHandler = async (_params, env) => {
  const rows = await env.store.db.selectFrom('lms_course_categories').selectAll().orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id, name: row.name, idnumber: row.idnumber, description: '', descriptionformat: 1, parent: row.parent, sortorder: row.id,
    coursecount: 0, visible: row.visible, depth: row.depth, path: row.path,
  }));
};

export const CORE_COURSE_FUNCTIONS: Record<string, WsFunctionHandler> = {
  core_course_get_courses_by_field: coursesByField,
  core_course_create_courses: createCourses,
  core_course_get_categories: categories,
};
