import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.js';

/** The embedded platform's data the console browses. */
export const DATA_ENTITIES = ['users', 'courses', 'categories', 'cohorts', 'enrolments', 'groups', 'group-members', 'cohort-members'] as const;
export type DataEntity = (typeof DATA_ENTITIES)[number];

export interface DataQuery {
  /** Prefix searched in the entity's names (case-insensitive). */
  readonly q?: string;
  /** Rows of one parent: the category of courses, the course of enrolments and groups, the group or cohort of members. */
  readonly parent?: number;
  /** Keyset paging: rows whose id is greater (fast at any depth); else `offset`. */
  readonly after?: number;
  readonly offset: number;
  readonly limit: number;
}

export interface DataPage {
  readonly total: number;
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyQuery = SelectQueryBuilder<any, any, any>;

interface EntityQuery {
  /** The base query: every row of the entity, its columns selected, `id` first. */
  base(db: Kysely<Database>): AnyQuery;
  /** The id column, searched columns and parent column, as qualified names. */
  readonly id: string;
  readonly search: readonly string[];
  readonly parent?: string;
}

const ENTITIES: Record<DataEntity, EntityQuery> = {
  users: {
    base: (db) =>
      db.selectFrom('lms_user').where('deleted', '=', 0)
        .select(['id', 'username', 'idnumber', 'firstname', 'lastname', 'email', 'auth', 'suspended', 'lang', 'city', 'country', 'picture']),
    id: 'lms_user.id',
    search: ['lms_user.username', 'lms_user.lastname', 'lms_user.firstname', 'lms_user.email', 'lms_user.idnumber'],
  },
  courses: {
    base: (db) => db.selectFrom('lms_course').select(['id', 'shortname', 'fullname', 'idnumber', 'category', 'visible', 'startdate', 'enddate']),
    id: 'lms_course.id',
    search: ['lms_course.shortname', 'lms_course.fullname', 'lms_course.idnumber'],
    parent: 'lms_course.category',
  },
  categories: {
    base: (db) => db.selectFrom('lms_course_categories').select(['id', 'name', 'idnumber', 'parent', 'path', 'depth', 'visible']),
    id: 'lms_course_categories.id',
    search: ['lms_course_categories.name', 'lms_course_categories.idnumber'],
    parent: 'lms_course_categories.parent',
  },
  cohorts: {
    base: (db) => db.selectFrom('lms_cohort').select(['id', 'name', 'idnumber', 'contextid', 'component', 'visible']),
    id: 'lms_cohort.id',
    search: ['lms_cohort.name', 'lms_cohort.idnumber'],
  },
  enrolments: {
    base: (db) =>
      db.selectFrom('lms_user_enrolments as ue')
        .innerJoin('lms_enrol as e', 'e.id', 'ue.enrolid')
        .innerJoin('lms_user as u', 'u.id', 'ue.userid')
        .innerJoin('lms_course as c', 'c.id', 'e.courseid')
        .select(['ue.id as id', 'c.id as courseid', 'c.shortname as course', 'u.username as username', 'e.enrol as method', 'ue.status as status', 'ue.timestart as timestart', 'ue.timeend as timeend']),
    id: 'ue.id',
    search: ['u.username', 'c.shortname'],
    parent: 'e.courseid',
  },
  groups: {
    base: (db) =>
      db.selectFrom('lms_groups as g').innerJoin('lms_course as c', 'c.id', 'g.courseid')
        .select(['g.id as id', 'g.courseid as courseid', 'c.shortname as course', 'g.idnumber as idnumber', 'g.name as name']),
    id: 'g.id',
    search: ['g.name', 'g.idnumber'],
    parent: 'g.courseid',
  },
  'group-members': {
    base: (db) =>
      db.selectFrom('lms_groups_members as m').innerJoin('lms_groups as g', 'g.id', 'm.groupid').innerJoin('lms_user as u', 'u.id', 'm.userid')
        .select(['m.id as id', 'g.id as groupid', 'g.name as group', 'u.username as username', 'm.component as component', 'm.timeadded as timeadded']),
    id: 'm.id',
    search: ['u.username', 'g.name'],
    parent: 'm.groupid',
  },
  'cohort-members': {
    base: (db) =>
      db.selectFrom('lms_cohort_members as m').innerJoin('lms_cohort as h', 'h.id', 'm.cohortid').innerJoin('lms_user as u', 'u.id', 'm.userid')
        .select(['m.id as id', 'h.id as cohortid', 'h.name as cohort', 'u.username as username', 'm.timeadded as timeadded']),
    id: 'm.id',
    search: ['u.username', 'h.name'],
    parent: 'm.cohortid',
  },
};

/**
 * One page of an entity, in id order (the primary key: index-backed at any size), and how many rows match.
 * Keyset paging (`after`) stays fast a million rows deep; `offset` is for the first pages.
 */
export async function browseData(db: Kysely<Database>, entity: DataEntity, query: DataQuery): Promise<DataPage> {
  const spec = ENTITIES[entity];
  let filtered = spec.base(db);
  if (query.parent !== undefined && spec.parent) filtered = filtered.where(sql.ref(spec.parent), '=', query.parent);
  if (query.q) {
    const pattern = `${query.q.toLowerCase().replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
    filtered = filtered.where((eb) => eb.or(spec.search.map((column) => eb(sql`lower(${sql.ref(column)})`, 'like', sql`${pattern} escape '\\'`))));
  }
  const count = await db
    .selectFrom(filtered.as('matching'))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  let page = filtered.orderBy(sql.ref(spec.id)).limit(query.limit);
  if (query.after !== undefined) page = page.where(sql.ref(spec.id), '>', query.after);
  else page = page.offset(query.offset);
  const rows = (await page.execute()) as Record<string, unknown>[];
  const columns = (spec.base(db).toOperationNode().selections ?? []).map((selection) => {
    const node = selection.selection as { alias?: { name: string }; column?: { column: { name: string } } };
    return node.alias?.name ?? node.column?.column.name ?? '';
  });
  return { total: Number(count.count), columns, rows };
}

/** A user's picture of a size variant (`f1` 100 px, `f2` 35 px, `f3` 512 px), if any. */
export async function readUserPicture(db: Kysely<Database>, userid: number, variant: string): Promise<{ mimetype: string; content: Uint8Array } | undefined> {
  return db.selectFrom('lms_user_picture').select(['mimetype', 'content']).where('userid', '=', userid).where('variant', '=', variant).executeTakeFirst();
}
