import { enrolmentRoleComponent, type CourseRoleAssignment, type PlatformEnrolment, type PlatformRole } from '../../platform/operations.js';
import type { StepWriter } from '../step-writer.js';
import type { RowProgress } from './enrols-progress.js';
import type { EnrolsReferences } from './enrols-references.js';
import type { EnrolsState } from './enrols-state.js';

/** What the commands need besides the row. */
export interface CommandContext {
  readonly state: EnrolsState;
  readonly references: EnrolsReferences;
  readonly writer: StepWriter;
  /** Called when a user gets a new enrolment (for the teachers' digest). */
  readonly arrived: (progress: RowProgress) => void;
}

/** Queues the writes of a row's command (spec 6.3 as corrected by decisions 48 to 54). */
export function planCommand(progress: RowProgress, context: CommandContext): void {
  if (progress.resolved.instance) planWithMethod(progress, context);
  else planRoleOnly(progress, context);
}

function planWithMethod(progress: RowProgress, context: CommandContext): void {
  const { resolved } = progress;
  const { state, writer } = context;
  const instance = resolved.instance!;
  const current = state.enrolment(resolved.course.id, resolved.user.id, instance.id);
  const notEnrolled = () => progress.set('skipped', 'ENROLS_NOT_ENROLLED');
  switch (resolved.cmd) {
    case 'add':
    case 'shift': {
      const role = resolved.roleRecord!;
      if (!current) return enrol(progress, context, role);
      const owner = enrolmentRoleComponent(instance.enrol);
      const held = state.roles(resolved.course.id, resolved.user.id).filter((assignment) => (assignment.component ?? '') === owner);
      // shift changes the role and keeps the enrolment (decision 51): the other roles of this method go.
      const removed = resolved.cmd === 'shift' ? held.filter((assignment) => assignment.roleId !== role.id) : [];
      const changes = [
        ...(held.some((assignment) => assignment.roleId === role.id) ? [] : [`rolename ${role.shortname}`]),
        ...(resolved.start !== undefined && resolved.start !== current.timestart ? ['starttime'] : []),
        ...(resolved.end !== undefined && resolved.end !== current.timeend ? ['endtime'] : []),
        // add re-activates a suspended enrolment, as the original's re-enrolment did; shift keeps the status.
        ...(resolved.cmd === 'add' && current.suspended ? ['status active'] : []),
      ];
      if (!changes.length && !removed.length) return progress.set('unchanged', 'ENROLS_ALREADY_ENROLLED');
      for (const assignment of removed) unassign(progress, context, assignment);
      if (changes.length) {
        writer.add({
          kind: 'enrolUsers',
          item: () => ({ ...datesOf(progress, current), instanceId: instance.id, userId: resolved.user.id, roleId: role.id, suspended: resolved.cmd === 'shift' && current.suspended }),
          done: (result) => void (progress.refused(result) || (progress.status !== 'error' && updated(progress, changes, removed, context))),
        });
      } else if (progress.status !== 'error') {
        updated(progress, changes, removed, context);
      }
      return;
    }
    case 'del':
      if (!current) return notEnrolled();
      writer.add({
        kind: 'unenrolUsers',
        item: () => ({ instanceId: instance.id, userId: resolved.user.id }),
        done: (result) => {
          if (progress.refused(result)) return;
          if (result.ok && result.value.removed) progress.set('deleted', 'ENROLS_UNENROLLED');
          else notEnrolled();
        },
      });
      return;
    case 'enable':
    case 'disable':
      if (!current) return notEnrolled();
      setStatus(progress, context, [current]);
  }
}

function planRoleOnly(progress: RowProgress, context: CommandContext): void {
  const { resolved } = progress;
  const { state } = context;
  // Roles given by hand (component ''): the ones this file manages; plugin-owned roles are never touched.
  const manual = state.roles(resolved.course.id, resolved.user.id).filter((assignment) => !assignment.component);
  const role = resolved.roleRecord;
  switch (resolved.cmd) {
    case 'add':
      if (manual.some((assignment) => assignment.roleId === role!.id)) return progress.set('unchanged', 'ENROLS_ROLE_ALREADY');
      return assign(progress, context, role!, 'created', 'ENROLS_ROLE_ADDED');
    case 'shift': {
      const removed = manual.filter((assignment) => assignment.roleId !== role!.id);
      const holds = manual.length > removed.length;
      if (holds && !removed.length) return progress.set('unchanged', 'ENROLS_ROLE_ALREADY');
      for (const assignment of removed) unassign(progress, context, assignment);
      const names = { removed: roleNames(context, removed) };
      if (!holds) return assign(progress, context, role!, 'updated', 'ENROLS_ROLE_SHIFTED_ONLY', names, 'role.shifted');
      return progress.set('updated', 'ENROLS_ROLE_SHIFTED_ONLY', names, 'role.shifted');
    }
    case 'del': {
      const removed = role ? manual.filter((assignment) => assignment.roleId === role.id) : manual;
      if (!removed.length) return progress.set('skipped', role ? 'ENROLS_ROLE_NOT_HELD' : 'ENROLS_NO_ROLES');
      for (const assignment of removed) unassign(progress, context, assignment);
      if (progress.status !== 'error') {
        progress.set('deleted', role ? 'ENROLS_ROLE_REMOVED' : 'ENROLS_ALL_ROLES_REMOVED', { removed: roleNames(context, removed) });
      }
      return;
    }
    case 'enable':
    case 'disable': {
      // Every enrolment of the user in the course's usable instances (decision 52: not filtered by status).
      const usable = new Set(context.references.usableInstances(resolved.course.id).map((instance) => instance.id));
      const enrolments = state.enrolments(resolved.course.id, resolved.user.id).filter((enrolment) => usable.has(enrolment.instanceId));
      if (!enrolments.length) return progress.set('skipped', 'ENROLS_NO_ENROLMENT');
      setStatus(progress, context, enrolments);
    }
  }
}

