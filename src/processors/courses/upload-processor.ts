import type { CsvRow } from '../../csv/reader.js';
import { createDateReader } from '../dates.js';
import { RoleLookup } from '../lookups.js';
import { PendingKeys } from '../pending-keys.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../processor.js';
import { CategoryResolver, type CategoryMode } from './upload-categories.js';
import { copyTemplates, writeSections } from './upload-content.js';
import { writeMethods } from './upload-methods.js';
import type { CourseTask } from './upload-task.js';
import { TeacherMatches } from './upload-teachers.js';
import { BackupFiles, isBackupName, TemplateLibrary } from './upload-templates.js';
import { createCourses, restoreIntoCourses, updateCourses, writeCategories } from './upload-writes.js';
import { CourseCatalogue } from './upload-catalogue.js';
import { courseUploadField, coursesColumns } from './upload-columns.js';
import { UPLOAD_COURSES_MESSAGES } from './upload-messages.js';
import { planRow, type PlanContext } from './upload-plan.js';
import { readCourseRow, rowLayout, type CourseRow } from './upload-row.js';
import { failedRow } from '../row-problems.js';

/** The course creation and update file (spec 5.3–5.6, as corrected by decisions 35–39 and 47). */
export const coursesCreateAction: ProcessorAction = {
  processor: 'courses',
  action: 'create',
  locationSetting: 'courses_fileuploadlocation',
  defaultFile: 'uploadcourses.csv',
  columns: coursesColumns,
  messages: UPLOAD_COURSES_MESSAGES,
  process: processCourses,
};

async function* processCourses(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const { settings, platform } = context;
  const field = courseUploadField(settings);
  const layout = rowLayout(context.columns);
  const readDate = memoized(createDateReader(settings.text('dates_timezone')).read);
  const catalogue = new CourseCatalogue(platform);
  const templates = new TemplateLibrary(platform);
  const backups = new BackupFiles(context.readAreaFile);
  const roles = new RoleLookup(platform);
  const resolver = new CategoryResolver(platform, settings.bool('courses_newcategoriesvisible'));
  const base = {
    field,
    forceUpdate: settings.bool('courses_forceupdate'),
    protectCategory: settings.bool('courses_protectcategory'),
    templateMode: Number(settings.choice('courses_template_mode')),
    categoryMode: settings.choice('courses_coursecategoryidentifier') as CategoryMode,
    defaultCategory: settings.text('courses_defaultcategory').trim(),
    platformName: platform.name,
    restoresBackups: platform.capabilities.supportsMbzTemplates,
    backups,
    catalogue,
    templates,
    roles,
  };

  for await (const batch of batches) {
    const outcomes: RowOutcome[] = [];
    const rows: CourseRow[] = [];
    for (const row of batch) {
      const read = readCourseRow(row, field, layout, readDate);
      if (Array.isArray(read)) outcomes.push(failedRow(row, read, 'course'));
      else rows.push(read);
    }
    const templateNames = rows.map((row) => row.template).filter((name) => name !== '' && !isBackupName(name));
    if (platform.capabilities.supportsMbzTemplates) await backups.load(rows.map((row) => row.template).filter(isBackupName));
    await catalogue.load({
      [field]: rows.map((row) => row.identifier),
      shortname: [...rows.map((row) => row.shortname), ...templateNames],
      idnumber: rows.map((row) => String(row.settings.idnumber ?? '')),
    });
    await templates.load(templateNames.flatMap((name) => catalogue.find('shortname', name)?.id ?? []));
    await roles.load(rows.flatMap((row) => row.teachers.map((teacher) => teacher.role)));
    const plan: PlanContext = { ...base, teachers: await TeacherMatches.find(platform, rows.flatMap((row) => row.teachers.map((teacher) => teacher.account))) };

    const pending = new PendingKeys();
    let tasks: CourseTask[] = [];
    const flush = async () => {
      await writeTasks(tasks, context, resolver, catalogue);
      pending.flushed();
      for (const task of tasks) outcomes.push(task.outcome());
      tasks = [];
    };
    for (const row of rows) {
      // A row naming a course an earlier row of the batch creates or renames (as its course or its template) waits for that write.
      const keys = [`${field}:${row.identifier}`, `shortname:${row.shortname}`];
      if (row.settings.idnumber) keys.push(`idnumber:${row.settings.idnumber}`);
      if (row.template) keys.push(`shortname:${row.template}`);
      if (pending.queued(keys)) await flush();
      const template = row.template ? catalogue.find('shortname', row.template) : null;
      if (template && !templates.get(template.id)) await templates.load([template.id]);
      let task = planRow(row, plan);
      if (task.existing && pending.queued([`id:${task.existing.id}`])) {
        await flush();
        task = planRow(row, plan);
      }
      if (task.existing) keys.push(`id:${task.existing.id}`, `shortname:${task.existing.shortname}`);
      if (task.existing?.idnumber) keys.push(`idnumber:${task.existing.idnumber}`);
      tasks.push(task);
      pending.add(keys);
    }
    await flush();
    yield outcomes;
  }
}

/** The writes of a batch's rows, one platform call per kind: categories, courses, templates' content, sections, methods, teachers. */
async function writeTasks(tasks: readonly CourseTask[], context: ProcessorContext, resolver: CategoryResolver, catalogue: CourseCatalogue): Promise<void> {
  const { platform } = context;
  await writeCategories(tasks, resolver);
  await createCourses(tasks, platform, catalogue);
  await updateCourses(tasks, platform, catalogue);
  await restoreIntoCourses(tasks, platform);
  const counts = await copyTemplates(tasks, platform);
  await writeSections(tasks, platform);
  await writeMethods(tasks, platform, counts);
  for (const [task, { sections, groups, groupings, methods, copied }] of counts) {
    if (!task.live || !copied) continue;
    const code = { new: 'COURSES_UPLOAD_TEMPLATE_COPIED', add: 'COURSES_UPLOAD_TEMPLATE_ADDED', replace: 'COURSES_UPLOAD_TEMPLATE_REPLACED' } as const;
    task.info(code[task.template!.use], { template: task.template!.name, sections, groups, groupings, methods });
    if (task.kind === 'update' && (sections || groups || groupings || methods || task.template!.use === 'replace')) task.changed('template');
  }
}

/** A date reader that reads each distinct text once: course files repeat a few start dates over thousands of rows. */
function memoized(read: (value: string) => number | null): (value: string) => number | null {
  const known = new Map<string, number | null>();
  return (value) => {
    if (!known.has(value)) known.set(value, read(value));
    return known.get(value)!;
  };
}
