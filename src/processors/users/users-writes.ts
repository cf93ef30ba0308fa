import type { ItemResult } from '../../platform/item-result.js';
import type { Added } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { RowDetail, RowOutcome, RowStatus } from '../processor.js';
import type { UsersMessageCode } from './users-messages.js';
import type { UserPlan } from './users-plan.js';
import { groupKey, type UsersReferences } from './users-references.js';

/** A plan once its user write is done: the user's id and what the row has done so far. */
interface Progress {
  readonly plan: UserPlan;
  readonly userId: number;
  readonly status: RowStatus;
  readonly code: UsersMessageCode;
  readonly params: Record<string, string | number>;
  readonly details: RowDetail[];
  readonly counters: string[];
  failure?: { step: string; reason: string };
}

/**
 * Executes the plans of a batch in as few platform calls as possible, in dependency order: users first
 * (deletes, creates, password checks, updates), then what needs their ids: cohorts and memberships,
 * enrolments and roles, groups and memberships. Every plan ends as exactly one outcome.
 */
export class UsersBatchWriter {
  readonly #platform: Platform;
  readonly #references: UsersReferences;
  readonly #outcomes: RowOutcome[];
  #plans: UserPlan[] = [];

  constructor(platform: Platform, references: UsersReferences, outcomes: RowOutcome[]) {
    this.#platform = platform;
    this.#references = references;
    this.#outcomes = outcomes;
  }

  add(plan: UserPlan): void {
    this.#plans.push(plan);
  }

  async flush(): Promise<void> {
    const plans = this.#plans;
    this.#plans = [];
    if (!plans.length) return;
    const done = [...(await this.#deletes(plans)), ...(await this.#creates(plans)), ...(await this.#updates(plans))];
    const alive = done.filter((progress) => progress.status !== 'error' && progress.status !== 'deleted');
    await this.#cohorts(alive);
    await this.#enrolments(alive);
    await this.#groups(alive);
    for (const progress of done) this.#outcomes.push(outcomeOf(progress));
  }

  async #deletes(plans: readonly UserPlan[]): Promise<Progress[]> {
    const deletes = plans.filter((plan) => plan.kind === 'delete');
    if (!deletes.length) return [];
    const results = await this.#platform.run('deleteUsers', deletes.map((plan) => plan.current.id));
    return deletes.map((plan, index) =>
      progressOf(plan, plan.current.id, results[index]!, 'deleted', 'USERS_DELETED', { username: plan.current.username }),
    );
  }

  async #creates(plans: readonly UserPlan[]): Promise<Progress[]> {
    const creates = plans.filter((plan) => plan.kind === 'create');
    if (!creates.length) return [];
    const results = await this.#platform.run('createUsers', creates.map((plan) => plan.user));
    return creates.map((plan, index) => {
      const result = results[index]!;
      const { user } = plan;
      return progressOf(plan, result.ok ? result.value.id : 0, result, 'created', 'USERS_CREATED', {
        username: user.username,
        firstname: String(user.firstname),
        lastname: String(user.lastname),
      });
    });
  }

