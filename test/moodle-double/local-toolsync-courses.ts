import type { ItemResult } from '../../src/platform/item-result.js';
import type { PictureVariant } from '../../src/platform/picture-entities.js';
import { int, listOf, scalarsOf, text, type WsFunctionHandler } from './double-env.js';

/**
 * The companion plugin's course, category and picture functions (moodle-plugin/local_toolsync): reads answer
 * Moodle's rows, writes answer each item on its own (`errorcode` '' when applied, else the port's code in the
 * plugin's form), by the embedded rules as the plugin applies Moodle's.
 */
function items<T>(results: readonly ItemResult<T>[], value: (value: T) => object = () => ({})): Record<string, unknown>[] {
  return results.map((result) => result.ok
    ? { errorcode: '', message: '', ...value(result.value) }
    : {
      errorcode: result.error.code.replace(/^PLATFORM_/, '').replaceAll('_', '').toLowerCase(),
      message: result.error.message,
      params: Object.entries(result.error.params ?? {}).map(([name, param]) => ({ name, value: String(param) })),
    });
}

const ids = (params: Parameters<WsFunctionHandler>[0], name: string) => scalarsOf(params, name, false).map((value) => int(value, name));

export const LOCAL_TOOLSYNC_COURSE_FUNCTIONS: Record<string, WsFunctionHandler> = {
  local_toolsync_get_courses: async (params, env) => env.platform.run('findCourseRecords', { courseIds: ids(params, 'courseids') }),
  local_toolsync_get_course_sections: async (params, env) => (await env.platform.run('findCourseSections', { courseIds: ids(params, 'courseids') }))
    .map((section) => ({ courseid: section.courseId, section: section.section, name: section.name ?? '', hasname: section.name === null ? 0 : 1, summary: section.summary })),
  local_toolsync_save_course_sections: async (params, env) => items(await env.platform.run('saveCourseSections', listOf(params, 'items').map((item) => {
    const count = int(item.count ?? '-1', 'count');
    return {
      courseId: int(item.courseid, 'courseid'),
      sections: listOf(item, 'sections', false).map((section) => ({
        section: int(section.section, 'section'), name: text(section.hasname) === '0' ? null : text(section.name), summary: text(section.summary),
      })),
      ...(text(item.replace) === '1' ? { replace: true } : {}),
      ...(count >= 0 ? { count } : {}),
    };
  }))),
  local_toolsync_add_enrol_instances: async (params, env) => items(await env.platform.run('addEnrolInstances', listOf(params, 'instances').map((item) => ({
    courseId: int(item.courseid, 'courseid'), enrol: text(item.enrol), enabled: text(item.enabled) === '1', roleId: int(item.roleid ?? '0', 'roleid'),
  }))), (value) => value),
  local_toolsync_delete_categories: async (params, env) => items(await env.platform.run('deleteCategories', ids(params, 'categoryids'))),
  // core_course_category::hide(): the category, its sub-categories and courses hidden (new categories hold none).
  local_toolsync_hide_categories: async (params, env) => Promise.all(ids(params, 'categoryids').map(async (id) => {
    const found = await env.store.db.updateTable('lms_course_categories').set({ visible: 0 }).where('id', '=', id).executeTakeFirst();
    return Number(found.numUpdatedRows)
      ? { errorcode: '', message: '', params: [] }
      : { errorcode: 'categorynotfound', message: `No category with id ${id}`, params: [{ name: 'categoryId', value: String(id) }] };
  })),
  local_toolsync_get_hosted_users: async (params, env) => {
    const users = await env.platform.run('findHostedUsers', listOf(params, 'users').map((user) => ({ username: text(user.username), mnethostid: int(user.mnethostid, 'mnethostid') })));
    // The fields core_user_get_users_by_field answers, with the host.
    return users.map((user) => ({ ...user, suspended: user.suspended ? 1 : 0, deleted: undefined }));
  },
  local_toolsync_get_user_pictures: async (params, env) => {
    const variant = text(params.variant) as PictureVariant | '';
    const pictures = await env.platform.run('findUserPictures', { userIds: ids(params, 'userids'), ...(variant ? { withContent: variant } : {}) });
    return pictures.map((picture) => ({
      userid: picture.userId, timemodified: picture.timemodified,
      files: picture.files.map((file) => ({ variant: file.variant, mimetype: file.mimetype, content: file.content ? Buffer.from(file.content).toString('base64') : '' })),
    }));
  },
};
