import { checkCategoryDeletions, checkCourseDeletions, checkMetaLinkRemovals, checkMetaLinks, metaLinkResults, type MetaLinkView } from '../embedded/course-upkeep-rules.js';
import { nextSortorder } from '../embedded/enrol-instance-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { FindBy, MetaLink, MetaLinkAdded, MetaLinkQuery, MetaLinkRequest, PlatformCategory, Removed } from '../operations.js';
import type { Platform } from '../platform.js';
import type { CourseOverlay } from './course-overlay.js';
import type { EnrolmentOverlay } from './enrolment-overlay.js';
import type { GroupOverlay } from './group-overlay.js';
import type { GroupingOverlay } from './grouping-overlay.js';

/** What the overlay works through: the other overlays, and the simulated platform's own `run` (for the meta sync). */
export interface CourseUpkeepParts {
  readonly courses: CourseOverlay;
  readonly enrolments: EnrolmentOverlay;
  readonly groups: GroupOverlay;
  readonly groupings: GroupingOverlay;
}

/**
 * Course deletions, metacourse links and category deletions during a simulation. A deleted course takes with it,
 * through the other overlays, what the platform removes: its instances with their enrolments (and the meta links
 * of other courses to it), its roles, groups and groupings; then it is hidden. Meta links are the `meta`
 * instances the enrolment overlay lists (created here with negative ids), each with the parent it mirrors.
 */
export class CourseUpkeepOverlay {
  readonly #real: Platform;
  readonly #parts: CourseUpkeepParts;
  /** Links created here, by instance id. */
  readonly #created = new Map<number, MetaLink>();
  /** Categories deleted here. */
  readonly #deletedCategories = new Set<number>();

  constructor(real: Platform, parts: CourseUpkeepParts) {
    this.#real = real;
    this.#parts = parts;
  }

  async deleteCourses(ids: readonly number[]): Promise<ItemResult<null>[]> {
    const { courses, enrolments, groups, groupings } = this.#parts;
    const existing = await courses.existingIds(ids);
    const verdicts = checkCourseDeletions(ids, (id) => existing.has(id));
    const doomed = ids.filter((_, index) => !verdicts[index]);
    if (doomed.length) {
      const instances = await enrolments.findEnrolInstances({ courseIds: doomed });
      const links = await this.findMetaLinks({ parentIds: doomed });
      await enrolments.removeInstances([...new Set([...instances.map((instance) => instance.id), ...links.map((link) => link.instanceId)])]);
      await enrolments.unassignCourseRoles(await enrolments.findCourseRoles({ courseIds: doomed }));
      await groups.deleteGroups((await groups.findGroups({ courseIds: doomed })).map((group) => group.id));
      await groupings.deleteGroupings((await groupings.findGroupings({ courseIds: doomed })).map((grouping) => grouping.id));
      courses.forgetCourses(doomed);
    }
    return verdicts.map((verdict) => verdict ?? succeeded(null));
  }

