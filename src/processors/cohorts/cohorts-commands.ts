import type { CohortChange, PlatformCohort, PlatformUser } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { UserMatches } from '../lookups.js';
import type { StepWriter } from '../step-writer.js';
import type { CategoryLookup, CohortCatalogue } from './cohorts-catalogue.js';
import type { CohortField } from './cohorts-columns.js';
import type { CohortProgress } from './cohorts-progress.js';

/** What planning a row needs: lookups, the batch's writer, and the run's record of what it changed. */
export interface PlanContext {
  readonly platform: Platform;
  readonly field: CohortField;
  readonly autocreate: boolean;
  readonly cohorts: CohortCatalogue;
  readonly categories: CategoryLookup;
  readonly users: UserMatches;
  readonly writer: StepWriter;
  /** Cohorts whose members the run changed (for the cohort enrolment sync). */
  readonly changed: Set<number>;
  /** Cohorts the run removed members from (for `cohorts_syncdelete`). */
  readonly emptied: Set<number>;
  /** Cohorts the run deleted. */
  readonly deleted: Set<number>;
}

/** The member a row names: undefined when it names none, null when the row failed (said on the progress). */
function resolveUser(progress: CohortProgress, context: PlanContext): PlatformUser | undefined | null {
  const value = progress.row.user;
  if (!value) return undefined;
  const found = context.users.get(value);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) progress.fail('COHORTS_NO_SUCH_USER', { user: value, field: context.users.field }, 'userid');
  else progress.fail('COHORTS_AMBIGUOUS_USER', { user: value, field: context.users.field, count: found.length }, 'userid');
  return null;
}

function userParams(user: PlatformUser, cohort: string): Record<string, string | number> {
  return { user: user.username, idnumber: user.idnumber, cohort };
}

function notFound(progress: CohortProgress, context: PlanContext): void {
  const { row } = progress;
  progress.fail('COHORTS_NOT_FOUND', { column: row.column, cohort: row.identifier, field: context.field }, row.column);
}

/** `add`: the cohort found, created (`cohorts_autocreate`) or updated, then the member added (spec 7.2, as corrected). */
export function planAdd(progress: CohortProgress, cohort: PlatformCohort | undefined, context: PlanContext): void {
  const { row } = progress;
  const user = resolveUser(progress, context);
  if (user === null) return;
  let categoryId: number | undefined;
  if (row.category) {
    const category = context.categories.get(row.category.column === 'ccatcontext' ? 'id' : 'idnumber', row.category.value);
    if (!category) {
      progress.fail('COHORTS_BAD_CATEGORY', { column: row.category.column, value: row.category.value, cohort: row.identifier }, row.category.column);
      return;
    }
    categoryId = category.id;
  }
  // The id of the row's cohort, known once its creation (if any) is written.
  let cohortId: number | null = cohort?.id ?? null;
  if (!cohort) {
    if (!context.autocreate) {
      progress.fail('COHORTS_NOT_FOUND_NO_CREATE', { column: row.column, cohort: row.identifier, field: context.field }, row.column);
      return;
    }
    if (!row.name) {
      progress.fail('COHORTS_NAME_REQUIRED', { cohort: row.identifier }, 'cname');
      return;
    }
    const sameIdnumber = row.idnumber ? context.cohorts.find('idnumber', row.idnumber) : undefined;
    if (sameIdnumber) {
      progress.fail('COHORTS_CONFLICT_IDNUMBER', { id: sameIdnumber.id, name: sameIdnumber.name, idnumber: row.idnumber }, 'cidnumber');
      return;
    }
    const sameName = context.cohorts.find('name', row.name);
    if (sameName) {
      progress.fail('COHORTS_CONFLICT_NAME', { id: sameName.id, name: row.name }, 'cname');
      return;
    }
    const created = {
      name: row.name,
      idnumber: row.idnumber,
      description: row.description,
      categoryId: categoryId ?? null,
      ...(row.component ? { component: row.component } : {}),
    };
    context.writer.add({
      kind: 'createCohorts',
      item: () => created,
      done: (result) => {
        if (progress.refused(result)) return;
        const id = result.value.id;
        cohortId = id;
        context.cohorts.remember({ id, ...created });
        progress.cohort('created', 'COHORTS_CREATED', { id, name: row.name });
      },
    });
  } else {
    const change: { -readonly [K in keyof CohortChange]: CohortChange[K] } = { id: cohort.id };
    const changes: string[] = [];
    if (context.field !== 'name' && row.name && row.name !== cohort.name) {
      change.name = row.name;
      changes.push(`name: ${cohort.name} → ${row.name}`);
    }
    if (context.field !== 'idnumber' && row.idnumber && row.idnumber !== cohort.idnumber) {
      change.idnumber = row.idnumber;
      changes.push(`idnumber: ${cohort.idnumber} → ${row.idnumber}`);
    }
    if (row.description && row.description !== cohort.description) {
      change.description = row.description;
      changes.push('description');
    }
    if (categoryId !== undefined && categoryId !== cohort.categoryId) {
      change.categoryId = categoryId;
      changes.push(`category: ${cohort.categoryId ?? 'system'} → ${categoryId}`);
    }
    const params = { id: cohort.id, name: change.name ?? cohort.name };
    progress.cohort('unchanged', 'COHORTS_UNCHANGED', params);
    if (changes.length) {
      context.writer.add({
        kind: 'updateCohorts',
        item: () => change,
        done: (result) => {
          if (progress.refused(result) || !result.value.changed) return;
          const { id: _id, ...fields } = change;
          context.cohorts.remember({ ...cohort, ...fields });
          progress.cohort('updated', 'COHORTS_UPDATED', { ...params, changes: changes.join(', ') });
        },
      });
    }
  }
  if (!user) return;
  context.writer.add({
    kind: 'addCohortMembers',
    item: () => (progress.failed || cohortId === null ? null : { cohortId, userId: user.id }),
    done: (result) => {
      if (progress.refused(result)) return;
      if (result.value.added) {
        context.changed.add(cohortId!);
        progress.member('created', 'COHORTS_MEMBER_ADDED', userParams(user, row.identifier));
      } else progress.member('unchanged', 'COHORTS_ALREADY_MEMBER', userParams(user, row.identifier));
    },
  });
}

