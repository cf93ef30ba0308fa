import type { PlatformGroup } from '../../platform/operations.js';
import type { GroupCatalogue } from '../lookups.js';
import type { StepWriter } from '../step-writer.js';
import { PROTECTION_COMPONENT } from './enrols-columns.js';
import type { RowProgress } from './enrols-progress.js';
import type { EnrolsState } from './enrols-state.js';

/** Run-level facts the group commands need. */
export interface GroupsContext {
  readonly state: EnrolsState;
  readonly groups: GroupCatalogue<PlatformGroup>;
  readonly writer: StepWriter;
  /** `enrols_protectgroups`: new memberships get the protection component, which greplace and gdel respect. */
  readonly protect: boolean;
}

/**
 * Creations of missing groups queued in the current flush, by `course/name`: the first row asking creates
 * the group (and reports it), later rows of the flush use it. Cleared by `flushed()`.
 */
export class PendingGroups {
  readonly #rows = new Map<string, RowProgress[]>();

  has(courseId: number, name: string): boolean {
    return this.#rows.has(`${courseId}/${name}`);
  }

  /** Whether this row is the first to ask for the group (then it creates it). */
  ask(courseId: number, name: string, progress: RowProgress): boolean {
    const key = `${courseId}/${name}`;
    const rows = this.#rows.get(key);
    if (rows) rows.push(progress);
    else this.#rows.set(key, [progress]);
    return !rows;
  }

  flushed(): void {
    this.#rows.clear();
  }
}

/**
 * Queues the group command of a row (spec 6.4 as corrected): after the row's command, whatever it gave.
 * Memberships without a component are the file's to replace; those with the protection component and those
 * of other plugins (cohort or meta sync) are kept by greplace (decision 50).
 */
export function planGroups(progress: RowProgress, context: GroupsContext, pending: PendingGroups): void {
  const { gcmd, groups: names, course, user } = progress.resolved;
  if (!gcmd) return;
  const component = context.protect ? PROTECTION_COMPONENT : '';
  if (gcmd === 'greplace' || gcmd === 'greplacecreate') clearOtherGroups(progress, context, names);
  if (gcmd === 'gdel') {
    for (const name of names) removeFromGroup(progress, context, name);
    return;
  }
  const create = gcmd === 'gaddcreate' || gcmd === 'greplacecreate';
  for (const name of names) {
    const existing = context.groups.find(course.id, 'name', name);
    if (!existing) {
      if (pending.has(course.id, name)) pending.ask(course.id, name, progress);
      else if (create && pending.ask(course.id, name, progress)) createGroup(progress, context, name);
      else if (!create) {
        progress.detail('ENROLS_GROUP_UNKNOWN', { group: name }, 'groupmember.error', 'warning');
        continue;
      }
    }
    context.writer.add({
      kind: 'addGroupMembers',
      item: () => {
        const group = context.groups.find(course.id, 'name', name);
        if (group) return { groupId: group.id, userId: user.id, component };
        progress.detail('ENROLS_GROUP_NOT_ADDED', { group: name, reason: 'the group could not be created' }, 'groupmember.error', 'warning');
        return null;
      },
      done: (result) => {
        if (result.ok) {
          if (result.value.added) progress.detail('ENROLS_GROUP_ADDED', { group: name }, 'groupmember.created');
          else progress.detail('ENROLS_GROUP_KEPT', { group: name }, 'groupmember.unchanged');
        } else if (result.error.code === 'PLATFORM_USER_NOT_ENROLLED') {
          progress.detail('ENROLS_GROUP_NOT_ENROLLED', { group: name }, 'groupmember.error', 'warning');
        } else {
          progress.detail('ENROLS_GROUP_NOT_ADDED', { group: name, reason: result.error.message }, 'groupmember.error', 'warning');
        }
      },
    });
  }
}

function createGroup(progress: RowProgress, context: GroupsContext, name: string): void {
  const courseId = progress.resolved.course.id;
  context.writer.add({
    kind: 'createGroups',
    item: () => ({ courseId, name }),
    done: (result) => {
      if (!result.ok) return progress.detail('ENROLS_GROUP_NOT_CREATED', { group: name, reason: result.error.message }, 'group.error', 'warning');
      context.groups.remember({ id: result.value.id, courseId, name, idnumber: '', description: '' });
      progress.detail('ENROLS_GROUP_CREATED', { group: name }, 'group.created');
    },
  });
}

/** greplace: the user leaves the course's groups the row does not name, except protected or plugin-owned memberships. */
function clearOtherGroups(progress: RowProgress, context: GroupsContext, keep: readonly string[]): void {
  const { course, user } = progress.resolved;
  const removed: string[] = [];
  const kept: string[] = [];
  for (const membership of context.state.memberships(course.id, user.id)) {
    const group = context.groups.inCourse(course.id).find((candidate) => candidate.id === membership.groupId);
    if (!group || keep.includes(group.name)) continue;
    if (membership.component) {
      kept.push(group.name);
      continue;
    }
    removed.push(group.name);
    context.writer.add({
      kind: 'removeGroupMembers',
      item: () => ({ groupId: group.id, userId: user.id }),
      done: (result) => {
        if (!result.ok) progress.detail('ENROLS_GROUP_NOT_REMOVED', { group: group.name, reason: result.error.message }, 'groupmember.error', 'warning');
        else if (result.value.removed) progress.counters.push('groupmember.deleted');
      },
    });
  }
  if (removed.length) progress.detail('ENROLS_GROUPS_CLEARED', { groups: removed.sort().join(', ') });
  if (kept.length) progress.detail('ENROLS_GROUPS_KEPT_PROTECTED', { groups: kept.sort().join(', ') });
}

/**
 * gdel: with protection on, only the memberships tool-sync made (protection component) go and those added by
 * hand stay; with protection off, memberships without a component or with tool-sync's go. Other plugins'
 * memberships always stay.
 */
function removeFromGroup(progress: RowProgress, context: GroupsContext, name: string): void {
  const { course, user } = progress.resolved;
  const group = context.groups.find(course.id, 'name', name);
  if (!group) return progress.detail('ENROLS_GROUP_NOT_FOUND', { group: name });
  const membership = context.state.memberships(course.id, user.id).find((candidate) => candidate.groupId === group.id);
  if (!membership) return progress.detail('ENROLS_GROUP_NOT_MEMBER', { group: name });
  const component = membership.component ?? '';
  const removable = context.protect ? component === PROTECTION_COMPONENT : component === '' || component === PROTECTION_COMPONENT;
  if (!removable) return progress.detail('ENROLS_GROUPS_KEPT_PROTECTED', { groups: name });
  context.writer.add({
    kind: 'removeGroupMembers',
    item: () => ({ groupId: group.id, userId: user.id, component }),
    done: (result) => {
      if (!result.ok) progress.detail('ENROLS_GROUP_NOT_REMOVED', { group: name, reason: result.error.message }, 'groupmember.error', 'warning');
      else if (result.value.removed) progress.detail('ENROLS_GROUP_REMOVED', { group: name }, 'groupmember.deleted');
      else progress.detail('ENROLS_GROUP_NOT_MEMBER', { group: name });
    },
  });
}
