import type { ItemResult } from '../../platform/item-result.js';
import type { Added, GroupMember, PlatformGroup, Removed } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { GroupCatalogue } from '../lookups.js';
import type { RowDetail, RowOutcome } from '../processor.js';
import type { MemberRow } from './group-members-row.js';
import { outcome } from './groups-outcomes.js';

/** Components whose memberships this file may remove: manual ones and its own (protected) ones. */
const REMOVABLE = new Set(['', 'tool_sync']);

const ENTITY = 'groupmember';

/**
 * The memberships of the users a batch names in the groups of its courses, as the platform holds them and as
 * the batch's writes change them: the component of each membership by `groupId:userId` (absent: not a member).
 */
export class Memberships {
  readonly #component = new Map<string, string>();

  static async load(platform: Platform, groupIds: readonly number[], userIds: readonly number[]): Promise<Memberships> {
    const memberships = new Memberships();
    const found = groupIds.length && userIds.length ? await platform.run('findGroupMembers', { groupIds: [...new Set(groupIds)], userIds: [...new Set(userIds)] }) : [];
    for (const member of found) memberships.set(member, true);
    return memberships;
  }

  /** The component of a membership ('' for a manual one); undefined when the user is not a member. */
  get(groupId: number, userId: number): string | undefined {
    return this.#component.get(`${groupId}:${userId}`);
  }

  set(member: GroupMember, present: boolean): void {
    const key = `${member.groupId}:${member.userId}`;
    if (present) this.#component.set(key, member.component ?? '');
    else this.#component.delete(key);
  }
}

/** What one row writes: memberships to remove (shift: the others; del: the one named) and the one to add. */
interface MemberPlan {
  readonly memberRow: MemberRow;
  readonly removals: readonly { readonly group: PlatformGroup; readonly component: string }[];
  readonly add: boolean;
  /** Shift: memberships owned by other plugins, kept (a warning each). */
  readonly kept: readonly { readonly group: PlatformGroup; readonly component: string }[];
}

/**
 * Decides and executes the rows of a batch in as few platform calls as possible: every removal, then every
 * addition. A row naming a user and course of a queued row waits for it (the caller flushes), so the rows
 * queued together never touch the same memberships and the file reads as if done row by row.
 */
export class GroupMembersWriter {
  readonly #platform: Platform;
  readonly #groups: GroupCatalogue<PlatformGroup>;
  readonly #memberships: Memberships;
  readonly #component: string;
  readonly #outcomes: RowOutcome[];
  #plans: MemberPlan[] = [];

  constructor(parts: { platform: Platform; groups: GroupCatalogue<PlatformGroup>; memberships: Memberships; component: string; outcomes: RowOutcome[] }) {
    this.#platform = parts.platform;
    this.#groups = parts.groups;
    this.#memberships = parts.memberships;
    this.#component = parts.component;
    this.#outcomes = parts.outcomes;
  }

