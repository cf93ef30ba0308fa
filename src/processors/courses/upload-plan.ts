import type { RoleLookup } from '../lookups.js';
import { categoryRequest, type CategoryMode } from './upload-categories.js';
import { CourseTask, type TemplateUse } from './upload-task.js';
import type { TeacherMatches } from './upload-teachers.js';
import { isBackupName, type BackupFiles, type TemplateLibrary } from './upload-templates.js';
import type { CourseCatalogue } from './upload-catalogue.js';
import type { CourseUploadField } from './upload-columns.js';
import type { CourseRow } from './upload-row.js';

/** What deciding a row needs: the run's settings and what its batch looked up. */
export interface PlanContext {
  readonly field: CourseUploadField;
  readonly forceUpdate: boolean;
  readonly protectCategory: boolean;
  /** `courses_template_mode`: 0 nothing, 1 add content, 2 replace content (existing courses only). */
  readonly templateMode: number;
  readonly categoryMode: CategoryMode;
  readonly defaultCategory: string;
  readonly platformName: string;
  /** Whether the platform restores `.mbz` backups (capability supportsMbzTemplates). */
  readonly restoresBackups: boolean;
  readonly backups: BackupFiles;
  readonly catalogue: CourseCatalogue;
  readonly templates: TemplateLibrary;
  readonly teachers: TeacherMatches;
  readonly roles: RoleLookup;
}

/**
 * Decides a row (spec 5.3 phase 2): a new course is created unless its identifier is an id or its shortname or
 * idnumber is held by another course; an existing course is updated when `courses_forceupdate` is on, else
 * skipped. Category, template and teachers are checked here; a bad one rejects the row before any write.
 */
export function planRow(row: CourseRow, context: PlanContext): CourseTask {
  const { catalogue, field } = context;
  const existing = catalogue.find(field, row.identifier);
  const task = new CourseTask(row, existing ? (context.forceUpdate ? 'update' : 'skip') : 'create', existing);
  if (task.kind === 'skip') return task;
  if (!existing && field === 'id') {
    task.fail('COURSES_UPLOAD_NOT_BY_ID', { id: row.identifier }, 'id');
    return task;
  }
  const holder = catalogue.find('shortname', row.shortname);
  if (holder && holder.id !== existing?.id) {
    task.fail('COURSES_UPLOAD_SHORTNAME_COLLISION', { identifier: row.identifier, shortname: row.shortname, fullname: holder.fullname }, 'shortname');
    return task;
  }
  const idnumber = String(row.settings.idnumber ?? '');
  const idHolder = catalogue.find('idnumber', idnumber);
  if (idHolder && idHolder.id !== existing?.id) {
    const params = { identifier: row.identifier, idnumber, shortname: idHolder.shortname, fullname: idHolder.fullname };
    task.fail('COURSES_UPLOAD_IDNUMBER_COLLISION', params, 'idnumber');
    return task;
  }
  planCategory(task, context);
  planTemplate(task, context);
  planTeachers(task, context);
  return task;
}

/** A new course always gets a category (the default one when none is given); an existing one moves only when asked. */
function planCategory(task: CourseTask, context: PlanContext): void {
  const { row } = task;
  if (task.kind === 'update' && row.category === '') return;
  if (task.kind === 'update' && context.protectCategory) {
    task.info('COURSES_UPLOAD_CATEGORY_KEPT');
    return;
  }
  const request = categoryRequest(row.category, context.categoryMode, context.defaultCategory);
  if (request) task.category = request;
  else if (row.category === '') task.fail('COURSES_UPLOAD_BAD_DEFAULT_CATEGORY', { value: context.defaultCategory }, 'category');
  else task.fail('COURSES_UPLOAD_BAD_CATEGORY_PATH', { value: row.category }, 'category');
}

function planTemplate(task: CourseTask, context: PlanContext): void {
  const name = task.row.template;
  if (name === '' || task.failed) return;
  if (task.kind === 'update' && context.templateMode === 0) {
    task.info('COURSES_UPLOAD_TEMPLATE_IGNORED', { template: name });
    return;
  }
  if (isBackupName(name)) {
    planBackup(task, context);
    return;
  }
  const course = context.catalogue.find('shortname', name);
  const content = course ? context.templates.get(course.id) : undefined;
  if (!content) {
    task.fail('COURSES_UPLOAD_TEMPLATE_NOT_FOUND', { template: name, shortname: task.row.shortname }, 'template');
    return;
  }
  task.template = { name, content, use: templateUse(task, context) };
}

/** A template makes a new course, or adds to (mode 1) or replaces (mode 2) an existing course's content. */
function templateUse(task: CourseTask, context: PlanContext): TemplateUse {
  return task.kind === 'create' ? 'new' : context.templateMode === 2 ? 'replace' : 'add';
}

/**
 * A `.mbz` template: restoring needs Moodle's restore machinery (no embedded equivalent, local_toolsync_restore_course),
 * into a new course or per courses_template_mode into an existing one; the file is read from the command file area.
 */
function planBackup(task: CourseTask, context: PlanContext): void {
  const name = task.row.template;
  if (!context.restoresBackups) task.fail('COURSES_UPLOAD_TEMPLATE_MBZ', { template: name, platform: context.platformName }, 'template');
  else {
    const content = context.backups.get(name);
    if (content) task.backup = { name, content, use: templateUse(task, context) };
    else task.fail('COURSES_UPLOAD_TEMPLATE_MBZ_MISSING', { template: name }, 'template');
  }
}

function planTeachers(task: CourseTask, context: PlanContext): void {
  for (const teacher of task.row.teachers) {
    if (task.failed) return;
    const users = context.teachers.get(teacher.account);
    if (users.length !== 1) {
      const code = users.length ? 'COURSES_UPLOAD_TEACHER_AMBIGUOUS' : 'COURSES_UPLOAD_TEACHER_NOT_FOUND';
      task.fail(code, { column: teacher.column, account: teacher.account, count: users.length }, teacher.column);
      return;
    }
    const role = context.roles.get(teacher.role);
    if (!role) {
      task.fail('COURSES_UPLOAD_ROLE_NOT_FOUND', { column: teacher.roleColumn, role: teacher.role }, teacher.roleColumn);
      return;
    }
    task.teachers.push({ user: users[0]!, role });
  }
}
