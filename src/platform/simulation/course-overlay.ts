import { checkNewCourses, MANUAL_INSTANCE_ROLE } from '../embedded/course-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { FindBy, NewCourse, PlatformCategory, PlatformCourse, PlatformEnrolInstance, CourseLookupField, CategoryLookupField } from '../operations.js';
import type { Platform } from '../platform.js';
import { matchesFindBy } from './find-by.js';

/**
 * Courses created during a simulation (negative ids), each with the manual enrolment instance the platform would
 * give it (negative id too), and the instances added here to any course, which `findEnrolInstances` lists. Real courses are read from the platform.
 */
export class CourseOverlay {
  readonly #real: Platform;
  readonly #created: PlatformCourse[] = [];
  readonly #instances: PlatformEnrolInstance[] = [];
  readonly #findCategories: (input: FindBy<CategoryLookupField>) => Promise<readonly PlatformCategory[]>;
  /** Courses deleted here (real or created here), hidden from later reads. */
  readonly #deleted = new Set<number>();

  /** `findCategories` answers the categories of the simulation (those created in it too). */
  constructor(real: Platform, findCategories?: (input: FindBy<CategoryLookupField>) => Promise<readonly PlatformCategory[]>) {
    this.#real = real;
    this.#findCategories = findCategories ?? ((input) => real.run('findCategories', input));
  }

  /** Real courses, then those created here that match. */
  async findCourses(input: FindBy<CourseLookupField>): Promise<PlatformCourse[]> {
    const real = await this.#real.run('findCourses', input);
    return [...real, ...this.#created.filter((course) => matchesFindBy(course, input.by))].filter((course) => !this.#deleted.has(course.id));
  }

  /** Hides courses deleted here from later reads (the course upkeep overlay removed what they held first). */
  forgetCourses(ids: readonly number[]): void {
    for (const id of ids) this.#deleted.add(id);
  }

  /** Whether a course was deleted here: its settings and sections are gone with it too. */
  isDeleted(id: number): boolean {
    return this.#deleted.has(id);
  }

  /** The ids, among these, of courses that exist in the simulation. */
  async existingIds(ids: readonly number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    return new Set((await this.findCourses({ by: { id: [...new Set(ids)].map(String) } })).map((course) => course.id));
  }

  /** The enrolment instances of the courses created here (of one method when `enrol` is given). */
  /** The instances added here that pass a test. */
  instancesWhere(test: (instance: PlatformEnrolInstance) => boolean): PlatformEnrolInstance[] {
    return this.#instances.filter(test);
  }

  instancesOf(courseIds: readonly number[], enrol?: string): PlatformEnrolInstance[] {
    const courses = new Set(courseIds);
    return this.#instances.filter((instance) => courses.has(instance.courseId) && (enrol === undefined || instance.enrol === enrol));
  }

  /** Records an instance added here (to a real course or one created here) and answers its (negative) id. */
  addInstance(instance: Omit<PlatformEnrolInstance, 'id'>): number {
    const id = -(this.#instances.length + 1);
    this.#instances.push({ id, ...instance });
    return id;
  }

  async createCourses(courses: readonly NewCourse[]): Promise<ItemResult<{ id: number }>[]> {
    const categoryIds = [...new Set(courses.map((course) => String(course.categoryId)))];
    const categories = new Set((await this.#findCategories({ by: { id: categoryIds } })).map((category) => category.id));
    const shortnames = new Set((await this.findCourses({ by: { shortname: courses.map((course) => course.shortname) } })).map((course) => course.shortname));
    const idnumbers = courses.flatMap((course) => (course.idnumber ? [course.idnumber] : []));
    const taken = new Set((await this.findCourses({ by: { idnumber: idnumbers } })).map((course) => course.idnumber));
    const verdicts = checkNewCourses(courses, {
      categoryExists: (id) => categories.has(id),
      shortnameTaken: (shortname) => shortnames.has(shortname),
      idnumberTaken: (idnumber) => taken.has(idnumber),
    });
    const roleId = verdicts.includes(null) ? await this.#manualRoleId() : 0;
    return courses.map((course, index) => {
      const verdict = verdicts[index];
      if (verdict) return verdict;
      const id = -(this.#created.length + 1);
      this.#created.push({
        id,
        shortname: course.shortname,
        fullname: course.fullname,
        idnumber: course.idnumber ?? '',
        category: course.categoryId,
        format: course.format ?? 'topics',
        visible: course.visible !== false,
        startdate: course.startdate ?? 0,
        enddate: course.enddate ?? 0,
      });
      this.addInstance({ courseId: id, enrol: 'manual', enabled: true, sortorder: 0, roleId, cohortId: null, groupId: null });
      return succeeded({ id });
    });
  }

  async #manualRoleId(): Promise<number> {
    const [role] = await this.#real.run('findRoles', { by: { shortname: [MANUAL_INSTANCE_ROLE] } });
    return role?.id ?? 0;
  }
}
