import { COURSE_NUMBER_FIELDS, COURSE_TEXT_FIELDS, type CourseRestore, type CourseSettings, type NewCourse } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { CategoryResolver } from './upload-categories.js';
import type { CourseTask } from './upload-task.js';
import type { CourseCatalogue } from './upload-catalogue.js';

/** Resolves the categories the batch's rows ask for, creating missing path levels; the first row through a created level reports it. */
export async function writeCategories(tasks: readonly CourseTask[], resolver: CategoryResolver): Promise<void> {
  const asking = tasks.filter((task) => task.live && task.category);
  await resolver.resolve(asking.map((task) => task.category!));
  for (const task of asking) {
    const answer = resolver.take(task.category!);
    if (!answer.ok) {
      task.fail(answer.code, { shortname: task.row.shortname, ...answer.params }, 'category');
      continue;
    }
    task.categoryId = answer.id;
    task.categoryLabel = answer.label;
    for (const path of answer.created) task.info('COURSES_UPLOAD_CATEGORY_CREATED', { path }, 'category.created');
  }
}

/**
 * Creates the batch's new courses: those from backups restored, those from template courses copied, the others
 * created in one call with the row's settings.
 */
export async function createCourses(tasks: readonly CourseTask[], platform: Platform, catalogue: CourseCatalogue): Promise<void> {
  await restoreCourses(tasks, platform, catalogue);
  await duplicateCourses(tasks, platform, catalogue);
  const creating = tasks.filter((task) => task.live && task.fresh);
  const courses = creating.map((task): NewCourse => {
    const { fullname, shortname, idnumber, summary, format, visible, startdate, enddate, ...settings } = task.row.settings as Record<string, string | number | undefined>;
    return {
      fullname: String(fullname),
      shortname: String(shortname),
      categoryId: task.categoryId,
      ...(idnumber !== undefined ? { idnumber: String(idnumber) } : {}),
      ...(summary !== undefined ? { summary: String(summary) } : {}),
      ...(format !== undefined ? { format: String(format) } : {}),
      ...(visible !== undefined ? { visible: visible === 1 } : {}),
      ...(startdate !== undefined ? { startdate: Number(startdate) } : { startdate: Math.floor(Date.now() / 1000) }),
      ...(enddate !== undefined ? { enddate: Number(enddate) } : {}),
      settings: settings as CourseSettings,
    };
  });
  const results = await platform.run('createCourses', courses);
  creating.forEach((task, index) => {
    const result = results[index]!;
    if (task.refused(result)) return;
    task.courseId = result.value.id;
    const course = courses[index]!;
    catalogue.remember({
      id: result.value.id,
      shortname: course.shortname,
      fullname: course.fullname,
      idnumber: course.idnumber ?? '',
      category: course.categoryId,
      format: course.format ?? 'topics',
      visible: course.visible !== false,
      startdate: course.startdate ?? 0,
      enddate: course.enddate ?? 0,
    });
  });
}

/** Restores the batch's `.mbz` rows into new courses (one call, the platform restores one after the other). */
async function restoreCourses(tasks: readonly CourseTask[], platform: Platform, catalogue: CourseCatalogue): Promise<void> {
  const restoring = tasks.filter((task) => task.live && task.kind === 'create' && task.backup);
  const results = await platform.run('restoreCourses', restoring.map((task) => restoreOf(task)));
  const restored = restoring.filter((task, index) => {
    if (task.refused(results[index]!)) return false;
    task.courseId = results[index]!.value.id;
    task.info('COURSES_UPLOAD_BACKUP_RESTORED', { template: task.backup!.name, platform: platform.name });
    return true;
  });
  await writeRowValues(restored, platform, catalogue, (task) => String(task.row.settings.format ?? 'topics'), (task) => task.row.settings.visible !== 0);
}

/**
 * Restores the `.mbz` of the batch's existing courses into them (one call): the backup's content added to theirs,
 * or in place of it, per courses_template_mode; their users, groups and methods stay.
 */
export async function restoreIntoCourses(tasks: readonly CourseTask[], platform: Platform): Promise<void> {
  const restoring = tasks.filter((task) => task.live && task.kind === 'update' && task.backup);
  const results = await platform.run('restoreCourses', restoring.map((task) => restoreOf(task, { courseId: task.courseId, replace: task.backup!.use === 'replace' })));
  restoring.forEach((task, index) => {
    const { name, use } = task.backup!;
    if (task.warnIfRefused(results[index]!, `template ${name}`)) return;
    task.info(use === 'replace' ? 'COURSES_UPLOAD_BACKUP_REPLACED' : 'COURSES_UPLOAD_BACKUP_ADDED', { template: name, platform: platform.name });
    task.changed('template');
  });
}

