import type { ItemResult } from '../../src/platform/item-result.js';
import { int, listOf, text, type DoubleEnv, type WsFunctionHandler } from './double-env.js';
import { invalidParameter, moodleException } from './moodle-exceptions.js';

/**
 * Template copies by backup and restore (core_course_duplicate_course, core_course_import_course and the companion
 * plugin's replace_course_content), answered as Moodle does. What they copy is what the store holds of a course
 * (settings, sections, groups and groupings): the embedded platform's copy, made of port operations as a backup and
 * restore without users would leave them; activities and blocks have no place in the double.
 */

/** Backup options a call may set (any other name, or a value other than 0 or 1, throws invalidextparam). */
const DUPLICATE_OPTIONS = ['activities', 'blocks', 'filters', 'users', 'enrolments', 'role_assignments', 'comments', 'userscompletion', 'logs', 'grade_histories'];
const IMPORT_OPTIONS = ['activities', 'blocks', 'filters'];

function checkOptions(params: Parameters<WsFunctionHandler>[0], known: readonly string[]): void {
  for (const option of listOf(params, 'options', false)) {
    const name = text(option.name);
    if (!known.includes(name) || !['0', '1'].includes(text(option.value))) throw moodleException('invalidextparam', `Invalid extra parameter: ${name}`);
  }
}

async function checkCourse(env: DoubleEnv, id: number): Promise<void> {
  if (!(await env.store.db.selectFrom('lms_course').select('id').where('id', '=', id).executeTakeFirst())) {
    throw moodleException('invalidcourseid', 'Invalid course ID');
  }
}

function answer<T>(result: ItemResult<T> | undefined): T {
  if (!result?.ok) throw invalidParameter(result ? result.error.message : 'no answer');
  return result.value;
}

const duplicateCourse: WsFunctionHandler = async (params, env) => {
  const templateId = int(params.courseid, 'courseid');
  await checkCourse(env, templateId);
  checkOptions(params, DUPLICATE_OPTIONS);
  const shortname = text(params.shortname);
  const taken = await env.store.db.selectFrom('lms_course').select('fullname').where('shortname', '=', shortname).execute();
  if (taken.length) throw moodleException('shortnametaken', `Short name is already used for another course (${taken.map((course) => course.fullname).join(',')})`);
  const [created] = await env.platform.run('duplicateCourses', [{
    templateId, fullname: text(params.fullname), shortname, categoryId: int(params.categoryid, 'categoryid'), visible: text(params.visible ?? '1') !== '0',
  }]);
  return { id: answer(created).id, shortname };
};

const importCourse: WsFunctionHandler = async (params, env) => {
  const fromId = int(params.importfrom, 'importfrom');
  const toId = int(params.importto, 'importto');
  const deletecontent = int(params.deletecontent ?? '0', 'deletecontent');
  if (deletecontent !== 0 && deletecontent !== 1) throw moodleException('invalidextparam', `Invalid extra parameter: ${deletecontent}`);
  // With deletecontent, Moodle also removes every enrolment and role of the course: tool-sync never asks it.
  if (deletecontent === 1) throw invalidParameter('the double does not model core_course_import_course with deletecontent');
  await checkCourse(env, fromId);
  await checkCourse(env, toId);
  checkOptions(params, IMPORT_OPTIONS);
  answer((await env.platform.run('importCourseContent', [{ fromId, toId }]))[0]);
  return null;
};

const replaceCourseContent: WsFunctionHandler = async (params, env) => {
  const fromId = int(params.importfrom, 'importfrom');
  const toId = int(params.importto, 'importto');
  await checkCourse(env, fromId);
  await checkCourse(env, toId);
  answer((await env.platform.run('replaceCourseContent', [{ fromId, toId }]))[0]);
  return null;
};

export const COURSE_COPY_FUNCTIONS: Record<string, WsFunctionHandler> = {
  core_course_duplicate_course: duplicateCourse,
  core_course_import_course: importCourse,
  local_toolsync_replace_course_content: replaceCourseContent,
};
