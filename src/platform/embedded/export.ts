import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { ExportEntity, ExportPage } from '../platform.js';

const PAGE_SIZE = 2000;

/**
 * One query per entity, selecting `id` (for paging) plus the exported columns. Columns use the names of the
 * files the processors read, with courses by shortname and users by username, so that an export can be fed
 * back (users → userimport.csv, enrolments → enrols.csv with shortname/username identifiers…).
 */
const QUERIES: Record<ExportEntity, (db: Kysely<Database>, afterId: number) => Promise<Record<string, unknown>[]>> = {
  users: (db, afterId) =>
    db
      .selectFrom('lms_user')
      .select(['id', 'username', 'firstname', 'lastname', 'email', 'idnumber', 'auth', 'suspended', 'institution',
        'department', 'city', 'country', 'lang', 'timezone', 'phone1', 'phone2', 'address', 'url', 'description'])
      .where('deleted', '=', 0)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(PAGE_SIZE)
      .execute(),
  categories: (db, afterId) =>
    db
      .selectFrom('lms_course_categories')
      .select(['id', 'name', 'idnumber', 'parent', 'path', 'visible', 'description'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(PAGE_SIZE)
      .execute(),
  courses: (db, afterId) =>
    db
      .selectFrom('lms_course as c')
      .innerJoin('lms_course_categories as cat', 'cat.id', 'c.category')
      .select(['c.id', 'c.shortname', 'c.fullname', 'c.idnumber', 'cat.id as category', 'c.format', 'c.startdate',
        'c.enddate', 'c.visible', 'c.summary'])
      .where('c.id', '>', afterId)
      .orderBy('c.id')
      .limit(PAGE_SIZE)
      .execute(),
  enrolments: (db, afterId) =>
    db
      .selectFrom('lms_user_enrolments as ue')
      .innerJoin('lms_enrol as e', 'e.id', 'ue.enrolid')
      .innerJoin('lms_course as c', 'c.id', 'e.courseid')
      .innerJoin('lms_user as u', 'u.id', 'ue.userid')
      .leftJoin('lms_role as r', 'r.id', 'e.roleid')
      .select(['ue.id', sql<string>`'add'`.as('cmd'), 'r.shortname as rolename', 'c.shortname as cid',
        'u.username as uid', 'e.enrol', 'ue.timestart as starttime', 'ue.timeend as endtime', 'ue.status'])
      .where('ue.id', '>', afterId)
      .orderBy('ue.id')
      .limit(PAGE_SIZE)
      .execute(),
  'role-assignments': (db, afterId) =>
    db
      .selectFrom('lms_role_assignments as ra')
      .innerJoin('lms_role as r', 'r.id', 'ra.roleid')
      .innerJoin('lms_context as ctx', 'ctx.id', 'ra.contextid')
      .innerJoin('lms_user as u', 'u.id', 'ra.userid')
      .leftJoin('lms_course as c', (join) => join.onRef('c.id', '=', 'ctx.instanceid').on('ctx.contextlevel', '=', 50))
      .select(['ra.id', 'r.shortname as rolename', 'ctx.contextlevel', 'ctx.instanceid', 'c.shortname as course',
        'u.username', 'ra.component'])
      .where('ra.id', '>', afterId)
      .orderBy('ra.id')
      .limit(PAGE_SIZE)
      .execute(),
  groups: (db, afterId) =>
    db
      .selectFrom('lms_groups as g')
      .innerJoin('lms_course as c', 'c.id', 'g.courseid')
      .select(['g.id', 'c.shortname as courseid', 'g.name', sql<string>`'group'`.as('type'), 'g.idnumber', 'g.description'])
      .where('g.id', '>', afterId)
      .orderBy('g.id')
      .limit(PAGE_SIZE)
      .execute(),
  groupings: (db, afterId) =>
    db
      .selectFrom('lms_groupings as g')
      .innerJoin('lms_course as c', 'c.id', 'g.courseid')
      .select(['g.id', 'c.shortname as courseid', 'g.name', sql<string>`'grouping'`.as('type'), 'g.idnumber', 'g.description'])
      .where('g.id', '>', afterId)
      .orderBy('g.id')
      .limit(PAGE_SIZE)
      .execute(),
  'group-members': (db, afterId) =>
    db
      .selectFrom('lms_groups_members as gm')
      .innerJoin('lms_groups as g', 'g.id', 'gm.groupid')
      .innerJoin('lms_course as c', 'c.id', 'g.courseid')
      .innerJoin('lms_user as u', 'u.id', 'gm.userid')
      .select(['gm.id', 'c.shortname as courseid', 'g.name as groupid', 'u.username as userid', 'gm.component'])
      .where('gm.id', '>', afterId)
      .orderBy('gm.id')
      .limit(PAGE_SIZE)
      .execute(),
  cohorts: (db, afterId) =>
    db
      .selectFrom('lms_cohort as ch')
      .innerJoin('lms_context as ctx', 'ctx.id', 'ch.contextid')
      .select(['ch.id', 'ch.idnumber as cidnumber', 'ch.name as cname', 'ch.description as cdescription',
        // One type per column for PostgreSQL: the category id as text, empty for system cohorts.
        sql<string>`case when ctx.contextlevel = 40 then cast(ctx.instanceid as text) else '' end`.as('ccatcontext'),
        'ch.component', 'ch.visible'])
      .where('ch.id', '>', afterId)
      .orderBy('ch.id')
      .limit(PAGE_SIZE)
      .execute(),
  'cohort-members': (db, afterId) =>
    db
      .selectFrom('lms_cohort_members as cm')
      .innerJoin('lms_cohort as ch', 'ch.id', 'cm.cohortid')
      .innerJoin('lms_user as u', 'u.id', 'cm.userid')
      .select(['cm.id', sql<string>`'add'`.as('cmd'), 'ch.idnumber as cidnumber', 'ch.name as cname', 'u.username as userid'])
      .where('cm.id', '>', afterId)
      .orderBy('cm.id')
      .limit(PAGE_SIZE)
      .execute(),
};

/** The columns of each export, in file order (what an empty export still prints as its header). */
const COLUMNS: Record<ExportEntity, readonly string[]> = {
  users: ['username', 'firstname', 'lastname', 'email', 'idnumber', 'auth', 'suspended', 'institution', 'department',
    'city', 'country', 'lang', 'timezone', 'phone1', 'phone2', 'address', 'url', 'description'],
  categories: ['id', 'name', 'idnumber', 'parent', 'path', 'visible', 'description'],
  courses: ['id', 'shortname', 'fullname', 'idnumber', 'category', 'format', 'startdate', 'enddate', 'visible', 'summary'],
  enrolments: ['cmd', 'rolename', 'cid', 'uid', 'enrol', 'starttime', 'endtime', 'status'],
  'role-assignments': ['rolename', 'contextlevel', 'instanceid', 'course', 'username', 'component'],
  groups: ['courseid', 'name', 'type', 'idnumber', 'description'],
  groupings: ['courseid', 'name', 'type', 'idnumber', 'description'],
  'group-members': ['courseid', 'groupid', 'userid', 'component'],
  cohorts: ['id', 'cidnumber', 'cname', 'cdescription', 'ccatcontext', 'component', 'visible'],
  'cohort-members': ['cmd', 'cidnumber', 'cname', 'userid'],
};

/** Streams an entity page by page, in id order; the first page comes even when there is nothing to export. */
export async function* exportEntity(db: Kysely<Database>, entity: ExportEntity): AsyncGenerator<ExportPage> {
  const columns = COLUMNS[entity];
  let afterId = 0;
  for (let first = true; ; first = false) {
    const records = await QUERIES[entity](db, afterId);
    if (!records.length && !first) return;
    yield { columns, rows: records.map((record) => columns.map((column) => toCell(record[column]))) };
    if (records.length < PAGE_SIZE) return;
    afterId = Number(records.at(-1)!.id);
  }
}

function toCell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? value : String(value);
}
