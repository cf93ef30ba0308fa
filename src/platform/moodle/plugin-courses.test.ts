import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestStore } from '../../../test/databases.js';
import { buildCourse } from '../../../test/factories.js';
import { DOUBLE_FUNCTIONS } from '../../../test/moodle-double/moodle-double.js';
import { MoodleOverDouble } from '../../../test/moodle-double/moodle-over-double.js';
import { idOf, outcomes } from '../../../test/platform-contract.js';
import type { CourseResetOptions } from '../operations.js';
import type { Store } from '../../store/database.js';
import type { MoodleContext } from './moodle-context.js';
import { resetCourses, resetOptionParams, restoreCourses, sendNotifications } from './plugin-courses.js';
import { STANDARD_ROLES } from './references.js';

const NOTHING: CourseResetOptions = { unenrolRoles: null, groups: { remove: false, members: false }, groupings: { remove: false, members: false }, parts: [], modules: { mode: 'none' } };

/** Course reset, .mbz restore and notifications through the companion plugin (answered by the double). */
for (const kind of DATABASES) {
  describe(`companion plugin course functions on ${kind}`, () => {
    const opened: { store: Store; platform: MoodleOverDouble }[] = [];
    afterEach(async () => {
      for (const { store, platform } of opened.splice(0)) {
        await platform.close();
        await store.close();
      }
    });
    const open = async (functions?: string[]) => {
      const store = await openTestStore(kind);
      const platform = new MoodleOverDouble(store, functions ? { functions } : {});
      opened.push({ store, platform });
      const ctx: MoodleContext = { client: platform.client, maxInputVars: 5000, has: (name) => platform.site.functions.has(name), roleMap: STANDARD_ROLES };
      return { store, platform, ctx };
    };

    it('resets a course with the options given (students unenrolled), an unknown course refused', async () => {
      const { store, platform, ctx } = await open();
      const course = await buildCourse(store, { shortname: 'ALG' });
      const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
      const [instance] = await platform.run('findEnrolInstances', { courseIds: [course] });
      await platform.run('enrolUsers', [{ instanceId: instance!.id, userId: jdoe!, roleId: 5, timestart: 0, timeend: 0 }]);
      const results = await resetCourses(ctx, [{ courseId: course, options: { ...NOTHING, unenrolRoles: [5], parts: ['events', 'logs', 'grades'] } }, { courseId: 999_999, options: NOTHING }]);
      expect(outcomes(results)).toEqual(['ok', 'PLATFORM_COURSE_NOT_FOUND']);
      expect(results[0]).toEqual({ ok: true, value: { counts: null, lines: [
        { component: 'General', item: 'Delete events', error: '' },
        { component: 'Roles', item: 'Unenrol (1)', error: '' },
        { component: 'Gradebook', item: 'Delete all grades', error: '' },
      ] } });
      expect(await platform.run('findEnrolments', { courseIds: [course], userIds: [jdoe!] })).toEqual([]);
    });

    it('restores .mbz files into new courses after uploading them, a taken shortname refused', async () => {
      const { platform, ctx } = await open();
      const mbz = new Blob([new Uint8Array([0x1f, 0x8b, 8, 0])]);
      const results = await restoreCourses(ctx, [
        { filename: 'tpl.mbz', content: mbz, categoryId: 1, fullname: 'From template', shortname: 'NEW' },
        { filename: 'tpl.mbz', content: mbz, categoryId: 1, fullname: 'Again', shortname: 'NEW' },
      ], true);
      expect(outcomes(results)).toEqual(['ok', 'PLATFORM_COURSE_SHORTNAME_TAKEN']);
      expect(await platform.run('findCourses', { by: { shortname: ['NEW'] } })).toMatchObject([{ fullname: 'From template' }]);
      // Into existing courses: the course is named by id and its content replaced or added to, as asked.
      const into = await restoreCourses(ctx, [
        { filename: 'tpl.mbz', content: mbz, categoryId: 0, fullname: '', shortname: '', into: { courseId: idOf(results[0]), replace: true } },
        { filename: 'tpl.mbz', content: mbz, categoryId: 0, fullname: '', shortname: '', into: { courseId: 999_999, replace: false } },
      ], true);
      expect(outcomes(into)).toEqual(['ok', 'PLATFORM_COURSE_NOT_FOUND']);
      expect(into[0]).toEqual({ ok: true, value: { id: idOf(results[0]) } });
      expect(platform.double.calls.filter((call) => call.wsfunction === 'local_toolsync_restore_course').map((call) => [call.params?.courseid, call.params?.deletecontent]))
        .toEqual([['0', '0'], ['0', '0'], [String(idOf(results[0])), '1'], ['999999', '0']]);
    });

    it('notifies users; without the plugin each item names the function it needs', async () => {
      const { platform, ctx } = await open();
      const [jdoe] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }])).map(idOf);
      expect(outcomes(await sendNotifications(ctx, { userIds: [jdoe!, 999_999], subject: 'Sync', text: 'Done' }))).toEqual(['ok', 'PLATFORM_USER_NOT_FOUND']);
      const core = await open(['core_webservice_get_site_info', ...Object.keys(DOUBLE_FUNCTIONS).filter((name) => !name.startsWith('local_'))]);
      const [refused] = await resetCourses(core.ctx, [{ courseId: 1, options: NOTHING }]);
      expect(refused).toMatchObject({ ok: false, error: { code: 'MOODLE_NEEDS_PLUGIN', message: expect.stringContaining('local_toolsync_reset_course') } });
    });
  });
}

describe('reset options sent to local_toolsync_reset_course', () => {
  it('names every part of the reset file by its reset_course_userdata key, roles by id, modules as written; logs none', () => {
    const params = resetOptionParams({
      unenrolRoles: [5, 4],
      groups: { remove: true, members: true },
      groupings: { remove: false, members: true },
      parts: ['events', 'logs', 'notes', 'comments', 'blog_associations', 'completion', 'local_roles', 'overrides', 'grade_items', 'grades', 'forum_all', 'quiz_attempts'],
      modules: { mode: 'except', names: ['forum', 'quiz'] },
    });
    expect(params).toEqual([
      'reset_events', 'reset_notes', 'reset_comments', 'delete_blog_associations', 'reset_completion', 'reset_roles_local', 'reset_roles_overrides',
      'reset_gradebook_items', 'reset_gradebook_grades', 'reset_forum_all', 'reset_quiz_attempts',
    ].map((name) => ({ name, value: '1' })).concat([
      { name: 'unenrol_users', value: '5,4' },
      { name: 'reset_groups_members', value: '1' },
      { name: 'reset_groups_remove', value: '1' },
      { name: 'reset_groupings_members', value: '1' },
      { name: 'modules', value: '-forum -quiz' },
    ]));
    expect(resetOptionParams({ ...NOTHING, unenrolRoles: 'all', modules: { mode: 'all' } })).toEqual([{ name: 'unenrol_users', value: 'all' }, { name: 'modules', value: 'all' }]);
  });
});
