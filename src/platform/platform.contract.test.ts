import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestStore } from '../../test/databases.js';
import { buildCategory, buildCohort, buildCourse, buildGroup } from '../../test/factories.js';
import type { Store } from '../store/database.js';
import { EmbeddedPlatform } from './embedded/embedded-platform.js';
import type { Platform } from './platform.js';
import { SimulatedPlatform } from './simulated-platform.js';

/** Every implementation of the port, on every database: one suite, the same expectations. */
const PLATFORMS: readonly { name: string; create(store: Store): Platform }[] = [
  { name: 'embedded', create: (store) => new EmbeddedPlatform(store) },
  { name: 'simulated over embedded', create: (store) => new SimulatedPlatform(new EmbeddedPlatform(store)) },
];

for (const kind of DATABASES) {
  for (const implementation of PLATFORMS) {
    describe(`${implementation.name} platform on ${kind}`, () => {
      let store: Store;
      let platform: Platform;
      afterEach(async () => store?.close());
      const open = async () => {
        store = await openTestStore(kind);
        platform = implementation.create(store);
      };

      it('creates users and answers one result per item, in order, rejecting taken usernames', async () => {
        await open();
        const results = await platform.run('createUsers', [
          { username: 'JDoe', firstname: 'John', lastname: 'Doe', email: 'JDoe@Example.org' },
          { username: 'asmith', firstname: 'Anne', lastname: 'Smith' },
          { username: 'jdoe', firstname: 'Again', lastname: 'Doe' },
        ]);
        expect(results.map((result) => result.ok)).toEqual([true, true, false]);
        expect(results[2]).toMatchObject({ ok: false, error: { kind: 'rejected', code: 'PLATFORM_USERNAME_TAKEN' } });
        const later = await platform.run('createUsers', [{ username: 'asmith', firstname: 'A', lastname: 'S' }]);
        expect(later[0]).toMatchObject({ ok: false, error: { code: 'PLATFORM_USERNAME_TAKEN', params: { username: 'asmith' } } });
      });

      it('finds users by several fields in one call, usernames and e-mails case-insensitively, each user once', async () => {
        await open();
        await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'John', lastname: 'Doe', email: 'John.Doe@Example.org', idnumber: 'A1' },
          { username: 'asmith', firstname: 'Anne', lastname: 'Smith', email: 'anne@example.org', idnumber: 'A2' },
          { username: 'bmartin', firstname: 'Bob', lastname: 'Martin', idnumber: 'A3' },
        ]);
        const found = await platform.run('findUsers', {
          by: { username: ['JDOE', 'nobody'], email: ['john.doe@example.org', 'ANNE@example.org'], idnumber: ['A2', 'a3'] },
        });
        expect(found.map((user) => user.username).sort()).toEqual(['asmith', 'jdoe']);
        const jdoe = found.find((user) => user.username === 'jdoe')!;
        expect(jdoe).toMatchObject({ firstname: 'John', email: 'John.Doe@Example.org', idnumber: 'A1', auth: 'manual', lang: 'en', suspended: false, deleted: false });
        const byId = await platform.run('findUsers', { by: { id: [String(jdoe.id), 'not-a-number'] } });
        expect(byId.map((user) => user.username)).toEqual(['jdoe']);
        expect(await platform.run('findUsers', { by: {} })).toEqual([]);
      });

      it('updates only the fields given, and sees its own writes in later lookups', async () => {
        await open();
        const [created] = await platform.run('createUsers', [{ username: 'jdoe', firstname: 'John', lastname: 'Doe', city: 'Lyon' }]);
        const id = created!.ok ? created!.value.id : 0;
        const results = await platform.run('updateUsers', [
          { id, set: { firstname: 'Johnny', email: 'johnny@example.org' } },
          { id: 999_999, set: { firstname: 'Nobody' } },
        ]);
        expect(results).toEqual([{ ok: true, value: null }, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'PLATFORM_USER_NOT_FOUND' }) })]);
        const [user] = await platform.run('findUsers', { by: { email: ['JOHNNY@example.org'] } });
        expect(user).toMatchObject({ id, username: 'jdoe', firstname: 'Johnny', lastname: 'Doe', city: 'Lyon' });
      });

      it('finds courses, categories, roles, cohorts and groups by each of their identifiers', async () => {
        await open();
        const science = await buildCategory(store, { name: 'Science', idnumber: 'SCI' });
        const physics = await buildCategory(store, { name: 'Physics', parent: science });
        const algebra = await buildCourse(store, { shortname: 'ALG101', idnumber: 'C-ALG', category: physics });
        const biology = await buildCourse(store, { shortname: 'BIO', category: science });
        const year1 = await buildCohort(store, { name: 'Year 1', idnumber: 'Y1' });
        const lab = await buildCohort(store, { name: 'Lab', categoryId: science });
        const groupA = await buildGroup(store, { courseId: algebra, name: 'Group A', idnumber: 'G-A' });
        await buildGroup(store, { courseId: biology, name: 'Group A' });

        const courses = await platform.run('findCourses', { by: { shortname: ['ALG101', 'alg101'], idnumber: ['C-ALG'], id: [String(biology)] } });
        expect(courses.map((course) => course.shortname).sort()).toEqual(['ALG101', 'BIO']);
        expect(courses.find((course) => course.id === algebra)).toMatchObject({ category: physics, idnumber: 'C-ALG', visible: true });
        const categories = await platform.run('findCategories', { by: { name: ['Physics'], idnumber: ['SCI'] } });
        expect(categories.map((category) => [category.name, category.path]).sort()).toEqual([
          ['Physics', `/${science}/${physics}`],
          ['Science', `/${science}`],
        ]);
        expect((await platform.run('findRoles', { by: { shortname: ['student', 'editingteacher', 'dean'] } })).map((role) => role.id).sort()).toEqual([3, 5]);
        const cohorts = await platform.run('findCohorts', { by: { idnumber: ['Y1'], name: ['Lab'] } });
        expect(cohorts.map((cohort) => [cohort.id, cohort.categoryId]).sort()).toEqual([[year1, null], [lab, science]].sort());
        expect(await platform.run('findGroups', { courseId: algebra, by: { name: ['Group A'] } })).toEqual([
          { id: groupA, courseId: algebra, name: 'Group A', idnumber: 'G-A', description: '' },
        ]);
        expect(await platform.run('findCourses', { by: { id: ['x'], shortname: [] } })).toEqual([]);
      });

      it('refuses to rename a user to a taken username', async () => {
        await open();
        const created = await platform.run('createUsers', [
          { username: 'jdoe', firstname: 'John', lastname: 'Doe' },
          { username: 'asmith', firstname: 'Anne', lastname: 'Smith' },
        ]);
        const id = created[0]!.ok ? created[0]!.value.id : 0;
        const [result] = await platform.run('updateUsers', [{ id, set: { username: 'asmith' } }]);
        expect(result).toMatchObject({ ok: false, error: { code: 'PLATFORM_USERNAME_TAKEN' } });
      });
    });
  }

  describe(`simulated platform on ${kind}`, () => {
    let store: Store;
    afterEach(async () => store?.close());

    it('never writes to the platform it wraps', async () => {
      store = await openTestStore(kind);
      const real = new EmbeddedPlatform(store);
      await real.run('createUsers', [{ username: 'jdoe', firstname: 'John', lastname: 'Doe', email: 'jdoe@example.org' }]);
      const simulated = new SimulatedPlatform(real);
      const [jdoe] = await simulated.run('findUsers', { by: { username: ['jdoe'] } });
      await simulated.run('updateUsers', [{ id: jdoe!.id, set: { email: 'new@example.org' } }]);
      const [created] = await simulated.run('createUsers', [{ username: 'asmith', firstname: 'Anne', lastname: 'Smith' }]);
      expect(created).toMatchObject({ ok: true, value: { id: -1 } });
      expect((await simulated.run('findUsers', { by: { email: ['jdoe@example.org'] } }))).toEqual([]);
      expect((await simulated.run('findUsers', { by: { email: ['new@example.org'] } })).map((user) => user.username)).toEqual(['jdoe']);
      const stored = await store.db.selectFrom('lms_user').select(['username', 'email']).execute();
      expect(stored).toEqual([{ username: 'jdoe', email: 'jdoe@example.org' }]);
    });
  });
}
