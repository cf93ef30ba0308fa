import { checkGroupingBindings, GROUPING } from '../embedded/group-rules.js';
import type { ItemResult } from '../item-result.js';
import type { Added, Changed, FindInCourses, GroupChange, GroupingBinding, NewGroup, PlatformGrouping } from '../operations.js';
import type { Platform } from '../platform.js';
import type { CourseOverlay } from './course-overlay.js';
import { compareSimulatedIds } from './find-by.js';
import type { GroupOverlay } from './group-overlay.js';
import { GroupTableOverlay } from './group-table-overlay.js';

/**
 * Groupings written during a simulation (see GroupTableOverlay) and the groups bound to them here.
 *
 * What the port cannot read, the overlay cannot know: it has no lookup of the groups a real grouping holds, so a
 * group bound on the real platform already answers `added` true here, and a real grouping whose groups were
 * all deleted here is not listed by `findEmptyGroupings` (the real platform would list it).
 */
export class GroupingOverlay {
  readonly #real: Platform;
  readonly #groups: GroupOverlay;
  readonly #groupings: GroupTableOverlay;
  /** Bindings made here, by `grouping:group`. */
  readonly #bound = new Set<string>();

  constructor(real: Platform, courses: CourseOverlay, groups: GroupOverlay) {
    this.#real = real;
    this.#groups = groups;
    this.#groupings = new GroupTableOverlay((input) => real.run('findGroupings', input), courses, GROUPING);
  }

  findGroupings(input: FindInCourses): Promise<PlatformGrouping[]> {
    return this.#groupings.find(input);
  }

  createGroupings(groupings: readonly NewGroup[]): Promise<ItemResult<{ id: number }>[]> {
    return this.#groupings.create(groupings);
  }

  updateGroupings(changes: readonly GroupChange[]): Promise<ItemResult<Changed>[]> {
    return this.#groupings.update(changes);
  }

  deleteGroupings(ids: readonly number[]): Promise<ItemResult<null>[]> {
    return this.#groupings.delete(ids);
  }

  /** Real empty groupings (as changed here) and groupings created here, without those a group was bound to here. */
  async findEmptyGroupings(input: { readonly courseIds: readonly number[] }): Promise<PlatformGrouping[]> {
    const real = this.#groupings.asSimulated(await this.#real.run('findEmptyGroupings', input));
    const filled = new Set(this.#liveBindings().map(([groupingId]) => groupingId));
    return [...real, ...this.#groupings.createdIn(input.courseIds)].filter((grouping) => !filled.has(grouping.id)).sort(compareSimulatedIds);
  }

  /** Binds like the platform: grouping and group known here, of one course; bound here already answers `added` false. */
  async assignGroupings(bindings: readonly GroupingBinding[]): Promise<ItemResult<Added>[]> {
    const bound = new Set(this.#liveBindings().map(([groupingId, groupId]) => `${groupingId}:${groupId}`));
    const results = checkGroupingBindings(bindings, {
      courseOfGrouping: (id) => this.#groupings.courseOf(id),
      courseOfGroup: (id) => this.#groups.courseOf(id),
      isBound: (groupingId, groupId) => bound.has(`${groupingId}:${groupId}`),
    });
    bindings.forEach(({ groupingId, groupId }, index) => {
      const result = results[index]!;
      if (result.ok && result.value.added) this.#bound.add(`${groupingId}:${groupId}`);
    });
    return results;
  }

  /** The bindings made here whose grouping and group still stand, as `[groupingId, groupId]`. */
  #liveBindings(): [number, number][] {
    return [...this.#bound]
      .map((key) => key.split(':').map(Number) as [number, number])
      .filter(([groupingId, groupId]) => this.#groupings.courseOf(groupingId) !== undefined && this.#groups.courseOf(groupId) !== undefined);
  }
}
