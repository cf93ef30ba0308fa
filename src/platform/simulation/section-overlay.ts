import { applySectionsChange } from '../embedded/course-sections.js';
import { reject } from '../embedded/rejections.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { CourseSection, SectionsChange } from '../operations.js';
import type { Platform } from '../platform.js';
import type { CourseOverlay } from './course-overlay.js';

/** Sections written during a simulation: the sections of each course written here, as they would stand. */
export class SectionOverlay {
  readonly #real: Platform;
  readonly #courses: CourseOverlay;
  readonly #written = new Map<number, CourseSection[]>();

  constructor(real: Platform, courses: CourseOverlay) {
    this.#real = real;
    this.#courses = courses;
  }

  async findCourseSections(input: { readonly courseIds: readonly number[] }): Promise<CourseSection[]> {
    const courseIds = input.courseIds.filter((id) => !this.#courses.isDeleted(id));
    const unwritten = courseIds.filter((id) => id > 0 && !this.#written.has(id));
    const real = unwritten.length ? await this.#real.run('findCourseSections', { courseIds: unwritten }) : [];
    const written = [...new Set(courseIds)].flatMap((id) => this.#written.get(id) ?? []);
    return [...real, ...written];
  }

  async saveCourseSections(changes: readonly SectionsChange[]): Promise<ItemResult<null>[]> {
    const courses = await this.#courses.existingIds(changes.map((change) => change.courseId));
    // A course's sections are read once, before its first write here; later reads answer what was written.
    const first = [...courses].filter((id) => !this.#written.has(id));
    const real = await this.#real.run('findCourseSections', { courseIds: first.filter((id) => id > 0) });
    for (const id of first) this.#written.set(id, []);
    for (const section of real) this.#written.get(section.courseId)!.push(section);
    return changes.map((change) => {
      if (!courses.has(change.courseId)) return reject.courseNotFound(change.courseId);
      this.#written.set(change.courseId, applySectionsChange(this.#written.get(change.courseId) ?? [], change));
      return succeeded(null);
    });
  }
}