function restoreOf(task: CourseTask, into?: CourseRestore['into']): CourseRestore {
  const { name, content } = task.backup!;
  return { filename: name.split('/').pop()!, content, categoryId: task.categoryId, fullname: task.row.fullname, shortname: task.row.shortname, ...(into ? { into } : {}) };
}

/** Copies the template courses of the batch's rows into new courses (one call, the platform copies one after the other). */
async function duplicateCourses(tasks: readonly CourseTask[], platform: Platform, catalogue: CourseCatalogue): Promise<void> {
  const copying = tasks.filter((task) => task.live && task.kind === 'create' && task.template);
  const visible = (task: CourseTask) => (task.row.settings.visible ?? task.template!.content.record.visible) === 1;
  const results = await platform.run('duplicateCourses', copying.map((task) => ({
    templateId: task.template!.content.record.id, fullname: task.row.fullname, shortname: task.row.shortname, categoryId: task.categoryId, visible: visible(task),
  })));
  const copied = copying.filter((task, index) => {
    if (task.refused(results[index]!)) return false;
    task.courseId = results[index]!.value.id;
    return true;
  });
  await writeRowValues(copied, platform, catalogue, (task) => task.template!.content.record.format, visible);
}

/**
 * Writes the row's values onto courses made from a backup or a template (spec 5.5: every value but the format,
 * which stays the copy's), in one call, and tells the catalogue the course.
 */
async function writeRowValues(
  tasks: readonly CourseTask[],
  platform: Platform,
  catalogue: CourseCatalogue,
  copiedFormat: (task: CourseTask) => string,
  visible: (task: CourseTask) => boolean,
): Promise<void> {
  const changes = tasks.map((task) => {
    const { fullname: _fullname, shortname: _shortname, format: _format, ...set } = task.row.settings as Record<string, string | number | undefined>;
    return { task, change: { id: task.courseId, set: Object.fromEntries(Object.entries(set).filter(([, value]) => value !== undefined)) as CourseSettings } };
  }).filter(({ change }) => Object.keys(change.set).length);
  const updated = await platform.run('updateCourses', changes.map(({ change }) => change));
  changes.forEach(({ task }, index) => task.warnIfRefused(updated[index]!, 'settings'));
  // What the catalogue knows of the new course: the row's names and values (the copy's other settings are the platform's).
  for (const task of tasks) {
    const settings = task.row.settings;
    catalogue.remember({
      id: task.courseId, shortname: task.row.shortname, fullname: task.row.fullname, idnumber: String(settings.idnumber ?? ''), category: task.categoryId,
      format: copiedFormat(task), visible: visible(task), startdate: Number(settings.startdate ?? 0), enddate: Number(settings.enddate ?? 0),
    });
  }
}

/**
 * Updates the batch's existing courses with the settings their rows give that differ (absent columns leave the
 * course as it is: decision 39), and the category when the row moves it; one call for the batch.
 */
export async function updateCourses(tasks: readonly CourseTask[], platform: Platform, catalogue: CourseCatalogue): Promise<void> {
  const updating = tasks.filter((task) => task.live && task.kind === 'update');
  const records = new Map((await platform.run('findCourseRecords', { courseIds: updating.map((task) => task.courseId) })).map((record) => [record.id, record]));
  const changes = updating.flatMap((task) => {
    const record = records.get(task.courseId);
    if (!record) {
      task.fail('COURSES_UPLOAD_PLATFORM_REJECTED', { action: 'update', shortname: task.row.shortname, reason: `No course with id ${task.courseId}` });
      return [];
    }
    task.record = record;
    const set: Record<string, string | number> = {};
    const wanted: Record<string, string | number | undefined> = { ...task.row.settings, ...(task.category ? { category: task.categoryId } : {}) };
    for (const field of [...COURSE_TEXT_FIELDS, ...COURSE_NUMBER_FIELDS]) {
      const value = wanted[field];
      if (value === undefined || value === record[field]) continue;
      set[field] = value;
      task.changed(field);
    }
    return Object.keys(set).length ? [{ task, change: { id: task.courseId, set: set as CourseSettings } }] : [];
  });
  const results = await platform.run('updateCourses', changes.map(({ change }) => change));
  changes.forEach(({ task, change }, index) => {
    if (task.refused(results[index]!)) return;
    const before = task.existing!;
    const after = { ...task.record!, ...change.set };
    catalogue.remember(
      { ...before, shortname: after.shortname, fullname: after.fullname, idnumber: after.idnumber, category: after.category, format: after.format, visible: after.visible === 1 },
      before,
    );
  });
}