  /** Real links and those created here, as the enrolment overlay holds their instances now (status, deletion). */
  async findMetaLinks(query: MetaLinkQuery): Promise<MetaLink[]> {
    const wanted = new Set('parentIds' in query ? query.parentIds : query.courseIds);
    const created = [...this.#created.values()].filter((link) => wanted.has('parentIds' in query ? link.parentId : link.courseId));
    const candidates = [...(await this.#real.run('findMetaLinks', query)), ...created];
    const courseIds = [...new Set(candidates.map((link) => link.courseId))];
    const instances = new Map((await this.#parts.enrolments.findEnrolInstances({ courseIds })).map((instance) => [instance.id, instance]));
    return candidates
      .filter((link) => instances.has(link.instanceId))
      .map((link) => ({ ...link, enabled: instances.get(link.instanceId)!.enabled }))
      .sort((a, b) => a.courseId - b.courseId || a.instanceId - b.instanceId);
  }

  /** Adds like the platform; the meta sync of the courses is the simulated platform's (see SimulatedPlatform). */
  async addMetaLinks(items: readonly MetaLinkRequest[]): Promise<ItemResult<MetaLinkAdded>[]> {
    const { courses, enrolments } = this.#parts;
    const verdicts = checkMetaLinks(items, await this.#linkView(items));
    for (const verdict of verdicts) {
      if ('existing' in verdict && verdict.enable) enrolments.changeInstance({ ...enrolments.knownInstance(verdict.existing.instanceId)!, enabled: true });
    }
    const created = new Map<number, number>();
    for (const [index, verdict] of verdicts.entries()) {
      if (!('create' in verdict)) continue;
      const { courseId, parentId } = items[index]!;
      const sortorder = nextSortorder((await enrolments.findEnrolInstances({ courseIds: [courseId] })).map((instance) => instance.sortorder));
      const instance = { courseId, enrol: 'meta', enabled: true, sortorder, roleId: 0, cohortId: null, groupId: null };
      const id = courses.addInstance(instance);
      enrolments.changeInstance({ id, ...instance });
      this.#created.set(id, { instanceId: id, courseId, parentId, enabled: true });
      created.set(index, id);
    }
    return metaLinkResults(verdicts, created);
  }

  async removeMetaLinks(items: readonly MetaLinkRequest[]): Promise<ItemResult<Removed>[]> {
    const { results, instanceIds } = checkMetaLinkRemovals(items, await this.#linkView(items));
    await this.#parts.enrolments.removeInstances(instanceIds);
    return results;
  }

  /** The categories not deleted here. */
  withoutDeleted(categories: readonly PlatformCategory[]): PlatformCategory[] {
    return categories.filter((category) => !this.#deletedCategories.has(category.id));
  }

  /** Real categories not deleted here. */
  async findCategories(input: FindBy<'id' | 'idnumber' | 'name'>): Promise<PlatformCategory[]> {
    return (await this.#real.run('findCategories', input)).filter((category) => !this.#deletedCategories.has(category.id));
  }

  /** Deletes like the platform: only categories without courses (real or created here) and without sub-categories left. */
  async deleteCategories(ids: readonly number[]): Promise<ItemResult<null>[]> {
    const existing = new Set((await this.findCategories({ by: { id: ids.map(String) } })).map((category) => category.id));
    const asked = new Set(ids);
    const withCourses = new Set(this.#parts.courses.createdCourses().map((course) => course.category));
    const children = new Map<number, number[]>();
    for await (const page of this.#real.exportEntity('courses')) {
      const [id, category] = [page.columns.indexOf('id'), page.columns.indexOf('category')];
      const live = await this.#parts.courses.existingIds(page.rows.filter((row) => asked.has(Number(row[category]))).map((row) => Number(row[id])));
      for (const row of page.rows) if (live.has(Number(row[id]))) withCourses.add(Number(row[category]));
    }
    for await (const page of this.#real.exportEntity('categories')) {
      const [id, parent] = [page.columns.indexOf('id'), page.columns.indexOf('parent')];
      for (const row of page.rows) {
        const child = Number(row[id]);
        if (!this.#deletedCategories.has(child)) children.set(Number(row[parent]), [...(children.get(Number(row[parent])) ?? []), child]);
      }
    }
    const verdicts = checkCategoryDeletions(ids, {
      exists: (id) => existing.has(id),
      hasCourses: (id) => withCourses.has(id),
      children: (id) => children.get(id) ?? [],
    });
    ids.forEach((id, index) => verdicts[index] || this.#deletedCategories.add(id));
    return verdicts.map((verdict) => verdict ?? succeeded(null));
  }

  async #linkView(items: readonly MetaLinkRequest[]): Promise<MetaLinkView> {
    const courses = await this.#parts.courses.existingIds(items.flatMap((item) => [item.courseId, item.parentId]));
    const links = await this.findMetaLinks({ courseIds: [...courses] });
    const byPair = new Map(links.map((link) => [`${link.courseId}:${link.parentId}`, link]));
    return { courseExists: (id) => courses.has(id), link: (courseId, parentId) => byPair.get(`${courseId}:${parentId}`) };
  }
}
