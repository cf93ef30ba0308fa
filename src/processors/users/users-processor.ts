import type { CsvRow } from '../../csv/reader.js';
import { lookupKey, type PlatformUser, type UserLookupField } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import { createDateReader } from '../dates.js';
import { PendingKeys } from '../pending-keys.js';
import type { ProcessorAction, ProcessorContext, RowDetail, RowOutcome } from '../processor.js';
import { failedRow } from '../row-problems.js';
import { USERS_COLUMNS } from './users-columns.js';
import { identifyUser, type KnownUsers, type UserKeys } from './users-identity.js';
import { USERS_MESSAGES } from './users-messages.js';
import { planCreate, planUpdate, type UsersPolicy } from './users-plan.js';
import { ensureProfileFields } from './users-profile-fields.js';
import { UsersReferences, type CourseIdentity } from './users-references.js';
import { readUserRow, type RowError, type UserRow } from './users-row.js';
import { UsersBatchWriter } from './users-writes.js';

/** The users file (action ADD): creates, updates, renames, suspends and deletes accounts, with their cohorts,
 * enrolments and groups (spec 3.3 to 3.8, as corrected). */
export const usersAddAction: ProcessorAction = {
  processor: 'users',
  action: 'add',
  locationSetting: 'users_filelocation',
  defaultFile: 'userimport.csv',
  columns: USERS_COLUMNS,
  messages: USERS_MESSAGES,
  process: processUsers,
};

/** Columns of the original that Moodle 5 no longer has: accepted, ignored, said once. */
const OBSOLETE_COLUMNS = ['icq', 'htmleditor'];

async function* processUsers(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const { settings, platform } = context;
  const policy: UsersPolicy = {
    identity: settings.choice('users_primaryidentity') as UserLookupField,
    protectEmails: settings.bool('users_protectemails'),
    createPasswords: settings.bool('users_createpasswords'),
    sendPasswords: settings.bool('users_sendpasswordtousers'),
    updateMode: settings.choice('users_updatemode') as UsersPolicy['updateMode'],
  };
  const uploadMode = settings.choice('users_uploadmode');
  const allowRename = settings.bool('users_allowrename');
  const readDate = createDateReader(settings.text('dates_timezone')).read;
  const courseIndexes = context.columns.flatMap((column) => /^course(\d+)$/.exec(column)?.[1] ?? []).map(Number).sort((a, b) => a - b);
  const profileFields = context.columns.flatMap((column) => /^profile_field_(\w+)$/.exec(column)?.[1] ?? []);
  for (const column of OBSOLETE_COLUMNS.filter((name) => context.columns.includes(name))) {
    await context.notice('USERS_COLUMN_IGNORED', { column });
  }
  for (const column of context.columns.filter((name) => /^wwwroot\d+$/.test(name))) {
    await context.notice('USERS_REMOTE_COLUMN_IGNORED', { column });
  }
  await ensureProfileFields(context, profileFields);
  const references = new UsersReferences(platform, settings.choice('courses_primaryidentity') as CourseIdentity);

  for await (const batch of batches) {
    const outcomes: RowOutcome[] = [];
    const rows: UserRow[] = [];
    for (const row of batch) {
      const read = readUserRow(row, { readDate, courseIndexes, profileFields });
      if (Array.isArray(read)) outcomes.push(failedRow(row, read, 'user'));
      else rows.push(read);
    }
    await references.load(rows);
    const keysOfRow = (userRow: UserRow): UserKeys => ({
      username: userRow.username,
      ...(userRow.profile.idnumber ? { idnumber: String(userRow.profile.idnumber) } : {}),
      ...(userRow.profile.email ? { email: String(userRow.profile.email) } : {}),
      ...(allowRename && userRow.oldusername ? { oldusername: userRow.oldusername } : {}),
    });
    const known = await lookUp(platform, rows.map(keysOfRow), policy.identity);
    const customFields = await currentCustomFields(platform, known, profileFields);
    const writer = new UsersBatchWriter(platform, references, outcomes);
    const pending = new PendingKeys();
    for (const userRow of rows) {
      const keys = keysOfRow(userRow);
      const rowKeys = keysOf(keys);
      if (pending.queued(rowKeys)) {
        await writer.flush();
        pending.flushed();
      }
      if (pending.touched(rowKeys)) {
        const fresh = await lookUp(platform, [keys], policy.identity);
        refresh(known, keys, fresh);
        mergeCustomFields(customFields, await currentCustomFields(platform, fresh, profileFields));
      }
      const found = identifyUser(keys, policy.identity, known);
      if (!found.ok) {
        outcomes.push(failedRow(userRow.row, [found], 'user'));
        continue;
      }
      const enrolments = references.resolve(userRow);
      if (!Array.isArray(enrolments)) {
        outcomes.push(failedRow(userRow.row, [enrolments as RowError], 'user'));
        continue;
      }
      const { user } = found;
      const notes: RowDetail[] =
        !allowRename && userRow.oldusername && userRow.oldusername !== userRow.username ? [{ code: 'USERS_RENAME_NOT_ALLOWED', level: 'warning' }] : [];
      if (userRow.deleted) {
        if (user) writer.add({ kind: 'delete', userRow, current: user, notes });
        else outcomes.push(skipped(userRow, notes, 'USERS_DELETE_NOT_FOUND', { field: policy.identity, value: identityValue(keys, policy.identity) }));
      } else if (!user) {
        if (uploadMode === 'update') outcomes.push(skipped(userRow, notes, 'USERS_SKIPPED_MISSING', { username: userRow.username }));
        else writer.add(planCreate(userRow, policy, enrolments, notes));
      } else if (uploadMode === 'addnew') {
        outcomes.push(skipped(userRow, notes, 'USERS_SKIPPED_EXISTS', { username: user.username }));
      } else {
        writer.add(planUpdate(userRow, user, policy, {
          ...(found.renameFrom ? { renameFrom: found.renameFrom } : {}),
          customFields: customFields.get(user.id) ?? {},
          enrolments,
          notes,
        }));
      }
      pending.add([...rowKeys, ...(user ? keysOf(user) : [])]);
    }
    await writer.flush();
    yield outcomes;
  }
}

