import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../../../../test/databases.js';
import { buildCategory, buildCourse } from '../../../../test/factories.js';
import { adminAndViewer, openTestService, type TestService } from '../../../../test/service-kit.js';

for (const kind of DATABASES) {
  describe(`course utilities over the API on ${kind}`, () => {
    let test: TestService;
    afterEach(async () => test?.close());

    it('writes the deletion and reset files where their runs read them, naming courses by the configured identifier', async () => {
      test = await openTestService(kind);
      const { admin, viewer } = await adminAndViewer(test);
      const { store, folder } = test.service.engine;
      const algebra = await buildCourse(store, { shortname: 'ALG101', fullname: 'Algebra' });
      const biology = await buildCourse(store, { shortname: 'BIO', idnumber: 'B-1' });

      const deletion = await test.app.inject({ method: 'POST', url: '/api/v1/utilities/course-delete-file', headers: admin.headers, payload: { courses: [biology, algebra] } });
      expect(deletion.statusCode).toBe(200);
      expect(deletion.json()).toMatchObject({ path: 'deletecourses.csv', courses: [{ id: biology, shortname: 'BIO' }, { id: algebra, shortname: 'ALG101' }] });
      expect(readFileSync(join(folder.files, 'deletecourses.csv'), 'utf8')).toBe('BIO\nALG101\n');

      const reset = await test.app.inject({ method: 'POST', url: '/api/v1/utilities/course-reset-file', headers: admin.headers, payload: { courses: [algebra] } });
      expect(reset.json().path).toBe('resetcourses.csv');
      const [header, row] = readFileSync(join(folder.files, 'resetcourses.csv'), 'utf8').split('\n');
      expect(header!.split(';')[0]).toBe('shortname');
      expect(row!.split(';')[0]).toBe('ALG101');

      // By idnumber, a course without one cannot be named: nothing is written, and the answer says why.
      await test.service.engine.settings.save({ courses_filedeleteidentifier: 'idnumber' });
      const unnamed = await test.app.inject({ method: 'POST', url: '/api/v1/utilities/course-delete-file', headers: admin.headers, payload: { courses: [algebra, biology] } });
      expect([unnamed.statusCode, unnamed.json().error.code]).toEqual([422, 'ENGINE_COURSES_UNNAMED']);
      expect(unnamed.json().error.message).toBe(
        `The file names courses by idnumber, and course(s) ${algebra} have none; nothing was written. Give them one, or choose another identifier in the course settings.`,
      );
      expect(readFileSync(join(folder.files, 'deletecourses.csv'), 'utf8')).toBe('BIO\nALG101\n');

      const unknown = await test.app.inject({ method: 'POST', url: '/api/v1/utilities/course-delete-file', headers: admin.headers, payload: { courses: [999_999] } });
      expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'ENGINE_UNKNOWN_COURSES']);
      expect(unknown.json().error.message).toBe('No course has id 999999; nothing was written.');
      const empty = await test.app.inject({ method: 'POST', url: '/api/v1/utilities/course-reset-file', headers: admin.headers, payload: { courses: [] } });
      expect(empty.statusCode).toBe(400);
      const byViewer = await test.app.inject({ method: 'POST', url: '/api/v1/utilities/course-reset-file', headers: viewer.headers, payload: { courses: [algebra] } });
      expect(byViewer.statusCode).toBe(403);
    });

    it('previews the empty categories under a start category, then deletes them', async () => {
      test = await openTestService(kind);
      const { admin } = await adminAndViewer(test);
      const { store } = test.service.engine;
      const faculty = await buildCategory(store, { name: 'Faculty' });
      const emptyDepartment = await buildCategory(store, { name: 'Empty department', parent: faculty });
      const busyDepartment = await buildCategory(store, { name: 'Busy department', parent: faculty });
      await buildCourse(store, { shortname: 'KEEP', category: busyDepartment });

      const preview = await test.app.inject({ method: 'POST', url: '/api/v1/utilities/empty-categories', headers: admin.headers, payload: { start: faculty, apply: false } });
      expect(preview.json()).toEqual({ applied: false, categories: [expect.objectContaining({ id: emptyDepartment, name: 'Empty department' })] });
      const stillThere = await store.db.selectFrom('lms_course_categories').select('id').where('id', '=', emptyDepartment).execute();
      expect(stillThere).toHaveLength(1);

      const applied = await test.app.inject({ method: 'POST', url: '/api/v1/utilities/empty-categories', headers: admin.headers, payload: { start: faculty, apply: true } });
      expect(applied.json()).toEqual({ applied: true, categories: [expect.objectContaining({ id: emptyDepartment, deleted: true })] });
      const left = await store.db.selectFrom('lms_course_categories').select('id').where('id', 'in', [faculty, emptyDepartment, busyDepartment]).orderBy('id').execute();
      expect(left.map((row) => row.id)).toEqual([faculty, busyDepartment]);
    });
  });
}
