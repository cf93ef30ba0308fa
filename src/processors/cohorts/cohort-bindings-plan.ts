import type { ItemResult } from '../../platform/item-result.js';
import type { PlatformEnrolInstance, PlatformGroup } from '../../platform/operations.js';
import type { GroupCatalogue, RoleLookup } from '../lookups.js';
import type { RowDetail, RowOutcome, RowStatus } from '../processor.js';
import type { StepWriter } from '../step-writer.js';
import { ALL_ROLES, COHORT_METHOD } from './cohort-bindings-columns.js';
import type { CohortBindingsMessageCode } from './cohort-bindings-messages.js';
import type { ResolvedBinding } from './cohort-bindings-references.js';
import type { CohortInstances } from './cohort-bindings-state.js';

/** The counted entity of every row of the file. */
export const BINDING_ENTITY = 'cohortbinding';

/** A row on its way: what it has done so far; it becomes one outcome once the batch is written. */
export class BindingProgress {
  readonly binding: ResolvedBinding;
  status: RowStatus = 'unchanged';
  code: CohortBindingsMessageCode = 'COHORTBINDINGS_EXISTS';
  params: Record<string, string | number>;
  readonly details: RowDetail[] = [];

  constructor(binding: ResolvedBinding) {
    this.binding = binding;
    this.params = { cmd: binding.cmd, cohort: binding.cohort, course: binding.course, role: binding.roleRecord?.shortname ?? ALL_ROLES };
  }

  set(status: RowStatus, code: CohortBindingsMessageCode, params: Record<string, string | number> = {}): void {
    // A refusal already recorded stays the row's outcome.
    if (this.status === 'error') return;
    this.status = status;
    this.code = code;
    this.params = { ...this.params, ...params };
  }

  /** A platform refusal makes the row an error (fed to the tryback file). */
  refused(result: ItemResult<unknown>): boolean {
    if (result.ok) return false;
    this.set('error', 'COHORTBINDINGS_PLATFORM_REJECTED', { reason: result.error.message });
    return true;
  }

  detail(code: CohortBindingsMessageCode, params: Record<string, string | number>, counter?: string): void {
    this.details.push({ code, params, ...(counter ? { counter } : {}) });
  }

  outcome(): RowOutcome {
    return { row: this.binding.row, status: this.status, code: this.code, params: this.params, entity: BINDING_ENTITY, details: this.details };
  }
}

export interface PlanContext {
  readonly instances: CohortInstances;
  readonly groups: GroupCatalogue<PlatformGroup>;
  readonly roles: RoleLookup;
  readonly writer: StepWriter;
}

/** The writes a row's command needs, queued on the writer; the row's outcome is set as they are answered. */
export function planBinding(progress: BindingProgress, context: PlanContext): void {
  const { binding } = progress;
  const matches = context.instances.matching(binding.courseRecord.id, binding.cohortRecord.id, binding.roleRecord?.id ?? null);
  if (binding.cmd === 'add') return planAdd(progress, context, matches[0]);
  if (!matches.length) return progress.set('skipped', 'COHORTBINDINGS_NOT_BOUND');
  if (binding.roleRecord === null) progress.params.role = roleNames(matches, context.roles);
  if (binding.cmd === 'fulldel') return planDelete(progress, context, matches);
  const enable = binding.cmd === 'restore';
  const toChange = matches.filter((instance) => instance.enabled !== enable);
  if (!toChange.length) return progress.set('unchanged', enable ? 'COHORTBINDINGS_ALREADY_ACTIVE' : 'COHORTBINDINGS_ALREADY_DISENGAGED');
  for (const instance of toChange) {
    context.writer.add({
      kind: 'setEnrolInstancesStatus',
      item: () => ({ instanceId: instance.id, enabled: enable }),
      done: (result) => {
        if (progress.refused(result)) return;
        context.instances.setEnabled(instance, enable);
        progress.set('updated', enable ? 'COHORTBINDINGS_RESTORED' : 'COHORTBINDINGS_DISENGAGED');
      },
    });
  }
}

function planAdd(progress: BindingProgress, context: PlanContext, existing: PlatformEnrolInstance | undefined): void {
  const { binding } = progress;
  const { writer } = context;
  if (existing?.enabled) return progress.set('unchanged', 'COHORTBINDINGS_EXISTS');
  if (existing) {
    writer.add({
      kind: 'setEnrolInstancesStatus',
      item: () => ({ instanceId: existing.id, enabled: true }),
      done: (result) => {
        if (progress.refused(result)) return;
        context.instances.setEnabled(existing, true);
        progress.set('updated', 'COHORTBINDINGS_REENABLED');
      },
    });
    return;
  }
  const courseId = binding.courseRecord.id;
  const groupName = binding.cohortRecord.name;
  let groupId: number | null = null;
  let groupFailed = false;
  if (binding.makegroup) {
    const group = context.groups.find(courseId, 'name', groupName);
    if (group) {
      groupId = group.id;
      progress.detail('COHORTBINDINGS_GROUP_REUSED', { group: groupName, course: binding.course });
    } else {
      writer.add({
        kind: 'createGroups',
        item: () => ({ courseId, name: groupName }),
        done: (result) => {
          if (!result.ok) {
            progress.refused(result);
            groupFailed = true;
            return;
          }
          const id = result.value.id;
          groupId = id;
          context.groups.remember({ id, courseId, name: groupName, idnumber: '', description: '' });
          progress.detail('COHORTBINDINGS_GROUP_CREATED', { group: groupName, course: binding.course }, 'group.created');
        },
      });
    }
  }
  const roleId = binding.roleRecord!.id;
  const cohortId = binding.cohortRecord.id;
  writer.add({
    kind: 'addCohortInstances',
    item: () =>
      groupFailed
        ? null
        : {
            courseId,
            cohortId,
            roleId,
            groupId,
            ...(binding.enrolstart !== undefined ? { enrolstart: binding.enrolstart } : {}),
            ...(binding.enrolend !== undefined ? { enrolend: binding.enrolend } : {}),
          },
    done: (result) => {
      if (!result.ok) return void progress.refused(result);
      const { id, added } = result.value;
      if (!added) return progress.set('unchanged', 'COHORTBINDINGS_EXISTS');
      context.instances.remember({ id, courseId, enrol: COHORT_METHOD, enabled: true, sortorder: Number.MAX_SAFE_INTEGER, roleId, cohortId, groupId });
      progress.set('created', 'COHORTBINDINGS_ADDED');
    },
  });
}

function planDelete(progress: BindingProgress, context: PlanContext, matches: readonly PlatformEnrolInstance[]): void {
  let deleted = 0;
  for (const instance of matches) {
    context.writer.add({
      kind: 'deleteEnrolInstances',
      item: () => instance.id,
      done: (result) => {
        if (progress.refused(result)) return;
        context.instances.forget(instance);
        deleted++;
        progress.set('deleted', 'COHORTBINDINGS_FULLY_DELETED', { count: deleted });
      },
    });
  }
}

/** The shortnames of the instances' roles, for rows naming every role. */
function roleNames(instances: readonly PlatformEnrolInstance[], roles: RoleLookup): string {
  return [...new Set(instances.map((instance) => roles.byId(instance.roleId)?.shortname ?? String(instance.roleId)))].join(', ');
}