  async #updates(plans: readonly UserPlan[]): Promise<Progress[]> {
    const updates = plans.filter((plan) => plan.kind === 'update');
    if (!updates.length) return [];
    const withPassword = updates.filter((plan) => plan.password !== undefined);
    const same = await this.#platform.run('checkPasswords', withPassword.map((plan) => ({ id: plan.current.id, password: plan.password! })));
    const changes = updates.map((plan) => {
      const checked = withPassword.indexOf(plan);
      const keep = checked >= 0 && same[checked] !== true;
      return { plan, set: keep ? { ...plan.set, password: plan.password! } : plan.set };
    });
    const writes = changes.filter((change) => Object.keys(change.set).length);
    const results = await this.#platform.run('updateUsers', writes.map((change) => ({ id: change.plan.current.id, set: change.set })));
    return changes.map(({ plan, set }) => {
      const { current, userRow } = plan;
      const index = writes.findIndex((write) => write.plan === plan);
      if (index < 0) return progressOf(plan, current.id, { ok: true, value: null }, 'unchanged', 'USERS_UNCHANGED', { username: userRow.username });
      const fields = Object.keys(set).flatMap((field) =>
        field === 'customFields' ? Object.keys(set.customFields!).map((name) => `profile_field_${name}`) : [field],
      );
      const progress = progressOf(plan, current.id, results[index]!, 'updated', 'USERS_UPDATED', {
        firstname: String(set.firstname ?? current.firstname),
        lastname: String(set.lastname ?? current.lastname),
        username: userRow.username,
        idnumber: String(set.idnumber ?? current.idnumber),
        fields: fields.join(', '),
      });
      if (progress.status === 'updated') {
        if (plan.renameFrom) {
          progress.details.push({ code: 'USERS_RENAMED', params: { old: plan.renameFrom, username: userRow.username } });
          progress.counters.push('user.renamed');
        }
        if (set.suspended !== undefined) progress.counters.push(set.suspended ? 'user.suspended' : 'user.restored');
      }
      return progress;
    });
  }

  /** Cohorts named by rows and missing are created once each (reported on the first row), then memberships. */
  async #cohorts(alive: readonly Progress[]): Promise<void> {
    const wanting = alive.filter((progress) => progress.plan.kind !== 'delete' && progress.plan.userRow.cohort);
    const cohorts = this.#references.cohorts;
    const firstByName = new Map<string, Progress>();
    for (const progress of wanting) {
      const { name } = progress.plan.userRow.cohort!;
      if (!cohorts.get(name) && !firstByName.has(name)) firstByName.set(name, progress);
    }
    const creators = [...firstByName.values()];
    const created = await this.#platform.run('createCohorts', creators.map(({ plan }) => {
      const { name, idnumber } = plan.userRow.cohort!;
      return { name, ...(idnumber ? { idnumber } : {}) };
    }));
    const refused = new Map<string, string>();
    creators.forEach((progress, index) => {
      const result = created[index]!;
      const { name } = progress.plan.userRow.cohort!;
      if (!result.ok) return refused.set(name, result.error.message);
      cohorts.set(name, result.value.id);
      progress.details.push({ code: 'USERS_COHORT_CREATED', params: { cohort: name }, counter: 'cohort.created' });
    });
    const members = wanting.filter((progress) => {
      const { name } = progress.plan.userRow.cohort!;
      if (!cohorts.get(name)) progress.failure ??= { step: `cohort "${name}"`, reason: refused.get(name) ?? 'not created' };
      return Boolean(cohorts.get(name));
    });
    const results = await this.#platform.run('addCohortMembers', members.map((progress) => ({
      cohortId: cohorts.get(progress.plan.userRow.cohort!.name)!,
      userId: progress.userId,
    })));
    members.forEach((progress, index) => {
      const cohort = progress.plan.userRow.cohort!.name;
      membership(progress, results[index]!, `cohort "${cohort}"`, { cohort }, ['USERS_COHORT_ADDED', 'USERS_COHORT_KEPT'], 'cohortmember');
    });
  }

  async #enrolments(alive: readonly Progress[]): Promise<void> {
    const wanted = alive.flatMap((progress) => (progress.plan.kind === 'delete' ? [] : progress.plan.enrolments.map((enrolment) => ({ progress, enrolment }))));
    const enrols = wanted.filter((item) => item.enrolment.instance);
    const roles = wanted.filter((item) => !item.enrolment.instance);
    const enrolled = await this.#platform.run('enrolUsers', enrols.map(({ progress, enrolment }) => ({
      instanceId: enrolment.instance!.id,
      userId: progress.userId,
      roleId: enrolment.role.id,
      timestart: enrolment.start,
      timeend: enrolment.end,
    })));
    enrols.forEach(({ progress, enrolment }, index) => {
      const params = { username: progress.plan.userRow.username, course: enrolment.courseLabel, role: enrolment.role.shortname, enrol: enrolment.instance!.enrol };
      membership(progress, enrolled[index]!, `the enrolment in course ${enrolment.courseLabel}`, params, ['USERS_ENROLLED', 'USERS_ENROLMENT_KEPT'], 'enrolment');
    });
    const assigned = await this.#platform.run('assignCourseRoles', roles.map(({ progress, enrolment }) => ({
      courseId: enrolment.course.id,
      userId: progress.userId,
      roleId: enrolment.role.id,
    })));
    roles.forEach(({ progress, enrolment }, index) => {
      const params = { course: enrolment.courseLabel, role: enrolment.role.shortname };
      membership(progress, assigned[index]!, `the role in course ${enrolment.courseLabel}`, params, ['USERS_ROLE_ASSIGNED', 'USERS_ROLE_KEPT'], 'role');
    });
  }

  async #groups(alive: readonly Progress[]): Promise<void> {
    const wanted = alive.flatMap((progress) =>
      progress.plan.kind === 'delete' || progress.failure ? [] : progress.plan.enrolments.filter((enrolment) => enrolment.group).map((enrolment) => ({ progress, enrolment })),
    );
    const groups = this.#references.groups;
    // The first row needing a missing group creates it (and reports it).
    const firstByGroup = new Map<string, (typeof wanted)[number]>();
    for (const item of wanted) {
      const key = groupKey(item.enrolment.course.id, item.enrolment.group!);
      if (!groups.get(key) && !firstByGroup.has(key)) firstByGroup.set(key, item);
    }
    const missing = [...firstByGroup.values()];
    const created = await this.#platform.run('createGroups', missing.map(({ enrolment }) => ({ courseId: enrolment.course.id, name: enrolment.group! })));
    missing.forEach(({ progress, enrolment }, index) => {
      const result = created[index]!;
      const params = { group: enrolment.group!, course: enrolment.courseLabel };
      if (result.ok) {
        groups.set(groupKey(enrolment.course.id, enrolment.group!), result.value.id);
        progress.details.push({ code: 'USERS_GROUP_CREATED', params, counter: 'group.created' });
      } else {
        progress.details.push({ code: 'USERS_GROUP_NOT_ADDED', params: { ...params, reason: result.error.message }, level: 'warning' });
      }
    });
    const members = wanted.filter(({ enrolment }) => groups.get(groupKey(enrolment.course.id, enrolment.group!)));
    const results = await this.#platform.run('addGroupMembers', members.map(({ progress, enrolment }) => ({
      groupId: groups.get(groupKey(enrolment.course.id, enrolment.group!))!,
      userId: progress.userId,
    })));
    members.forEach(({ progress, enrolment }, index) => {
      const result = results[index]!;
      const params = { group: enrolment.group!, course: enrolment.courseLabel };
      if (result.ok) {
        progress.details.push(result.value.added
          ? { code: 'USERS_GROUP_ADDED', params, counter: 'groupmember.created' }
          : { code: 'USERS_GROUP_KEPT', params, counter: 'groupmember.unchanged' });
      } else {
        // The original only warned: a group the user cannot join does not undo the account.
        const notEnrolled = result.error.code === 'PLATFORM_USER_NOT_ENROLLED';
        progress.details.push({
          code: notEnrolled ? 'USERS_GROUP_NOT_ENROLLED' : 'USERS_GROUP_NOT_ADDED',
          params: notEnrolled ? params : { ...params, reason: result.error.message },
          level: 'warning',
          counter: 'groupmember.error',
        });
      }
    });
  }
}

