import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { NewCategory } from '../course-record.js';
import { succeeded, type ItemResult } from '../item-result.js';
import { checkNewCategories } from './course-change-rules.js';
import { CONTEXT_LEVEL, ensureContexts } from './contexts.js';
import { nowSeconds, selectIn } from './sql-helpers.js';

/**
 * Creates categories as Moodle's core_course_category::create: after the other categories in sort order, with
 * depth and path (`/1/4/9`) from the parent, and a context. An item may name as parent a category created by an
 * earlier item of the call. An unknown parent rejects the item.
 */
export async function createCategories(db: Kysely<Database>, items: readonly NewCategory[]): Promise<ItemResult<{ id: number }>[]> {
  const parents = new Map(
    (
      await selectIn(items.map((item) => item.parent).filter((id) => id !== 0), (part) =>
        db.selectFrom('lms_course_categories').select(['id', 'depth', 'path']).where('id', 'in', part).execute(),
      )
    ).map((row) => [row.id, row]),
  );
  const verdicts = checkNewCategories(items, (id) => parents.has(id));
  const last = await db.selectFrom('lms_course_categories').select((eb) => eb.fn.max('sortorder').as('sortorder')).executeTakeFirst();
  let sortorder = Number(last?.sortorder ?? 0);
  const now = nowSeconds();
  const results: ItemResult<{ id: number }>[] = [];
  for (const [index, item] of items.entries()) {
    const verdict = verdicts[index];
    if (verdict) {
      results.push(verdict);
      continue;
    }
    const parent = item.parent === 0 ? null : parents.get(item.parent)!;
    sortorder += 1;
    const { id } = await db
      .insertInto('lms_course_categories')
      .values({
        name: item.name,
        idnumber: item.idnumber ?? '',
        parent: item.parent,
        sortorder,
        visible: item.visible ? 1 : 0,
        depth: (parent?.depth ?? 0) + 1,
        timemodified: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `${parent?.path ?? ''}/${id}`;
    await db.updateTable('lms_course_categories').set({ path }).where('id', '=', id).execute();
    parents.set(id, { id, depth: (parent?.depth ?? 0) + 1, path });
    results.push(succeeded({ id }));
  }
  await ensureContexts(db, CONTEXT_LEVEL.category, results.flatMap((result) => (result.ok ? [result.value.id] : [])));
  return results;
}
