import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { insertNew, insertRows } from './bulk-insert.js';
import type { Database } from '../../store/schema.js';
import type { ItemResult } from '../item-result.js';
import type { Added, Changed, EnrolInstanceQuery, Enrolment, EnrolmentChange, PlatformEnrolInstance } from '../operations.js';
import { CONTEXT_LEVEL, ensureContexts } from './contexts.js';
import { checkEnrolmentChanges, enrolmentPair, enrolmentRejections, enrolmentRoleOwner, type InstanceFacts } from './enrolment-rules.js';
import { addedResults } from './rejections.js';
import { activeUserIds, existingRoleIds } from './existing.js';
import { chunks, keyOf, nowSeconds, selectIn, selectPairs } from './sql-helpers.js';

/** The enrolment instances of the courses (of one method when `enrol` is given), by course, sortorder and id. */
export async function findEnrolInstances(db: Kysely<Database>, { courseIds, cohortIds, enrol }: EnrolInstanceQuery): Promise<PlatformEnrolInstance[]> {
  const byCohorts = courseIds === undefined;
  const rows = await selectIn(byCohorts ? cohortIds : courseIds, (part) => {
    let query = db
      .selectFrom('lms_enrol')
      .select(['id', 'courseid', 'enrol', 'status', 'sortorder', 'roleid', 'customint1', 'customint2'])
      .where(byCohorts ? 'customint1' : 'courseid', 'in', part);
    if (byCohorts) query = query.where('enrol', '=', 'cohort');
    else if (cohortIds) query = query.where('enrol', '=', 'cohort').where('customint1', 'in', cohortIds);
    if (enrol !== undefined) query = query.where('enrol', '=', enrol);
    return query.execute();
  });
  return rows
    .map((row) => ({
      id: row.id,
      courseId: row.courseid,
      enrol: row.enrol,
      enabled: row.status === 0,
      sortorder: row.sortorder,
      roleId: row.roleid,
      // Only cohort instances bind a cohort and a group (Moodle keeps 0 for no group).
      cohortId: row.enrol === 'cohort' ? row.customint1 : null,
      groupId: row.enrol === 'cohort' ? row.customint2 || null : null,
    }))
    .sort((a, b) => a.courseId - b.courseId || a.sortorder - b.sortorder || a.id - b.id);
}

/**
 * Enrols users through instances: the user enrolment is inserted, or updated when it exists (dates, status);
 * the role is assigned in the course context (created if missing), owned by the instance's plugin except for
 * manual and self. An unknown instance, an unknown or deleted user or an unknown role rejects that item, in
 * that order.
 */
export async function enrolUsers(db: Kysely<Database>, enrolments: readonly Enrolment[], sqlite?: SQLite.Database): Promise<ItemResult<Added>[]> {
  const instances = await instanceFacts(db, enrolments.map((enrolment) => enrolment.instanceId), sqlite);
  const roles = await existingRoleIds(db, enrolments.map((enrolment) => enrolment.roleId), sqlite);
  const view = { instance: (id: number) => instances.get(id), roleExists: (id: number) => roles.has(id) };
  // The users are checked by the write itself (see writeUserEnrolments); those of the items refused before it
  // are checked with them, since an unknown user is told before an unknown role.
  const checked = enrolmentRejections(enrolments, { ...view, userExists: () => true });
  const { existed, inactive } = await writeUserEnrolments(
    db,
    sqlite,
    enrolments.filter((_, index) => !checked[index]),
    enrolments.filter((_, index) => checked[index]).map((enrolment) => enrolment.userId),
  );
  const rejections = enrolmentRejections(enrolments, { ...view, userExists: (id) => !inactive.has(id) });
  await assignEnrolmentRoles(db, sqlite, enrolments.filter((_, index) => !rejections[index]), instances);
  return addedResults(enrolments, rejections, enrolmentPair, (instanceId, userId) => existed.has(keyOf(instanceId, userId)));
}

/**
 * Changes status or dates of user enrolments, only the fields given, in order; an unknown instance or a user not
 * enrolled through it rejects that item. Enrolments whose final state differs are written, those that end in
 * the same state in one statement.
 */
