import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { insertNew } from './bulk-insert.js';
import { instancePairsOf } from './memberships.js';
import { keyOf, selectPairs } from './sql-helpers.js';

/** A membership to write, with the course of its group (the user must be enrolled there). */
export interface MemberRow {
  readonly groupid: number;
  readonly userid: number;
  readonly component: string;
  readonly itemid: number;
  readonly timeadded: number;
  readonly courseid: number;
}

/** What writing the memberships found: the (course, user) pairs enrolled, and the memberships held already. */
export interface MemberWrites {
  readonly enrolled: ReadonlySet<string>;
  readonly held: ReadonlySet<string>;
}

const statements = new WeakMap<SQLite.Database, SQLite.Statement>();

/**
 * Writes the memberships of users enrolled in their group's course (rows distinct by group and user). On SQLite
 * each row is one `insert or ignore … where exists (enrolment)`: a row it inserts was enrolled and new, and only
 * the rows it did not insert (not enrolled, or a member already: none on a first run) are read afterwards.
 * Reading every pair's enrolment first cost 10 ms a batch of 4,000 on the enrolment bench. PostgreSQL reads the
 * enrolments first, then inserts with `on conflict do nothing`.
 */
export async function writeMembers(db: Kysely<Database>, rows: readonly MemberRow[], sqlite?: SQLite.Database): Promise<MemberWrites> {
  if (!sqlite) {
    const enrolled = await enrolledPairs(db, rows);
    const accepted = rows.filter((row) => enrolled.has(keyOf(row.courseid, row.userid)));
    const inserted = await insertNew(db, undefined, 'lms_groups_members', accepted.map(withoutCourse), ['groupid', 'userid']);
    return { enrolled, held: new Set(accepted.flatMap((row, index) => (inserted[index] ? [] : [keyOf(row.groupid, row.userid)]))) };
  }
  const insert = statementFor(sqlite);
  const enrolled = new Set<string>();
  const unresolved: MemberRow[] = [];
  for (const row of rows) {
    if (insert.run(row.groupid, row.userid, row.component, row.itemid, row.timeadded, row.userid, row.courseid).changes > 0) enrolled.add(keyOf(row.courseid, row.userid));
    else unresolved.push(row);
  }
  const held = new Set<string>();
  if (!unresolved.length) return { enrolled, held };
  // Not inserted: a member already when enrolled (the unique index refused it), else not enrolled.
  const found = await enrolledPairs(db, unresolved, sqlite);
  for (const row of unresolved) {
    const pair = keyOf(row.courseid, row.userid);
    if (!found.has(pair)) continue;
    enrolled.add(pair);
    held.add(keyOf(row.groupid, row.userid));
  }
  return { enrolled, held };
}

/** The (course, user) pairs of the rows whose user has an enrolment (any method, any status) in the course. */
async function enrolledPairs(db: Kysely<Database>, rows: readonly MemberRow[], sqlite?: SQLite.Database): Promise<Set<string>> {
  // Only the pair columns are read: the (instance, user) index answers them without reading the rows.
  const { pairs, courseOf } = await instancePairsOf(
    db,
    rows.map((row) => ({ courseId: row.courseid, userId: row.userid })),
    sqlite,
  );
  const enrolments = await selectPairs(
    pairs,
    ['enrolid', 'userid'],
    (condition) => db.selectFrom('lms_user_enrolments').select(['enrolid', 'userid']).where(condition).execute(),
    sqlite,
  );
  return new Set(enrolments.map((row) => keyOf(courseOf.get(row.enrolid)!, row.userid)));
}

function withoutCourse({ groupid, userid, component, itemid, timeadded }: MemberRow) {
  return { groupid, userid, component, itemid, timeadded };
}

/**
 * The conditional insert, prepared once per connection; the enrolment is probed through the course's instances
 * (better-sqlite3 takes no numbered parameters: the user is bound twice).
 */
function statementFor(sqlite: SQLite.Database): SQLite.Statement {
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare(
      `insert or ignore into lms_groups_members (groupid, userid, component, itemid, timeadded)
       select ?, ?, ?, ?, ? where exists (
         select 1 from lms_enrol e join lms_user_enrolments ue on ue.enrolid = e.id and ue.userid = ? where e.courseid = ?)`,
    );
    statements.set(sqlite, statement);
  }
  return statement;
}
