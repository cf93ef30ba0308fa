import type { Kysely } from 'kysely';

/** Memberships are looked up by user (what the users of a batch belong to), as Moodle indexes them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('lms_groups_members_user').on('lms_groups_members').column('userid').execute();
  await db.schema.createIndex('lms_cohort_members_user').on('lms_cohort_members').column('userid').execute();
}