function progressOf(
  plan: UserPlan,
  userId: number,
  result: ItemResult<unknown>,
  status: RowStatus,
  code: UsersMessageCode,
  params: Record<string, string | number>,
): Progress {
  const details = [...plan.notes];
  if (!result.ok) {
    return { plan, userId, status: 'error', code: 'USERS_PLATFORM_REJECTED', params: { reason: result.error.message }, details, counters: [] };
  }
  return { plan, userId, status, code, params, details, counters: [] };
}

/** Adds the detail of a membership-like write (added, already there, or refused, which fails the row). */
function membership(
  progress: Progress,
  result: ItemResult<Added>,
  step: string,
  params: Record<string, string | number>,
  [addedCode, keptCode]: [UsersMessageCode, UsersMessageCode],
  entity: string,
): void {
  if (!result.ok) {
    progress.failure ??= { step, reason: result.error.message };
    return;
  }
  progress.details.push(result.value.added
    ? { code: addedCode, params, counter: `${entity}.created` }
    : { code: keptCode, params, counter: `${entity}.unchanged` });
}

function outcomeOf(progress: Progress): RowOutcome {
  const { plan, details, counters } = progress;
  const row = plan.userRow.row;
  if (progress.failure) {
    // The user was written but a later step was refused: the row goes to the tryback file to be fed again.
    return { row, entity: 'user', details, counters, status: 'error', code: 'USERS_PLATFORM_REJECTED_STEP', params: progress.failure };
  }
  const outcome: { -readonly [K in keyof RowOutcome]: RowOutcome[K] } = { row, entity: 'user', details, counters, status: progress.status, code: progress.code, params: progress.params };
  if (plan.kind === 'create' && progress.status === 'created' && plan.mail) outcome.mail = plan.mail;
  return outcome;
}
