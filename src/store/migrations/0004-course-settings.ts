import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * The course settings of the course creation file (spec 5.3), with Moodle's site course defaults
 * (`COURSE_DEFAULTS` in platform/course-record.ts holds the same values for simulations); categories are
 * looked up by parent and name when paths are resolved.
 */
export async function up(db: Kysely<any>, types: ColumnTypes): Promise<void> {
  const flags: readonly [string, number][] = [
    ['showgrades', 1],
    ['newsitems', 5],
    ['marker', 0],
    ['maxbytes', 0],
    ['legacyfiles', 0],
    ['showreports', 0],
    ['visibleold', 1],
    ['coursedisplay', 0],
    ['groupmode', 0],
    ['enablecompletion', 1],
    ['groupmodeforce', 0],
    ['defaultgroupingid', 0],
  ];
  for (const [name, value] of flags) {
    await db.schema.alterTable('lms_course').addColumn(name, types.int, (c) => c.notNull().defaultTo(value)).execute();
  }
  await db.schema.alterTable('lms_course').addColumn('theme', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('lms_course_categories_parent_name').on('lms_course_categories').columns(['parent', 'name']).execute();
}
