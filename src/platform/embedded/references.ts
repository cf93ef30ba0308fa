import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/schema.js';
import type {
  CategoryLookupField,
  CourseLookupField,
  FindBy,
  PlatformCategory,
  PlatformCohort,
  PlatformCourse,
  PlatformRole,
} from '../operations.js';

/** Fields holding ids (a course's category, a category's parent): compared as whole numbers. */
export const ID_FIELDS: ReadonlySet<string> = new Set(['id', 'category', 'parent']);

/** Distinct non-empty values; ids must be whole numbers (anything else cannot match). */
function values(field: string, list: readonly string[] | undefined): (string | number)[] {
  const distinct = [...new Set((list ?? []).filter(Boolean))];
  return ID_FIELDS.has(field) ? distinct.map(Number).filter(Number.isSafeInteger) : distinct;
}

/**
 * `field in (…) or field2 in (…)` over the fields asked; null when nothing was asked (then no query runs).
 * Lists stay in one statement: lookups of reference entities carry a few hundred values at most per batch.
 */
export function anyOf<F extends string>(by: FindBy<F>['by'], column: (field: F) => string): RawBuilder<boolean> | null {
  const asked = (Object.keys(by) as F[])
    .map((field) => [column(field), values(field, by[field])] as const)
    .filter(([, list]) => list.length);
  if (!asked.length) return null;
  return sql<boolean>`(${sql.join(asked.map(([name, list]) => sql`${sql.ref(name)} in (${sql.join(list)})`), sql` or `)})`;
}

/** Courses by id, idnumber or exact shortname, in id order. */
export async function findCourses(db: Kysely<Database>, { by }: FindBy<CourseLookupField>): Promise<PlatformCourse[]> {
  const where = anyOf(by, (field) => field);
  if (!where) return [];
  const rows = await db.selectFrom('lms_course').selectAll().where(where).orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    shortname: row.shortname,
    fullname: row.fullname,
    idnumber: row.idnumber,
    category: row.category,
    format: row.format,
    visible: row.visible === 1,
    startdate: row.startdate,
    enddate: row.enddate,
  }));
}

/** Categories by id, idnumber or name, in id order. */
export async function findCategories(db: Kysely<Database>, { by }: FindBy<CategoryLookupField>): Promise<PlatformCategory[]> {
  const where = anyOf(by, (field) => field);
  if (!where) return [];
  const rows = await db.selectFrom('lms_course_categories').selectAll().where(where).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, idnumber: row.idnumber, parent: row.parent, path: row.path, visible: row.visible === 1 }));
}

/** Roles by id or shortname, in id order. */
export async function findRoles(db: Kysely<Database>, { by }: FindBy<'id' | 'shortname'>): Promise<PlatformRole[]> {
  const where = anyOf(by, (field) => field);
  if (!where) return [];
  return db.selectFrom('lms_role').select(['id', 'shortname', 'name']).where(where).orderBy('id').execute();
}

/** Cohorts of every context by id, idnumber or name, in id order. */
export async function findCohorts(db: Kysely<Database>, { by }: FindBy<'id' | 'idnumber' | 'name'>): Promise<PlatformCohort[]> {
  const where = anyOf(by, (field) => `ch.${field}`);
  if (!where) return [];
  const rows = await db
    .selectFrom('lms_cohort as ch')
    .innerJoin('lms_context as ctx', 'ctx.id', 'ch.contextid')
    .select(['ch.id', 'ch.name', 'ch.idnumber', 'ch.description', 'ctx.contextlevel', 'ctx.instanceid'])
    .where(where)
    .orderBy('ch.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    idnumber: row.idnumber,
    description: row.description,
    categoryId: row.contextlevel === 40 ? row.instanceid : null,
  }));
}