  /** Plans a row from the memberships as the rows before it left them. */
  add(memberRow: MemberRow): void {
    const { command, course, group, user } = memberRow;
    if (command === 'del') {
      const component = this.#memberships.get(group.id, user.id);
      if (component === undefined) {
        this.#outcomes.push(outcome(memberRow.row, ENTITY, 'skipped', 'GROUPS_MEMBER_NOT_MEMBER', params(memberRow)));
        return;
      }
      // Another plugin's membership is asked for anyway: the platform's refusal says who owns it.
      const asked = REMOVABLE.has(component) ? component : this.#component;
      this.#plans.push({ memberRow, removals: [{ group, component: asked }], add: false, kept: [] });
      return;
    }
    const others = command === 'shift' ? this.#groups.inCourse(course.id).filter((other) => other.id !== group.id) : [];
    const held = others.flatMap((other) => {
      const component = this.#memberships.get(other.id, user.id);
      return component === undefined ? [] : [{ group: other, component }];
    });
    this.#plans.push({
      memberRow,
      removals: held.filter(({ component }) => REMOVABLE.has(component)),
      add: true,
      kept: held.filter(({ component }) => !REMOVABLE.has(component)),
    });
  }

  async flush(): Promise<void> {
    const plans = this.#plans;
    this.#plans = [];
    if (!plans.length) return;
    const removals = plans.flatMap((plan) =>
      plan.removals.map(({ group, component }) => ({ plan, group, member: { groupId: group.id, userId: plan.memberRow.user.id, component } })),
    );
    const removed = await this.#platform.run('removeGroupMembers', removals.map(({ member }) => member));
    const removedOf = new Map<MemberPlan, { group: PlatformGroup; member: GroupMember; result: ItemResult<Removed> }[]>();
    removals.forEach(({ plan, group, member }, index) => {
      removedOf.set(plan, [...(removedOf.get(plan) ?? []), { group, member, result: removed[index]! }]);
    });
    const adds = plans.filter((plan) => plan.add);
    const added = await this.#platform.run('addGroupMembers', adds.map((plan) => ({ groupId: plan.memberRow.group.id, userId: plan.memberRow.user.id, component: this.#component })));
    const addedOf = new Map(adds.map((plan, index) => [plan, added[index]!]));
    for (const plan of plans) {
      const done = removedOf.get(plan) ?? [];
      const addResult = addedOf.get(plan);
      this.#outcomes.push(addResult ? this.#addOutcome(plan, done, addResult) : this.#removalOutcome(plan.memberRow, done[0]!));
    }
  }

  /** An `add` or `shift` row: the other memberships it removed or kept, then the membership it asked for. */
  #addOutcome(plan: MemberPlan, removals: readonly { group: PlatformGroup; member: GroupMember; result: ItemResult<Removed> }[], result: ItemResult<Added>): RowOutcome {
    const { memberRow } = plan;
    const { row, user, group } = memberRow;
    const details: RowDetail[] = plan.kept.map((kept) => ({
      code: 'GROUPS_MEMBER_OTHER_KEPT',
      params: { user: user.username, group: kept.group.name, component: kept.component },
      level: 'warning',
    }));
    let anyRemoved = false;
    for (const removal of removals) {
      const other = { ...params(memberRow), group: removal.group.name };
      if (!removal.result.ok) {
        details.push({ code: 'GROUPS_MEMBER_PREVIOUS_REJECTED', params: { ...other, reason: removal.result.error.message }, level: 'warning' });
      } else if (removal.result.value.removed) {
        anyRemoved = true;
        this.#memberships.set(removal.member, false);
        details.push({ code: 'GROUPS_MEMBER_PREVIOUS_REMOVED', params: other, counter: 'groupmember.deleted' });
      }
    }
    if (!result.ok) {
      const notEnrolled = result.error.code === 'PLATFORM_USER_NOT_ENROLLED';
      if (notEnrolled) return outcome(row, ENTITY, 'error', 'GROUPS_MEMBER_NOT_ENROLLED', params(memberRow), { details });
      return outcome(row, ENTITY, 'error', 'GROUPS_MEMBER_ADD_REJECTED', { ...params(memberRow), reason: result.error.message }, { details });
    }
    if (result.value.added) this.#memberships.set({ groupId: group.id, userId: user.id, component: this.#component }, true);
    if (result.value.added) return outcome(row, ENTITY, 'created', 'GROUPS_MEMBER_ADDED', params(memberRow), { details });
    if (anyRemoved) return outcome(row, ENTITY, 'updated', 'GROUPS_MEMBER_SHIFTED', params(memberRow), { details });
    return outcome(row, ENTITY, 'unchanged', 'GROUPS_MEMBER_KEPT', params(memberRow), { details });
  }

  /** A `del` row: removed, already gone, or refused (another plugin's membership). */
  #removalOutcome(memberRow: MemberRow, removal: { member: GroupMember; result: ItemResult<Removed> }): RowOutcome {
    const { row } = memberRow;
    const { result } = removal;
    if (!result.ok) return outcome(row, ENTITY, 'error', 'GROUPS_MEMBER_REMOVE_REJECTED', { ...params(memberRow), reason: result.error.message });
    this.#memberships.set(removal.member, false);
    return result.value.removed
      ? outcome(row, ENTITY, 'deleted', 'GROUPS_MEMBER_REMOVED', params(memberRow))
      : outcome(row, ENTITY, 'skipped', 'GROUPS_MEMBER_NOT_MEMBER', params(memberRow));
  }
}

function params(memberRow: MemberRow): Record<string, string> {
  return { user: memberRow.user.username, group: memberRow.group.name, course: memberRow.course.shortname };
}

