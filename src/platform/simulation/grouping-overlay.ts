import { checkGroupingBindings, GROUPING } from '../embedded/group-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, Changed, FindInCourses, GroupChange, GroupingBinding, NewGroup, PlatformGrouping, Removed } from '../operations.js';
import type { Platform } from '../platform.js';
import type { CourseOverlay } from './course-overlay.js';
import { compareSimulatedIds } from './find-by.js';
import type { GroupOverlay } from './group-overlay.js';
import { GroupTableOverlay } from './group-table-overlay.js';

/**
 * Groupings written during a simulation (see GroupTableOverlay) and the groups bound to them here. The groups a
 * grouping holds are the real bindings (without those of groupings and groups deleted here) and those made here:
 * a group bound on the platform answers `added` false, and a real grouping whose groups were all deleted here
 * is listed as empty.
 */
export class GroupingOverlay {
  readonly #real: Platform;
  readonly #groups: GroupOverlay;
  readonly #groupings: GroupTableOverlay;
  /** Bindings made here, by `grouping:group`. */
  readonly #bound = new Set<string>();
  /** Real bindings undone here (hidden from later reads), by `grouping:group`. */
  readonly #unbound = new Set<string>();

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

  /** The groupings of the courses (real ones not deleted here, and those created here) that hold no group here, in id order. */
  async findEmptyGroupings(input: { readonly courseIds: readonly number[] }): Promise<PlatformGrouping[]> {
    const groupings = await this.findGroupings({ courseIds: input.courseIds });
    const filled = new Set((await this.findGroupingGroups({ groupingIds: groupings.map((grouping) => grouping.id) })).map((binding) => binding.groupingId));
    return groupings.filter((grouping) => !filled.has(grouping.id));
  }

  /**
   * Real bindings (of groupings and groups not deleted here) and those made here, in grouping then group order.
   * Only real ids are asked of the platform.
   */
  async findGroupingGroups(input: { readonly groupingIds: readonly number[] }): Promise<GroupingBinding[]> {
    const found = new Map<string, GroupingBinding>();
    for (const binding of await this.#real.run('findGroupingGroups', { groupingIds: input.groupingIds.filter((id) => id > 0) })) {
      const key = `${binding.groupingId}:${binding.groupId}`;
      if (!this.#groupings.isDeleted(binding.groupingId) && !this.#groups.isDeleted(binding.groupId) && !this.#unbound.has(key)) found.set(key, binding);
    }
    const wanted = new Set(input.groupingIds);
    for (const [groupingId, groupId] of this.#liveBindings()) {
      if (wanted.has(groupingId)) found.set(`${groupingId}:${groupId}`, { groupingId, groupId });
    }
    return [...found.values()].sort(
      (a, b) => compareSimulatedIds({ id: a.groupingId }, { id: b.groupingId }) || compareSimulatedIds({ id: a.groupId }, { id: b.groupId }),
    );
  }

  /** Binds like the platform: grouping and group known here, of one course; bound already, on the platform or here, answers `added` false. */
  async assignGroupings(bindings: readonly GroupingBinding[]): Promise<ItemResult<Added>[]> {
    const held = await this.findGroupingGroups({ groupingIds: [...new Set(bindings.map((binding) => binding.groupingId))] });
    const bound = new Set(held.map(({ groupingId, groupId }) => `${groupingId}:${groupId}`));
    const results = checkGroupingBindings(bindings, {
      courseOfGrouping: (id) => this.#groupings.courseOf(id),
      courseOfGroup: (id) => this.#groups.courseOf(id),
      isBound: (groupingId, groupId) => bound.has(`${groupingId}:${groupId}`),
    });
    bindings.forEach(({ groupingId, groupId }, index) => {
      const result = results[index]!;
      if (result.ok && result.value.added) {
        this.#bound.add(`${groupingId}:${groupId}`);
        this.#unbound.delete(`${groupingId}:${groupId}`);
      }
    });
    return results;
  }

  /** Unbinds like the platform: a binding held (on the platform or here) goes; none answers `removed` false. */
  async unassignGroupings(bindings: readonly GroupingBinding[]): Promise<ItemResult<Removed>[]> {
    const held = await this.findGroupingGroups({ groupingIds: [...new Set(bindings.map((binding) => binding.groupingId))] });
    const bound = new Set(held.map(({ groupingId, groupId }) => `${groupingId}:${groupId}`));
    return bindings.map(({ groupingId, groupId }) => {
      const key = `${groupingId}:${groupId}`;
      const removed = bound.delete(key);
      if (removed) {
        this.#bound.delete(key);
        this.#unbound.add(key);
      }
      return succeeded({ removed });
    });
  }

  /** The bindings made here whose grouping and group still stand, as `[groupingId, groupId]`. */
  #liveBindings(): [number, number][] {
    return [...this.#bound]
      .map((key) => key.split(':').map(Number) as [number, number])
      .filter(([groupingId, groupId]) => this.#groupings.courseOf(groupingId) !== undefined && this.#groups.courseOf(groupId) !== undefined);
  }
}