/**
 * `del`: with a member named, removes the member (an unknown member is a row error and deletes nothing);
 * with none, deletes the cohort with its cohort enrolment instances (decision 55).
 */
export function planDel(progress: CohortProgress, cohort: PlatformCohort | undefined, context: PlanContext): void {
  const { row } = progress;
  if (!cohort) return notFound(progress, context);
  const user = resolveUser(progress, context);
  if (user === null) return;
  if (user) {
    context.writer.add({
      kind: 'removeCohortMembers',
      item: () => ({ cohortId: cohort.id, userId: user.id }),
      done: (result) => {
        if (progress.refused(result)) return;
        if (result.value.removed) {
          context.changed.add(cohort.id);
          context.emptied.add(cohort.id);
          progress.member('deleted', 'COHORTS_MEMBER_REMOVED', userParams(user, row.identifier));
        } else progress.member('skipped', 'COHORTS_NOT_MEMBER', userParams(user, row.identifier));
      },
    });
    return;
  }
  context.writer.add({
    kind: 'deleteCohorts',
    item: () => cohort.id,
    done: (result) => {
      if (progress.refused(result)) return;
      context.cohorts.forget(cohort.id);
      context.deleted.add(cohort.id);
      progress.cohort('deleted', 'COHORTS_DELETED', { id: cohort.id, name: cohort.name });
    },
  });
}

/** `free`: removes every member of the cohort (read when the row comes, after the writes it depends on). */
export async function planFree(progress: CohortProgress, cohort: PlatformCohort | undefined, context: PlanContext): Promise<void> {
  if (!cohort) return notFound(progress, context);
  const members = await context.platform.run('findCohortMembers', { cohortIds: [cohort.id] });
  const params = { id: cohort.id, name: cohort.name, idnumber: cohort.idnumber };
  if (!members.length) {
    progress.cohort('unchanged', 'COHORTS_ALREADY_EMPTY', params);
    return;
  }
  let removed = 0;
  progress.cohort('updated', 'COHORTS_EMPTIED', { ...params, count: 0 });
  for (const member of members) {
    context.writer.add({
      kind: 'removeCohortMembers',
      item: () => member,
      done: (result) => {
        if (progress.refused(result) || !result.value.removed) return;
        removed++;
        progress.counters.push('cohortmember.deleted');
        context.changed.add(cohort.id);
        context.emptied.add(cohort.id);
        progress.cohort('updated', 'COHORTS_EMPTIED', { ...params, count: removed });
      },
    });
  }
}
