import type { PlatformCourse } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { CourseUploadField } from './upload-columns.js';

const FIELDS = ['id', 'shortname', 'idnumber'] as const;

/**
 * The courses a run has looked up, by id, shortname and idnumber, kept up to date by the run's own creations
 * and updates (`remember`), so that a row sees the courses earlier rows created or renamed. Each value is asked
 * of the platform once per run.
 */
export class CourseCatalogue {
  readonly #platform: Platform;
  readonly #known = new Map<string, PlatformCourse | null>();

  constructor(platform: Platform) {
    this.#platform = platform;
  }

  /** Looks up, in one call, the values not known yet (empty values are never looked up). */
  async load(by: { readonly [F in CourseUploadField]?: readonly string[] }): Promise<void> {
    const missing: Partial<Record<CourseUploadField, string[]>> = {};
    for (const field of FIELDS) {
      const values = [...new Set((by[field] ?? []).filter((value) => value !== '' && !this.#known.has(key(field, value))))];
      if (values.length) missing[field] = values;
    }
    if (!Object.keys(missing).length) return;
    const found = await this.#platform.run('findCourses', { by: missing });
    for (const field of FIELDS) for (const value of missing[field] ?? []) this.#known.set(key(field, value), null);
    // In id order, so that the oldest course holding a value is the one found.
    for (const course of [...found].reverse()) this.#set(course);
  }

  find(field: CourseUploadField, value: string): PlatformCourse | null {
    return value === '' ? null : (this.#known.get(key(field, value)) ?? null);
  }

  /** Records a course as it now stands (created, or updated from `before`). */
  remember(course: PlatformCourse, before?: PlatformCourse): void {
    if (before) for (const field of FIELDS) if (this.#known.get(key(field, String(before[field])))?.id === before.id) this.#known.set(key(field, String(before[field])), null);
    this.#set(course);
  }

  #set(course: PlatformCourse): void {
    for (const field of FIELDS) if (String(course[field]) !== '') this.#known.set(key(field, String(course[field])), course);
  }
}

function key(field: string, value: string): string {
  return `${field}\u0000${value}`;
}
