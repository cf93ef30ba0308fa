import { createStore } from '../dist/store/database.js';

/**
 * Puts `count` courses (COURSE1…) with a manual enrolment instance into the store of a data folder, as a
 * Moodle would have them, so that a users file can enrol into them.
 */
export async function seedCourses(sqlitePath, count) {
  const store = await createStore({ sqlitePath });
  try {
    for (let i = 1; i <= count; i++) {
      const { id } = await store.db.insertInto('lms_course').values({ shortname: `COURSE${i}`, fullname: `Course ${i}`, category: 1 }).returning('id').executeTakeFirstOrThrow();
      await store.db.insertInto('lms_context').values({ contextlevel: 50, instanceid: id }).execute();
      await store.db.insertInto('lms_enrol').values({ enrol: 'manual', courseid: id, roleid: 5 }).execute();
    }
  } finally {
    await store.close();
  }
}
