import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import type { CourseReset, CourseResetDone, CourseResetOptions, CourseRestore, ResetStatusLine } from '../operations.js';
import { needsPlugin } from './plugin-items.js';
import type { MoodleContext } from './moodle-context.js';
import { MoodleException } from './ws-exception.js';

/**
 * What only the companion plugin does for courses and users: course reset (resetCourses), a course restored from a
 * .mbz template, a notification; on a site without the plugin, each item says which function it needs.
 */

/** The reset file's parts (spec 5.9) as reset_course_userdata's options; `logs` has none (Moodle's log stores keep theirs). */
const RESET_KEYS: Readonly<Record<string, string>> = {
  events: 'reset_events', notes: 'reset_notes', comments: 'reset_comments', blog_associations: 'delete_blog_associations',
  completion: 'reset_completion', local_roles: 'reset_roles_local', overrides: 'reset_roles_overrides',
  grade_items: 'reset_gradebook_items', grades: 'reset_gradebook_grades',
};

/**
 * The options local_toolsync_reset_course takes: reset_course_userdata's keys set to 1, `unenrol_users` (role ids
 * separated by commas, or `all`: every role and users without one), per-module columns as `reset_<column>`, and
 * `modules` (`all`, `forum quiz`, `-forum -quiz`), whose modules the plugin resets with their own form defaults.
 */
export function resetOptionParams(options: CourseResetOptions): { name: string; value: string }[] {
  const params: { name: string; value: string }[] = [];
  const set = (name: string) => params.push({ name, value: '1' });
  for (const part of options.parts) {
    if (part === 'logs') continue;
    set(RESET_KEYS[part] ?? `reset_${part}`);
  }
  if (options.unenrolRoles) params.push({ name: 'unenrol_users', value: options.unenrolRoles === 'all' ? 'all' : options.unenrolRoles.join(',') });
  if (options.groups.members) set('reset_groups_members');
  if (options.groups.remove) set('reset_groups_remove');
  if (options.groupings.members) set('reset_groupings_members');
  if (options.groupings.remove) set('reset_groupings_remove');
  const { modules } = options;
  if (modules.mode === 'all') params.push({ name: 'modules', value: 'all' });
  else if (modules.mode === 'only' || modules.mode === 'except') {
    const prefix = modules.mode === 'except' ? '-' : '';
    params.push({ name: 'modules', value: modules.names.map((name) => prefix + name).join(' ') });
  }
  return params;
}

/**
 * Resets courses one at a time through the plugin's reset_course_userdata (Moodle deletes user data synchronously),
 * answering Moodle's status lines; a part Moodle could not reset (a module without reset support) is a line with
 * its error, the rest stays reset. On a site without the plugin, each course says which function it needs.
 */
export async function resetCourses(ctx: MoodleContext, resets: readonly CourseReset[]): Promise<ItemResult<CourseResetDone>[]> {
  const refusal = resetRefusal(ctx);
  if (refusal) return resets.map(() => refusal);
  const results: ItemResult<CourseResetDone>[] = [];
  for (const reset of resets) {
    try {
      const lines = await ctx.client.call<ResetStatusLine[]>('local_toolsync_reset_course', {
        courseid: reset.courseId, options: resetOptionParams(reset.options),
      }, 'write');
      results.push(succeeded({ counts: null, lines }));
    } catch (error) {
      if (!(error instanceof MoodleException)) throw error;
      results.push(error.missingTable ? reject.courseNotFound(reset.courseId) : rejected(error.errorcode, error.readable));
    }
  }
  return results;
}

/** Uploads each .mbz (webservice/upload.php), then restores it into a new course or an existing one, one at a time. */
export async function restoreCourses(ctx: MoodleContext, restores: readonly CourseRestore[], uploadsAllowed: boolean): Promise<ItemResult<{ id: number }>[]> {
  const refusal = restoreRefusal(ctx, uploadsAllowed);
  if (refusal) return restores.map(() => refusal);
  const results: ItemResult<{ id: number }>[] = [];
  for (const restore of restores) {
    try {
      const draftitemid = await ctx.client.upload([{ filename: restore.filename, content: restore.content, mimetype: 'application/vnd.moodle.backup' }]);
      const { courseid } = await ctx.client.call<{ courseid: number }>('local_toolsync_restore_course', {
        draftitemid, categoryid: restore.categoryId, fullname: restore.fullname, shortname: restore.shortname,
        courseid: restore.into?.courseId ?? 0, deletecontent: restore.into?.replace ? 1 : 0,
      }, 'write');
      results.push(succeeded({ id: courseid }));
    } catch (error) {
      if (!(error instanceof MoodleException)) throw error;
      if (error.errorcode === 'shortnametaken') results.push(reject.courseShortnameTaken(restore.shortname));
      else if (error.errorcode === 'invalidcourseid' && restore.into) results.push(reject.courseNotFound(restore.into.courseId));
      else results.push(rejected(error.errorcode, error.readable));
    }
  }
  return results;
}

/** Sends a notification (the plugin's message provider) to users; answers, per user, whether it was sent. */
export async function sendNotifications(
  ctx: MoodleContext,
  notification: { readonly userIds: readonly number[]; readonly subject: string; readonly text: string; readonly html?: string },
): Promise<ItemResult<null>[]> {
  if (!ctx.has('local_toolsync_send_notification')) return notification.userIds.map(() => needsPlugin('local_toolsync_send_notification'));
  const answer = await ctx.client.call<{ userid: number; sent: boolean }[]>('local_toolsync_send_notification', {
    userids: notification.userIds, subject: notification.subject, fullmessage: notification.text, fullmessagehtml: notification.html ?? '',
  }, 'write');
  return answer.map((item) => (item.sent ? succeeded(null) : reject.userNotFound(item.userid)));
}

/** Why no course can be reset here: the site lacks the plugin's function. */
export function resetRefusal(ctx: MoodleContext): ItemResult<never> | undefined {
  return ctx.has('local_toolsync_reset_course') ? undefined : needsPlugin('local_toolsync_reset_course');
}

/** Why no backup can be restored here: the site lacks the plugin's function, or the token's service may not upload. */
export function restoreRefusal(ctx: MoodleContext, uploadsAllowed: boolean): ItemResult<never> | undefined {
  if (!ctx.has('local_toolsync_restore_course')) return needsPlugin('local_toolsync_restore_course');
  if (!uploadsAllowed) return rejected('MOODLE_UPLOAD_DISABLED', 'The external service of the token may not upload files: tick "Can upload files" in its settings');
  return undefined;
}