export async function updateEnrolments(db: Kysely<Database>, changes: readonly EnrolmentChange[]): Promise<ItemResult<Changed>[]> {
  const instances = await instanceFacts(db, changes.map((change) => change.instanceId));
  const existing = await selectPairs(changes.map((change) => [change.instanceId, change.userId] as const), ['enrolid', 'userid'], (pairs) =>
    db.selectFrom('lms_user_enrolments').select(['id', 'enrolid', 'userid', 'status', 'timestart', 'timeend']).where(pairs).execute(),
  );
  const rows = new Map(existing.map((row) => [`${row.enrolid}:${row.userid}`, row]));
  const { results, final } = checkEnrolmentChanges(changes, {
    instance: (id) => instances.get(id),
    enrolment: (instanceId, userId) => {
      const row = rows.get(`${instanceId}:${userId}`);
      return row && { suspended: row.status === 1, timestart: row.timestart, timeend: row.timeend };
    },
  });
  const writes = new Map<string, { set: { status: number; timestart: number; timeend: number }; ids: number[] }>();
  for (const [key, state] of final) {
    const row = rows.get(key)!;
    const set = { status: state.suspended ? 1 : 0, timestart: state.timestart, timeend: state.timeend };
    if (set.status === row.status && set.timestart === row.timestart && set.timeend === row.timeend) continue;
    const write = writes.get(JSON.stringify(set)) ?? { set, ids: [] };
    write.ids.push(row.id);
    writes.set(JSON.stringify(set), write);
  }
  const now = nowSeconds();
  for (const { set, ids } of writes.values()) {
    for (const part of chunks(ids, 500)) await db.updateTable('lms_user_enrolments').set({ ...set, timemodified: now }).where('id', 'in', part).execute();
  }
  return results;
}

/** Course and method of enrolment instances, by id (unknown ids are absent). */
export async function instanceFacts(db: Kysely<Database>, ids: readonly number[], sqlite?: SQLite.Database): Promise<Map<number, InstanceFacts>> {
  const rows = await selectIn(ids, (part) => db.selectFrom('lms_enrol').select(['id', 'courseid', 'enrol']).where('id', 'in', part).execute(), sqlite);
  return new Map(rows.map((row) => [row.id, { courseId: row.courseid, enrol: row.enrol }]));
}

/** A user enrolment row to write. */
type EnrolmentRow = { enrolid: number; userid: number; status: number; timestart: number; timeend: number; timemodified: number; timecreated: number };

/**
 * The last state asked for each user enrolment wins, as if the items were written one after the other. New
 * ones are inserted without reading first (the insert tells which existed); only those that existed are read,
 * and written when their dates or status change (a nightly re-run changes nothing). Items of users that do not
 * exist or are deleted are not written. Answers the keys of the user enrolments that existed before the call,
 * and which of the users (those of the items and `alsoCheck`) are not active.
 */
async function writeUserEnrolments(
  db: Kysely<Database>,
  sqlite: SQLite.Database | undefined,
  enrolments: readonly Enrolment[],
  alsoCheck: readonly number[],
): Promise<{ existed: Set<string>; inactive: Set<number> }> {
  const now = nowSeconds();
  const final = new Map<string, Enrolment>();
  for (const enrolment of enrolments) final.set(keyOf(enrolment.instanceId, enrolment.userId), enrolment);
  const rows = [...final.values()].map(({ instanceId, userId, timestart, timeend, suspended }): EnrolmentRow => ({
    enrolid: instanceId,
    userid: userId,
    status: suspended ? 1 : 0,
    timestart,
    timeend,
    timemodified: now,
    timecreated: now,
  }));
  const { inserted, inactive } = sqlite ? await insertForActiveUsers(db, sqlite, rows, alsoCheck) : await insertAfterUserCheck(db, rows, alsoCheck);
  const held = rows.filter((row, index) => !inserted[index] && !inactive.has(row.userid));
  const existed = new Set(held.map((row) => keyOf(row.enrolid, row.userid)));
  if (!held.length) return { existed, inactive };
  const current = await selectPairs(
    held.map((row) => [row.enrolid, row.userid] as const),
    ['enrolid', 'userid'],
    (pairs) => db.selectFrom('lms_user_enrolments').select(['enrolid', 'userid', 'status', 'timestart', 'timeend']).where(pairs).execute(),
    sqlite,
  );
  const before = new Map(current.map((row) => [keyOf(row.enrolid, row.userid), row]));
  for (const { enrolid, userid, timecreated: _, ...set } of held) {
    const row = before.get(keyOf(enrolid, userid))!;
    if (row.status === set.status && row.timestart === set.timestart && row.timeend === set.timeend) continue;
    await db.updateTable('lms_user_enrolments').set(set).where('enrolid', '=', enrolid).where('userid', '=', userid).execute();
  }
  return { existed, inactive };
}

