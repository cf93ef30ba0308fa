import type { Kysely } from 'kysely';

/** Meta links are found by the course they mirror (customint1) when that course changes or is deleted. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('lms_enrol_method_customint1').on('lms_enrol').columns(['enrol', 'customint1']).execute();
}
