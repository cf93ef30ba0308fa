import type { Engine } from '../engine.js';
import { readCategoryTree } from './category-tree.js';

/** A course as the generators' chooser lists it: its names and how many users hold each role in it. */
export interface CourseListing {
  readonly id: number;
  readonly shortname: string;
  readonly fullname: string;
  readonly idnumber: string;
  readonly category: number;
  /** Users per role shortname (`student: 24`), roles held in the course context. */
  readonly roles: Readonly<Record<string, number>>;
}

/**
 * Every course (or those of one category) with its role counts, to choose the courses of a deletion or reset
 * file (the original's generators list the same); lookups every platform answers (Moodle has no export), one read
 * of roles per 500 courses, portable to both databases (the original's query was not).
 */
export async function listCourses(engine: Engine, options: { category?: number } = {}): Promise<CourseListing[]> {
  const categoryIds = options.category === undefined ? [...(await readCategoryTree(engine.platform)).keys()] : [options.category];
  const found = categoryIds.length ? await engine.platform.run('findCourses', { by: { category: categoryIds.map(String) } }) : [];
  const courses = found
    .map(({ id, shortname, fullname, idnumber, category }) => ({ id, shortname, fullname, idnumber, category }))
    .sort((a, b) => a.id - b.id);
  const counts = new Map<number, Map<number, Set<number>>>();
  for (let start = 0; start < courses.length; start += 500) {
    const roles = await engine.platform.run('findCourseRoles', { courseIds: courses.slice(start, start + 500).map((course) => course.id) });
    for (const { courseId, roleId, userId } of roles) {
      const byRole = counts.get(courseId) ?? new Map<number, Set<number>>();
      byRole.set(roleId, (byRole.get(roleId) ?? new Set()).add(userId));
      counts.set(courseId, byRole);
    }
  }
  const roleIds = [...new Set([...counts.values()].flatMap((byRole) => [...byRole.keys()]))];
  const names = new Map((await engine.platform.run('findRoles', { by: { id: roleIds.map(String) } })).map((role) => [role.id, role.shortname]));
  return courses.map((course) => ({
    ...course,
    roles: Object.fromEntries([...(counts.get(course.id) ?? new Map<number, Set<number>>())].map(([roleId, users]) => [names.get(roleId) ?? String(roleId), users.size])),
  }));
}