/** A first enrolment through the row's instance (add, or shift of a user not enrolled yet). */
function enrol(progress: RowProgress, context: CommandContext, role: PlatformRole): void {
  const { resolved } = progress;
  context.writer.add({
    kind: 'enrolUsers',
    item: () => ({ instanceId: resolved.instance!.id, userId: resolved.user.id, roleId: role.id, timestart: resolved.start ?? 0, timeend: resolved.end ?? 0 }),
    done: (result) => {
      if (progress.refused(result)) return;
      progress.set('created', 'ENROLS_ENROLLED');
      context.arrived(progress);
    },
  });
}

function updated(progress: RowProgress, changes: readonly string[], removed: readonly CourseRoleAssignment[], context: CommandContext): void {
  if (progress.resolved.cmd === 'shift') {
    progress.set('updated', 'ENROLS_ROLE_SHIFTED', { removed: roleNames(context, removed) }, 'enrolment.shifted');
  } else {
    progress.set('updated', 'ENROLS_ENROLMENT_UPDATED', { changes: changes.join(', ') });
  }
}

/** enable / disable: the status changes, the dates only when the row gives them (decision 52). */
function setStatus(progress: RowProgress, context: CommandContext, enrolments: readonly PlatformEnrolment[]): void {
  const { resolved } = progress;
  const suspended = resolved.cmd === 'disable';
  const enrols = { enrol: methodsOf(context, enrolments) };
  const changing = enrolments.filter(
    (enrolment) =>
      enrolment.suspended !== suspended ||
      (resolved.start !== undefined && resolved.start !== enrolment.timestart) ||
      (resolved.end !== undefined && resolved.end !== enrolment.timeend),
  );
  if (!changing.length) return progress.set('unchanged', suspended ? 'ENROLS_ALREADY_DISABLED' : 'ENROLS_ALREADY_ENABLED', enrols);
  for (const enrolment of changing) {
    context.writer.add({
      kind: 'updateEnrolments',
      item: () => ({
        instanceId: enrolment.instanceId,
        userId: resolved.user.id,
        suspended,
        ...(resolved.start !== undefined ? { timestart: resolved.start } : {}),
        ...(resolved.end !== undefined ? { timeend: resolved.end } : {}),
      }),
      done: (result) => {
        if (progress.status === 'error' || progress.refused(result)) return;
        // Counted once per row, however many of the user's enrolments it changed.
        const counter = progress.status === 'updated' ? undefined : `${progress.entity}.${suspended ? 'disabled' : 'enabled'}`;
        progress.set('updated', suspended ? 'ENROLS_DISABLED' : 'ENROLS_ENABLED', enrols, counter);
      },
    });
  }
}

function assign(
  progress: RowProgress,
  context: CommandContext,
  role: PlatformRole,
  status: 'created' | 'updated',
  code: 'ENROLS_ROLE_ADDED' | 'ENROLS_ROLE_SHIFTED_ONLY',
  params: Record<string, string> = {},
  counter?: string,
): void {
  const { resolved } = progress;
  context.writer.add({
    kind: 'assignCourseRoles',
    item: () => ({ courseId: resolved.course.id, userId: resolved.user.id, roleId: role.id }),
    done: (result) => void (progress.status === 'error' || progress.refused(result) || progress.set(status, code, params, counter)),
  });
}

function unassign(progress: RowProgress, context: CommandContext, assignment: CourseRoleAssignment): void {
  context.writer.add({
    kind: 'unassignCourseRoles',
    item: () => assignment,
    done: (result) => void progress.refused(result),
  });
}

/** The dates an update keeps: the row's when given, else the enrolment's own. */
function datesOf(progress: RowProgress, current: PlatformEnrolment): { timestart: number; timeend: number } {
  return { timestart: progress.resolved.start ?? current.timestart, timeend: progress.resolved.end ?? current.timeend };
}

function roleNames(context: CommandContext, assignments: readonly CourseRoleAssignment[]): string {
  return assignments.map((assignment) => context.references.roles.byId(assignment.roleId)?.shortname ?? `#${assignment.roleId}`).sort().join(', ') || '-';
}

function methodsOf(context: CommandContext, enrolments: readonly PlatformEnrolment[]): string {
  const ids = new Set(enrolments.map((enrolment) => enrolment.instanceId));
  return [...new Set(context.references.usableInstances(enrolments[0]!.courseId).filter((instance) => ids.has(instance.id)).map((instance) => instance.enrol))].join(', ');
}
