import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { ItemResult } from '../item-result.js';
import type { MetaLink, MetaLinkAdded, MetaLinkQuery, MetaLinkRequest, Removed } from '../operations.js';
import { removeInstances } from './cohort-instances.js';
import { checkMetaLinkRemovals, checkMetaLinks, metaLinkResults, type MetaLinkView } from './course-upkeep-rules.js';
import { nextSortorder } from './enrol-instance-rules.js';
import { existingCourseIds } from './existing.js';
import { keyOf, nowSeconds, selectIn } from './sql-helpers.js';

/** The `meta` instances of the courses, or those whose parent (customint1) is one of the courses, by course then id. */
export async function findMetaLinks(db: Kysely<Database>, query: MetaLinkQuery, sqlite?: SQLite.Database): Promise<MetaLink[]> {
  const byParent = 'parentIds' in query;
  const rows = await selectIn(
    byParent ? query.parentIds : query.courseIds,
    (part) =>
      db
        .selectFrom('lms_enrol')
        .select(['id', 'courseid', 'customint1', 'status'])
        .where('enrol', '=', 'meta')
        .where(byParent ? 'customint1' : 'courseid', 'in', part)
        .execute(),
    sqlite,
  );
  return rows
    .map((row) => ({ instanceId: row.id, courseId: row.courseid, parentId: row.customint1 ?? 0, enabled: row.status === 0 }))
    .sort((a, b) => a.courseId - b.courseId || a.instanceId - b.instanceId);
}

/**
 * Adds links: a new `meta` instance after the course's others (enabled, no role of its own, customint1 = parent),
 * or the existing one enabled again. The sync of the courses is left to the caller (EmbeddedPlatform).
 */
export async function addMetaLinks(db: Kysely<Database>, items: readonly MetaLinkRequest[]): Promise<ItemResult<MetaLinkAdded>[]> {
  const view = await metaLinkView(db, items);
  const verdicts = checkMetaLinks(items, view);
  const now = nowSeconds();
  const toEnable = verdicts.flatMap((verdict) => ('existing' in verdict && verdict.enable ? [verdict.existing.instanceId] : []));
  if (toEnable.length) await db.updateTable('lms_enrol').set({ status: 0, enrolstartdate: now, enrolenddate: 0, timemodified: now }).where('id', 'in', toEnable).execute();
  const created = new Map<number, number>();
  for (const [index, verdict] of verdicts.entries()) {
    if (!('create' in verdict)) continue;
    const { courseId, parentId } = items[index]!;
    const sortorders = await db.selectFrom('lms_enrol').select('sortorder').where('courseid', '=', courseId).execute();
    const row = await db
      .insertInto('lms_enrol')
      .values({ enrol: 'meta', courseid: courseId, status: 0, sortorder: nextSortorder(sortorders.map((r) => r.sortorder)), roleid: 0, customint1: parentId, customint2: null, enrolstartdate: now, enrolenddate: 0, timecreated: now, timemodified: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    created.set(index, row.id);
  }
  return metaLinkResults(verdicts, created);
}

/** Removes links as enrol_plugin::delete_instance: their user enrolments go (each as unenrolUsers), then the instances. */
export async function removeMetaLinks(db: Kysely<Database>, items: readonly MetaLinkRequest[]): Promise<ItemResult<Removed>[]> {
  const { results, instanceIds } = checkMetaLinkRemovals(items, await metaLinkView(db, items));
  await removeInstances(db, instanceIds);
  return results;
}

async function metaLinkView(db: Kysely<Database>, items: readonly MetaLinkRequest[]): Promise<MetaLinkView> {
  const courses = await existingCourseIds(db, items.flatMap((item) => [item.courseId, item.parentId]));
  const links = await findMetaLinks(db, { courseIds: [...courses] });
  const byPair = new Map(links.map((link) => [keyOf(link.courseId, link.parentId), link]));
  return { courseExists: (id) => courses.has(id), link: (courseId, parentId) => byPair.get(keyOf(courseId, parentId)) };
}
