import type { CsvRow } from '../../csv/reader.js';
import type { ColumnSpec } from '../../csv/header-check.js';
import { lookupKey, type PlatformUser, type UserLookupField } from '../../platform/operations.js';
import type { Settings } from '../../settings/settings-store.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../processor.js';
import { USERS_COLUMNS } from './users-columns.js';
import { USERS_MESSAGES, type UsersMessageCode } from './users-messages.js';

type StatusChange = 'delete' | 'suspend' | 'restore';

/**
 * Columns of the delete, suspend and restore files: the column named after `users_primaryidentity` is required
 * (spec 3.10); the other columns of a users file are accepted, so a users file can be fed as is.
 */
function statusColumns(settings: Settings): ColumnSpec {
  const identity = settings.choice('users_primaryidentity');
  return {
    required: [identity],
    optional: [...USERS_COLUMNS.required, ...USERS_COLUMNS.optional, 'id'].filter((column) => column !== identity),
    ...(USERS_COLUMNS.patterns ? { patterns: USERS_COLUMNS.patterns } : {}),
  };
}

function statusAction(change: StatusChange, locationSetting: string, defaultFile: string): ProcessorAction {
  return {
    processor: 'users',
    action: change,
    locationSetting,
    defaultFile,
    columns: statusColumns,
    messages: USERS_MESSAGES,
    process: (batches, context) => processStatusChanges(change, batches, context),
  };
}

/** The delete file (action DELETE, spec 3.10 fixed: per-row lines, simulate, tryback). */
export const usersDeleteAction = statusAction('delete', 'users_deletefilelocation', 'userdelete.csv');
/** The suspend file (action SUSPEND). */
export const usersSuspendAction = statusAction('suspend', 'users_suspendfilelocation', 'usersuspend.csv');
/** The restore file: un-suspends (the original's RESTORE action did nothing). */
export const usersRestoreAction = statusAction('restore', 'users_restorefilelocation', 'userrestore.csv');

async function* processStatusChanges(
  change: StatusChange,
  batches: AsyncIterable<readonly CsvRow[]>,
  context: ProcessorContext,
): AsyncGenerator<RowOutcome[]> {
  const identity = context.settings.choice('users_primaryidentity') as UserLookupField;
  for await (const batch of batches) {
    const values = batch.map((row) => row.value(identity) ?? '');
    const found = await context.platform.run('findUsers', { by: { [identity]: values.filter(Boolean) } });
    const byKey = new Map<string, PlatformUser[]>();
    for (const user of found) {
      const key = lookupKey(identity, String(user[identity]));
      byKey.set(key, [...(byKey.get(key) ?? []), user]);
    }
    // What earlier rows of this batch did, so that a user named twice is seen as the first row left it.
    const state = new Map<number, 'deleted' | boolean>();
    const outcomes: RowOutcome[] = [];
    const writes: { row: CsvRow; user: PlatformUser }[] = [];
    batch.forEach((row, index) => {
      const value = values[index]!;
      const outcome = (status: RowOutcome['status'], code: UsersMessageCode, params: Record<string, string | number>, counters: string[] = []) =>
        outcomes.push({ row, status, code, params, entity: 'user', counters, ...(status === 'error' && !value ? { column: identity } : {}) });
      if (!value) return outcome('error', 'USERS_VALUE_MISSING', { column: identity });
      const matches = (byKey.get(lookupKey(identity, value)) ?? []).filter((user) => state.get(user.id) !== 'deleted');
      if (matches.length > 1) return outcome('error', 'USERS_AMBIGUOUS_IDENTITY', { count: matches.length, identity, value });
      const user = matches[0];
      if (!user) {
        // Deleting an account that is not there leaves nothing to do: a file can be fed twice.
        return change === 'delete'
          ? outcome('skipped', 'USERS_DELETE_NOT_FOUND', { field: identity, value })
          : outcome('error', 'USERS_NOT_FOUND', { field: identity, value });
      }
      const suspended = (state.get(user.id) as boolean | undefined) ?? user.suspended;
      if (change === 'suspend' && suspended) return outcome('unchanged', 'USERS_ALREADY_SUSPENDED', { username: user.username });
      if (change === 'restore' && !suspended) return outcome('unchanged', 'USERS_NOT_SUSPENDED', { username: user.username });
      state.set(user.id, change === 'delete' ? 'deleted' : change === 'suspend');
      writes.push({ row, user });
    });
    outcomes.push(...(await applyChanges(change, writes, context)));
    yield outcomes;
  }
}

async function applyChanges(change: StatusChange, writes: readonly { row: CsvRow; user: PlatformUser }[], context: ProcessorContext): Promise<RowOutcome[]> {
  if (!writes.length) return [];
  const results =
    change === 'delete'
      ? await context.platform.run('deleteUsers', writes.map(({ user }) => user.id))
      : await context.platform.run('updateUsers', writes.map(({ user }) => ({ id: user.id, set: { suspended: change === 'suspend' } })));
  const done = { delete: ['deleted', 'USERS_DELETED', 'user.deleted'], suspend: ['updated', 'USERS_SUSPENDED', 'user.suspended'], restore: ['updated', 'USERS_RESTORED', 'user.restored'] } as const;
  const [status, code, counter] = done[change];
  return writes.map(({ row, user }, index): RowOutcome => {
    const result = results[index]!;
    if (!result.ok) return { row, status: 'error', code: 'USERS_PLATFORM_REJECTED', params: { reason: result.error.message }, entity: 'user' };
    // `deleted` already counts as user.deleted; the other two count the change besides `updated`.
    return { row, status, code, params: { username: user.username }, entity: 'user', ...(change === 'delete' ? {} : { counters: [counter] }) };
  });
}