const activeUserInserts = new WeakMap<SQLite.Database, SQLite.Statement>();

/**
 * SQLite: each row is inserted only if its user is active, by an insert that reads the user itself; only the
 * users of the rows it did not insert (held already, or not active) are read afterwards. A batch of new
 * enrolments so needs no read of its users (0.6 s of reads on the million-row enrolment bench).
 */
async function insertForActiveUsers(db: Kysely<Database>, sqlite: SQLite.Database, rows: readonly EnrolmentRow[], alsoCheck: readonly number[]) {
  let insert = activeUserInserts.get(sqlite);
  if (!insert) {
    insert = sqlite.prepare(
      `insert or ignore into lms_user_enrolments (enrolid, userid, status, timestart, timeend, timemodified, timecreated)
       select ?, id, ?, ?, ?, ?, ? from lms_user where id = ? and deleted = 0`,
    );
    activeUserInserts.set(sqlite, insert);
  }
  const inserted = rows.map((row) => insert.run(row.enrolid, row.status, row.timestart, row.timeend, row.timemodified, row.timecreated, row.userid).changes > 0);
  const unchecked = rows.filter((_, index) => !inserted[index]).map((row) => row.userid);
  return { inserted, inactive: await inactiveUserIds(db, [...unchecked, ...alsoCheck], sqlite) };
}

/** PostgreSQL: the users are read first, then the rows of active ones inserted with `on conflict do nothing`. */
async function insertAfterUserCheck(db: Kysely<Database>, rows: readonly EnrolmentRow[], alsoCheck: readonly number[]) {
  const inactive = await inactiveUserIds(db, [...rows.map((row) => row.userid), ...alsoCheck]);
  const written = await insertNew(db, 'lms_user_enrolments', rows.filter((row) => !inactive.has(row.userid)), ['enrolid', 'userid']);
  let next = 0;
  return { inserted: rows.map((row) => !inactive.has(row.userid) && written[next++]!), inactive };
}

/** Which of the ids are not active users (unknown or deleted). */
async function inactiveUserIds(db: Kysely<Database>, ids: readonly number[], sqlite?: SQLite.Database): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const active = await activeUserIds(db, ids, sqlite);
  return new Set(ids.filter((id) => !active.has(id)));
}

async function assignEnrolmentRoles(
  db: Kysely<Database>,
  sqlite: SQLite.Database | undefined,
  enrolments: readonly Enrolment[],
  instances: ReadonlyMap<number, { courseId: number; enrol: string }>,
): Promise<void> {
  const contexts = await ensureContexts(db, CONTEXT_LEVEL.course, enrolments.map((enrolment) => instances.get(enrolment.instanceId)!.courseId), sqlite);
  const now = nowSeconds();
  // A role the user has already, or that two items give, is left alone by the unique index: no read of the
  // existing ones, and no map of the wanted ones (a key string and an entry per row) is needed.
  const rows = enrolments.map(({ instanceId, userId, roleId }) => {
    const instance = instances.get(instanceId)!;
    const { component, itemid } = enrolmentRoleOwner(instance.enrol, instanceId);
    return { roleid: roleId, contextid: contexts.get(instance.courseId)!, userid: userId, component, itemid, timemodified: now };
  });
  await insertRows(db, sqlite, 'lms_role_assignments', rows, { ignoreDuplicates: true });
}