/** One call finds every account a batch names: by username, identity, e-mail and previous username. */
async function lookUp(platform: Platform, keys: readonly UserKeys[], identity: UserLookupField): Promise<KnownUsers> {
  const values = (pick: (keys: UserKeys) => string | undefined) => keys.flatMap((key) => pick(key) ?? []);
  const users = await platform.run('findUsers', {
    by: {
      username: [...values((key) => key.username), ...values((key) => key.oldusername)],
      ...(identity === 'idnumber' ? { idnumber: values((key) => key.idnumber) } : {}),
      email: values((key) => key.email),
    },
  });
  const known: KnownUsers = { username: new Map(), idnumber: new Map(), email: new Map() };
  for (const user of users) {
    for (const field of ['username', 'idnumber', 'email'] as const) {
      if (!user[field]) continue;
      const key = lookupKey(field, user[field]);
      known[field].set(key, [...(known[field].get(key) ?? []), user]);
    }
  }
  return known;
}

/** Replaces what is known of a row's keys by a fresh lookup (a key now absent means "no such user" any more). */
function refresh(known: KnownUsers, keys: UserKeys, fresh: KnownUsers): void {
  const pairs: [keyof KnownUsers, string | undefined][] = [
    ['username', keys.username],
    ['username', keys.oldusername],
    ['idnumber', keys.idnumber],
    ['email', keys.email],
  ];
  for (const [field, value] of pairs) {
    if (value === undefined) continue;
    const key = lookupKey(field, value);
    const users = fresh[field].get(key);
    if (users) known[field].set(key, users);
    else known[field].delete(key);
  }
}

/** The identifying keys of a row or an account, for PendingKeys. */
function keysOf(user: { username: string; idnumber?: string; email?: string; oldusername?: string }): string[] {
  const keys = [`u:${lookupKey('username', user.username)}`];
  if (user.oldusername) keys.push(`u:${user.oldusername}`);
  if (user.idnumber) keys.push(`i:${user.idnumber}`);
  if (user.email) keys.push(`e:${lookupKey('email', user.email)}`);
  return keys;
}

/** Current custom field values of the accounts found, when the file has custom field columns. */
async function currentCustomFields(
  platform: Platform,
  known: KnownUsers,
  shortnames: readonly string[],
): Promise<Map<number, Record<string, string>>> {
  const values = new Map<number, Record<string, string>>();
  const users = new Map<number, PlatformUser>();
  for (const list of [...known.username.values(), ...known.idnumber.values(), ...known.email.values()]) {
    for (const user of list) users.set(user.id, user);
  }
  if (!shortnames.length || !users.size) return values;
  for (const { userId, shortname, value } of await platform.run('findUserCustomFields', { userIds: [...users.keys()], shortnames })) {
    values.set(userId, { ...values.get(userId), [shortname]: value });
  }
  return values;
}

function mergeCustomFields(into: Map<number, Record<string, string>>, fresh: Map<number, Record<string, string>>): void {
  for (const [id, fields] of fresh) into.set(id, fields);
}

function identityValue(keys: UserKeys, identity: UserLookupField): string {
  return (identity === 'idnumber' ? keys.idnumber : identity === 'email' ? keys.email : undefined) ?? keys.username;
}

function skipped(userRow: UserRow, details: readonly RowDetail[], code: string, params: Record<string, string>): RowOutcome {
  return { row: userRow.row, status: 'skipped', code, params, entity: 'user', details };
}
