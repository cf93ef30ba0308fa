import type { ItemResult } from '../../platform/item-result.js';
import type { CourseRecord, PlatformCourse, PlatformRole, PlatformUser } from '../../platform/operations.js';
import type { RowDetail, RowOutcome, RowStatus } from '../processor.js';
import type { CategoryRequest } from './upload-categories.js';
import type { TemplateContent } from './upload-templates.js';
import type { UploadMessageCode } from './upload-messages.js';
import type { CourseRow } from './upload-row.js';

/** What a template does to the course of a row: a new course on it, or content added to or replacing an existing one's. */
export type TemplateUse = 'new' | 'add' | 'replace';

/** A teacher to enrol through the course's manual instance. */
export interface TeacherEnrolment {
  readonly user: PlatformUser;
  readonly role: PlatformRole;
}

/**
 * A row on its way: what it asks (create or update, category, template, teachers) and what its writes did; it
 * becomes one outcome once its batch is written. The first problem makes the row an error; a write refused after
 * the course was saved is a warning line under the row's outcome.
 */
export class CourseTask {
  readonly row: CourseRow;
  readonly kind: 'create' | 'update' | 'skip';
  /** The course the row matched (update, skip). */
  readonly existing: PlatformCourse | null;
  category: CategoryRequest | null = null;
  categoryId = 0;
  categoryLabel = '';
  template: { readonly name: string; readonly content: TemplateContent; readonly use: TemplateUse } | null = null;
  /** A `.mbz` template (its path in the command file area): restored into the new course, or into the existing one. */
  backup: { readonly name: string; readonly content: Blob; readonly use: TemplateUse } | null = null;
  teachers: TeacherEnrolment[] = [];
  /** The course's id once known (created, or the matched one). */
  courseId = 0;
  /** The matched course's settings before the row (update). */
  record: CourseRecord | null = null;
  /** Names of the columns whose writes changed something (update). */
  readonly changes: string[] = [];
  readonly details: RowDetail[] = [];
  #error: { code: UploadMessageCode; params: Record<string, string | number>; column?: string } | null = null;

  constructor(row: CourseRow, kind: CourseTask['kind'], existing: PlatformCourse | null) {
    this.row = row;
    this.kind = kind;
    this.existing = existing;
    if (existing) this.courseId = existing.id;
  }

  get failed(): boolean {
    return this.#error !== null;
  }

  /** Whether the row makes a course that starts empty (neither restored from a backup nor copied from a template). */
  get fresh(): boolean {
    return this.kind === 'create' && !this.backup && !this.template;
  }

  /** Whether the row still has writes to make. */
  get live(): boolean {
    return !this.failed && this.kind !== 'skip';
  }

  fail(code: UploadMessageCode, params: Record<string, string | number>, column?: string): void {
    if (!this.#error) this.#error = { code, params, ...(column ? { column } : {}) };
  }

  /** A refusal of the course's own write makes the row an error. */
  refused<T>(result: ItemResult<T>): result is Extract<ItemResult<T>, { ok: false }> {
    if (result.ok) return false;
    this.fail('COURSES_UPLOAD_PLATFORM_REJECTED', { action: this.kind, shortname: this.row.shortname, reason: result.error.message });
    return true;
  }

  /** A refusal of a write after the course was saved (a section, a teacher…) is a warning; answers whether it was refused. */
  warnIfRefused<T>(result: ItemResult<T>, step: string): result is Extract<ItemResult<T>, { ok: false }> {
    if (result.ok) return false;
    this.details.push({ code: 'COURSES_UPLOAD_STEP_FAILED', params: { step, reason: result.error.message }, level: 'warning' });
    return true;
  }

  info(code: UploadMessageCode, params: Record<string, string | number> = {}, counter?: string): void {
    this.details.push({ code, params, ...(counter ? { counter } : {}) });
  }

  /** A change that shows in the update line (a column name). */
  changed(column: string): void {
    if (!this.changes.includes(column)) this.changes.push(column);
  }

  outcome(): RowOutcome {
    const base = { row: this.row.row, details: this.details, entity: 'course' };
    if (this.#error) return { ...base, status: 'error', ...this.#error };
    const { shortname, fullname } = this.row;
    if (this.kind === 'create') {
      const template = this.template?.name ?? this.backup?.name;
      const params = { shortname, fullname, category: this.categoryLabel, ...(template ? { template } : {}) };
      return { ...base, status: 'created', code: template ? 'COURSES_UPLOAD_CREATED_FROM_TEMPLATE' : 'COURSES_UPLOAD_CREATED', params };
    }
    const course = this.existing!;
    const names = { shortname: course.shortname, idnumber: course.idnumber, fullname: course.fullname };
    if (this.kind === 'skip') return { ...base, status: 'skipped', code: 'COURSES_UPLOAD_EXISTS', params: names, tryback: false };
    const status: RowStatus = this.changes.length ? 'updated' : 'unchanged';
    const after = { ...names, shortname, fullname, idnumber: String(this.row.settings.idnumber ?? course.idnumber) };
    return status === 'updated'
      ? { ...base, status, code: 'COURSES_UPLOAD_UPDATED', params: { ...after, changes: this.changes.join(', ') } }
      : { ...base, status, code: 'COURSES_UPLOAD_UNCHANGED', params: after };
  }
}
