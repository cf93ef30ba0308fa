import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../../../../test/databases.js';
import { buildCohort, buildCourse, buildGroup, buildGroupMember, buildUser, buildUserEnrolment } from '../../../../test/factories.js';
import { adminAndViewer, openTestService, type TestService } from '../../../../test/service-kit.js';

for (const kind of DATABASES) {
  describe(`data API on ${kind}`, () => {
    let test: TestService;
    afterEach(async () => test?.close());

    it('pages, searches and filters the embedded store’s entities, by offset or keyset', async () => {
      test = await openTestService(kind);
      const { viewer } = await adminAndViewer(test);
      const store = test.service.engine.store;
      const ids: number[] = [];
      for (const name of ['alice', 'Alan', 'bob', 'carol', 'dave']) ids.push(await buildUser(store, { username: name, email: `${name}@example.org` }));
      await buildUser(store, { username: 'gone', deleted: true });
      const get = async (url: string) => (await test.app.inject({ method: 'GET', url, headers: { cookie: viewer.cookie } })).json();
      const first = await get('/api/v1/data/users?pageSize=2');
      expect(first.total).toBe(5);
      expect(first.columns).toContain('username');
      expect(first.columns).not.toContain('password');
      expect(first.rows.map((row: { username: string }) => row.username)).toEqual(['alice', 'Alan']);
      expect((await get('/api/v1/data/users?pageSize=2&page=2')).rows.map((row: { username: string }) => row.username)).toEqual(['bob', 'carol']);
      expect((await get(`/api/v1/data/users?pageSize=2&after=${ids[3]}`)).rows.map((row: { username: string }) => row.username)).toEqual(['dave']);
      const search = await get('/api/v1/data/users?q=al');
      expect(search.total).toBe(2);
      expect(search.rows.map((row: { username: string }) => row.username)).toEqual(['alice', 'Alan']);
      expect((await get('/api/v1/data/users?q=%25')).total).toBe(0); // a % is searched as itself

      const course = await buildCourse(store, { shortname: 'ALG101', fullname: 'Algebra' });
      await buildCourse(store, { shortname: 'GEO', fullname: 'Geometry' });
      const instance = (await store.db.selectFrom('lms_enrol').select('id').where('courseid', '=', course).executeTakeFirstOrThrow()).id;
      await buildUserEnrolment(store, { instanceId: instance, userId: ids[0]! });
      const group = await buildGroup(store, { courseId: course, name: 'Group A' });
      await buildGroupMember(store, { groupId: group, userId: ids[0]! });
      await buildCohort(store, { name: 'Year 1' });
      expect((await get('/api/v1/data/courses?q=alg')).rows).toEqual([expect.objectContaining({ shortname: 'ALG101', fullname: 'Algebra' })]);
      expect((await get(`/api/v1/data/enrolments?parent=${course}`)).rows).toEqual([expect.objectContaining({ course: 'ALG101', username: 'alice', method: 'manual' })]);
      expect((await get(`/api/v1/data/groups?parent=${course}`)).rows).toEqual([expect.objectContaining({ name: 'Group A', course: 'ALG101' })]);
      expect((await get(`/api/v1/data/group-members?parent=${group}`)).rows).toEqual([expect.objectContaining({ username: 'alice', group: 'Group A' })]);
      expect((await get('/api/v1/data/cohorts')).total).toBe(1);
      expect((await get('/api/v1/data/categories')).total).toBeGreaterThanOrEqual(1);
      expect((await get('/api/v1/data/cohort-members')).total).toBe(0);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/data/passwords', headers: { cookie: viewer.cookie } })).statusCode).toBe(400);
    });

    it('downloads a page as CSV with formula-like values neutralised', async () => {
      test = await openTestService(kind);
      const { viewer } = await adminAndViewer(test);
      await buildUser(test.service.engine.store, { username: 'mallory', email: '=HYPERLINK("http://evil")', idnumber: '+41' });
      const csv = await test.app.inject({ method: 'GET', url: '/api/v1/data/users?format=csv', headers: { cookie: viewer.cookie } });
      expect(csv.headers['content-disposition']).toContain('users.csv');
      expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
      expect(csv.body).toContain(`,'+41,`);
    });

    it('answers a user’s picture, or 404', async () => {
      test = await openTestService(kind);
      const { viewer } = await adminAndViewer(test);
      const store = test.service.engine.store;
      const id = await buildUser(store, { username: 'pic' });
      const png = Buffer.from('89504e470d0a1a0a', 'hex');
      await store.db.insertInto('lms_user_picture').values({ userid: id, variant: 'f1', mimetype: 'image/png', content: png, timemodified: 1 }).execute();
      const picture = await test.app.inject({ method: 'GET', url: `/api/v1/data/users/${id}/picture?size=f1`, headers: { cookie: viewer.cookie } });
      expect(picture.headers['content-type']).toBe('image/png');
      expect(picture.rawPayload.equals(png)).toBe(true);
      expect((await test.app.inject({ method: 'GET', url: `/api/v1/data/users/${id}/picture?size=f3`, headers: { cookie: viewer.cookie } })).statusCode).toBe(404);
    });
  });
}
