import { checkGroupChanges, checkGroupDeletions, checkNewGroups, type GroupKind } from '../embedded/group-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Changed, FindInCourses, GroupChange, NewGroup, PlatformGroup } from '../operations.js';
import type { CourseOverlay } from './course-overlay.js';
import { compareSimulatedIds, matchesFindBy } from './find-by.js';

/**
 * Groups, or groupings, as a simulation sees them: the real ones (as found, changed or deleted here) and those
 * created here (negative ids). The port finds them within courses only, so the overlay knows the course of a
 * real one once a lookup has returned it: a real group never found is unknown here (refused as not found).
 */
export class GroupTableOverlay {
  readonly #find: (input: FindInCourses) => Promise<readonly PlatformGroup[]>;
  readonly #courses: CourseOverlay;
  readonly #kind: GroupKind;
  /** Created here, or real and changed here: the state later reads answer. */
  readonly #held = new Map<number, PlatformGroup>();
  readonly #deleted = new Set<number>();
  readonly #courseOf = new Map<number, number>();
  #nextId = -1;

  constructor(find: (input: FindInCourses) => Promise<readonly PlatformGroup[]>, courses: CourseOverlay, kind: GroupKind) {
    this.#find = find;
    this.#courses = courses;
    this.#kind = kind;
  }

  /** The real answer as changed here, without what was deleted, with what was created or renamed here that matches. */
  async find(input: FindInCourses): Promise<PlatformGroup[]> {
    const found = this.asSimulated(await this.#find(input), input.by);
    const courses = new Set(input.courseIds);
    const seen = new Set(found.map((group) => group.id));
    for (const group of this.#held.values()) {
      if (!seen.has(group.id) && courses.has(group.courseId) && (!input.by || matchesFindBy(group, input.by))) found.push(group);
    }
    return found.sort(compareSimulatedIds);
  }

  /**
   * Groups of a real answer as the simulation holds them: deleted ones dropped, changed ones as changed (dropped
   * when they no longer match `by`). Their courses are known from then on.
   */
  asSimulated(groups: readonly PlatformGroup[], by?: FindInCourses['by']): PlatformGroup[] {
    return groups.flatMap((group) => {
      if (this.#deleted.has(group.id)) return [];
      this.#courseOf.set(group.id, group.courseId);
      const held = this.#held.get(group.id);
      return held && by && !matchesFindBy(held, by) ? [] : [held ?? group];
    });
  }

  /** Groups created here (not deleted) in these courses. */
  createdIn(courseIds: readonly number[]): PlatformGroup[] {
    const courses = new Set(courseIds);
    return [...this.#held.values()].filter((group) => group.id < 0 && courses.has(group.courseId));
  }

  /** The course of a group known here; undefined for a deleted or unknown one. */
  courseOf(id: number): number | undefined {
    return this.#deleted.has(id) ? undefined : this.#courseOf.get(id);
  }

  isDeleted(id: number): boolean {
    return this.#deleted.has(id);
  }

  async create(groups: readonly NewGroup[]): Promise<ItemResult<{ id: number }>[]> {
    const courses = await this.#courses.existingIds(groups.map((group) => group.courseId));
    const wanted = groups.filter((group) => courses.has(group.courseId));
    const { named, numbered } = await this.#holders(wanted);
    const verdicts = checkNewGroups(
      groups,
      {
        courseExists: (id) => courses.has(id),
        nameTaken: (courseId, name) => named.has(JSON.stringify([courseId, name])),
        idnumberTaken: (courseId, idnumber) => numbered.has(JSON.stringify([courseId, idnumber])),
      },
      this.#kind,
    );
    return groups.map((group, index) => {
      const verdict = verdicts[index];
      if (verdict) return verdict;
      const id = this.#nextId--;
      this.#held.set(id, { id, courseId: group.courseId, name: group.name, idnumber: group.idnumber ?? '', description: group.description ?? '' });
      this.#courseOf.set(id, group.courseId);
      return succeeded({ id });
    });
  }

  async update(changes: readonly GroupChange[]): Promise<ItemResult<Changed>[]> {
    const known = [...new Set(changes.map((change) => change.id))].filter((id) => this.courseOf(id) !== undefined);
    const courseIds = [...new Set(known.map((id) => this.#courseOf.get(id)!))];
    const current = new Map(
      (known.length ? await this.find({ courseIds, by: { id: known.map(String) } }) : []).map((group) => [group.id, group]),
    );
    const { named, numbered } = await this.#holders(
      changes.flatMap((change) => (current.has(change.id) ? [{ courseId: current.get(change.id)!.courseId, name: change.name, idnumber: change.idnumber }] : [])),
    );
    const { results, final } = checkGroupChanges(
      changes,
      {
        group: (id) => current.get(id),
        named: (courseId, name) => named.get(JSON.stringify([courseId, name])) ?? [],
        numbered: (courseId, idnumber) => numbered.get(JSON.stringify([courseId, idnumber])) ?? [],
      },
      this.#kind,
    );
    for (const [id, group] of final) this.#held.set(id, group);
    return results;
  }

  async delete(ids: readonly number[]): Promise<ItemResult<null>[]> {
    const verdicts = checkGroupDeletions(ids, (id) => this.courseOf(id) !== undefined, this.#kind);
    ids.forEach((id, index) => {
      if (verdicts[index]) return;
      this.#deleted.add(id);
      this.#held.delete(id);
    });
    return verdicts.map((verdict) => verdict ?? succeeded(null));
  }

  /** The groups holding the names or (non-empty) idnumbers asked in their courses: ids by `[course, value]`. */
  async #holders(
    wanted: readonly { courseId: number; name?: string | undefined; idnumber?: string | undefined }[],
  ): Promise<{ named: Map<string, number[]>; numbered: Map<string, number[]> }> {
    const names = wanted.flatMap((group) => (group.name !== undefined ? [group.name] : []));
    const idnumbers = wanted.flatMap((group) => (group.idnumber ? [group.idnumber] : []));
    const held = names.length || idnumbers.length ? await this.find({ courseIds: wanted.map((group) => group.courseId), by: { name: names, idnumber: idnumbers } }) : [];
    const named = new Map<string, number[]>();
    const numbered = new Map<string, number[]>();
    for (const group of held) {
      const nameKey = JSON.stringify([group.courseId, group.name]);
      named.set(nameKey, [...(named.get(nameKey) ?? []), group.id]);
      const idnumberKey = JSON.stringify([group.courseId, group.idnumber]);
      if (group.idnumber) numbered.set(idnumberKey, [...(numbered.get(idnumberKey) ?? []), group.id]);
    }
    return { named, numbered };
  }
}
