import { COURSE_NUMBER_FIELDS, COURSE_TEXT_FIELDS, type CourseSettings, type NewCourse } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { CategoryResolver } from './upload-categories.js';
import type { CourseTask } from './upload-task.js';
import { templateSettings } from './upload-templates.js';
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

/** Creates the batch's new courses in one call: the template's settings, then the row's; then restores those from backups. */
export async function createCourses(tasks: readonly CourseTask[], platform: Platform, catalogue: CourseCatalogue): Promise<void> {
  await restoreCourses(tasks, platform, catalogue);
  const creating = tasks.filter((task) => task.live && task.fresh);
  const courses = creating.map((task): NewCourse => {
    const { fullname, shortname, idnumber, summary, format, visible, startdate, enddate, ...settings } = {
      ...(task.template ? templateSettings(task.template.content.record) : {}),
      ...task.row.settings,
    } as Record<string, string | number | undefined>;
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

/**
 * Restores the batch's `.mbz` rows into new courses (one call, the platform restores one after the other), then
 * writes the row's values onto each restored course (spec 5.5: every value but the format), in one call.
 */
async function restoreCourses(tasks: readonly CourseTask[], platform: Platform, catalogue: CourseCatalogue): Promise<void> {
  const restoring = tasks.filter((task) => task.live && task.kind === 'create' && task.backup);
  const results = await platform.run('restoreCourses', restoring.map((task) => ({
    filename: task.backup!.name.split('/').pop()!, content: task.backup!.content, categoryId: task.categoryId, fullname: task.row.fullname, shortname: task.row.shortname,
  })));
  const restored = restoring.filter((task, index) => {
    const result = results[index]!;
    if (task.refused(result)) return false;
    task.courseId = result.value.id;
    task.info('COURSES_UPLOAD_BACKUP_RESTORED', { template: task.backup!.name, platform: platform.name });
    return true;
  });
  const changes = restored.map((task) => {
    const { fullname: _fullname, shortname: _shortname, format: _format, ...set } = task.row.settings as Record<string, string | number | undefined>;
    return { task, change: { id: task.courseId, set: Object.fromEntries(Object.entries(set).filter(([, value]) => value !== undefined)) as CourseSettings } };
  }).filter(({ change }) => Object.keys(change.set).length);
  const updated = await platform.run('updateCourses', changes.map(({ change }) => change));
  changes.forEach(({ task }, index) => task.warnIfRefused(updated[index]!, 'settings'));
  // What the catalogue knows of the new course: the row's names and values (the backup's other settings are Moodle's).
  for (const task of restored) {
    const settings = task.row.settings;
    catalogue.remember({
      id: task.courseId, shortname: task.row.shortname, fullname: task.row.fullname, idnumber: String(settings.idnumber ?? ''), category: task.categoryId,
      format: String(settings.format ?? 'topics'), visible: settings.visible !== 0, startdate: Number(settings.startdate ?? 0), enddate: Number(settings.enddate ?? 0),
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
