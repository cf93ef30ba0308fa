import { checkCourseDeletions, checkMetaLinkRemovals, checkMetaLinks, metaLinkResults, type MetaLinkView } from '../embedded/course-upkeep-rules.js';
import { nextSortorder } from '../embedded/enrol-instance-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { MetaLink, MetaLinkAdded, MetaLinkQuery, MetaLinkRequest, Removed } from '../operations.js';
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
 * Course deletions and metacourse links during a simulation. A deleted course takes with it, through the other
 * overlays, what the platform removes: its instances with their enrolments (and the meta links of other courses
 * to it), its roles, groups and groupings; then it is hidden, with its settings and sections (the course overlay
 * tells the course record and section overlays). Meta links are the `meta` instances the enrolment overlay lists
 * (created here with negative ids), each with the parent it mirrors. Category deletions are the category overlay's.
 */
export class CourseUpkeepOverlay {
  readonly #real: Platform;
  readonly #parts: CourseUpkeepParts;
  /** Links created here, by instance id. */
  readonly #created = new Map<number, MetaLink>();

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

  async #linkView(items: readonly MetaLinkRequest[]): Promise<MetaLinkView> {
    const courses = await this.#parts.courses.existingIds(items.flatMap((item) => [item.courseId, item.parentId]));
    const links = await this.findMetaLinks({ courseIds: [...courses] });
    const byPair = new Map(links.map((link) => [`${link.courseId}:${link.parentId}`, link]));
    return { courseExists: (id) => courses.has(id), link: (courseId, parentId) => byPair.get(`${courseId}:${parentId}`) };
  }
}
