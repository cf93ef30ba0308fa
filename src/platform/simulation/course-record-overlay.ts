import { COURSE_DEFAULTS, type CourseChange, type CourseRecord } from '../course-record.js';
import { checkCourseChanges } from '../embedded/course-change-rules.js';
import { nowSeconds } from '../embedded/sql-helpers.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { FindBy, NewCourse, PlatformCourse, CourseLookupField } from '../operations.js';
import type { Platform } from '../platform.js';
import type { CategoryOverlay } from './category-overlay.js';
import type { CourseOverlay } from './course-overlay.js';
import { matchesFindBy } from './find-by.js';

/**
 * The settings of courses created or updated during a simulation, as they would stand. Course lookups answer
 * the updated identity (a course renamed by an earlier row is found by its new shortname, not its old one).
 */
export class CourseRecordOverlay {
  readonly #real: Platform;
  readonly #courses: CourseOverlay;
  readonly #categories: CategoryOverlay;
  readonly #records = new Map<number, CourseRecord>();

  constructor(real: Platform, courses: CourseOverlay, categories: CategoryOverlay) {
    this.#real = real;
    this.#courses = courses;
    this.#categories = categories;
  }

  async createCourses(input: readonly NewCourse[]): Promise<ItemResult<{ id: number }>[]> {
    const results = await this.#courses.createCourses(input);
    const now = nowSeconds();
    results.forEach((result, index) => {
      if (!result.ok) return;
      const course = input[index]!;
      this.#records.set(result.value.id, {
        ...COURSE_DEFAULTS,
        id: result.value.id,
        fullname: course.fullname,
        shortname: course.shortname,
        category: course.categoryId,
        idnumber: course.idnumber ?? '',
        summary: course.summary ?? '',
        format: course.format ?? COURSE_DEFAULTS.format,
        visible: course.visible === false ? 0 : 1,
        startdate: course.startdate ?? 0,
        enddate: course.enddate ?? 0,
        timecreated: now,
        timemodified: now,
        ...course.settings,
      });
    });
    return results;
  }

  /** Courses as the course overlay finds them, with the identity this overlay's updates gave them. */
  async findCourses(input: FindBy<CourseLookupField>): Promise<PlatformCourse[]> {
    const found = (await this.#courses.findCourses(input)).map((course) => this.#current(course));
    const ids = new Set(found.map((course) => course.id));
    const renamed = [...this.#records.values()].filter((record) => !ids.has(record.id) && !this.#courses.isDeleted(record.id)).map((record) => toCourse(record));
    return [...found, ...renamed].filter((course) => matchesFindBy(course, input.by));
  }

  async findCourseRecords(input: { readonly courseIds: readonly number[] }): Promise<CourseRecord[]> {
    const courseIds = input.courseIds.filter((id) => !this.#courses.isDeleted(id));
    const unknown = courseIds.filter((id) => id > 0 && !this.#records.has(id));
    const real = unknown.length ? await this.#real.run('findCourseRecords', { courseIds: unknown }) : [];
    const here = [...new Set(courseIds)].flatMap((id) => this.#records.get(id) ?? []);
    return [...real, ...here].sort((a, b) => (a.id < 0) !== (b.id < 0) ? (a.id < 0 ? 1 : -1) : Math.abs(a.id) - Math.abs(b.id));
  }

  async updateCourses(changes: readonly CourseChange[]): Promise<ItemResult<null>[]> {
    const records = new Map((await this.findCourseRecords({ courseIds: changes.map((change) => change.id) })).map((record) => [record.id, record]));
    const categoryIds = changes.flatMap((change) => (change.set.category === undefined ? [] : [String(change.set.category)]));
    const categories = new Set((await this.#categories.findCategories({ by: { id: categoryIds } })).map((category) => category.id));
    const holders = await this.findCourses({
      by: {
        shortname: changes.flatMap((change) => (change.set.shortname === undefined ? [] : [change.set.shortname])),
        idnumber: changes.flatMap((change) => (change.set.idnumber ? [change.set.idnumber] : [])),
      },
    });
    const verdicts = checkCourseChanges(changes, {
      courseExists: (id) => records.has(id),
      categoryExists: (id) => categories.has(id),
      shortnameHolder: (shortname) => holders.find((course) => course.shortname === shortname)?.id,
      idnumberHolder: (idnumber) => holders.find((course) => course.idnumber === idnumber)?.id,
    });
    return changes.map((change, index) => {
      const verdict = verdicts[index];
      if (verdict) return verdict;
      const record = { ...records.get(change.id)!, ...change.set };
      records.set(change.id, record);
      this.#records.set(change.id, record);
      return succeeded(null);
    });
  }

  /** The categories, among these, that hold a course now: real courses where updates here left them, and those created here. */
  async categoriesWithCourses(categoryIds: readonly number[]): Promise<Set<number>> {
    const courses = await this.findCourses({ by: { category: categoryIds.map(String) } });
    return new Set(courses.map((course) => course.category));
  }

  #current(course: PlatformCourse): PlatformCourse {
    const record = this.#records.get(course.id);
    return record ? toCourse(record) : course;
  }
}

function toCourse(record: CourseRecord): PlatformCourse {
  return {
    id: record.id,
    shortname: record.shortname,
    fullname: record.fullname,
    idnumber: record.idnumber,
    category: record.category,
    format: record.format,
    visible: record.visible === 1,
    startdate: record.startdate,
    enddate: record.enddate,
  };
}
