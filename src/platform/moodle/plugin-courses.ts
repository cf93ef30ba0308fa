import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import { needsPlugin } from './plugin-items.js';
import type { MoodleContext } from './moodle-context.js';
import { MoodleException } from './ws-exception.js';

/**
 * What only the companion plugin does for courses and users: course reset, a course restored from a .mbz
 * template, a notification. Ready for the operations of the port the courses processor brings (not in this
 * branch yet); on a site without the plugin, each item says which function it needs.
 */

/** One run of reset_course_userdata: the reset file's options (`reset_*` keys, `unenrol_users` role ids). */
export interface CourseReset {
  readonly courseId: number;
  readonly options: Readonly<Record<string, string>>;
}

/** Resets courses one at a time (Moodle deletes user data synchronously); a part Moodle could not reset fails the item. */
export async function resetCourses(ctx: MoodleContext, resets: readonly CourseReset[]): Promise<ItemResult<null>[]> {
  if (!ctx.has('local_toolsync_reset_course')) return resets.map(() => needsPlugin('local_toolsync_reset_course'));
  const results: ItemResult<null>[] = [];
  for (const reset of resets) {
    try {
      const lines = await ctx.client.call<{ component: string; item: string; error: string }[]>('local_toolsync_reset_course', {
        courseid: reset.courseId, options: Object.entries(reset.options).map(([name, value]) => ({ name, value })),
      }, 'write');
      const failed = lines.filter((line) => line.error);
      results.push(failed.length ? rejected('MOODLE_RESET_INCOMPLETE', failed.map((line) => `${line.component}: ${line.error}`).join('; ')) : succeeded(null));
    } catch (error) {
      if (!(error instanceof MoodleException)) throw error;
      results.push(error.missingTable ? reject.courseNotFound(reset.courseId) : rejected(error.errorcode, error.readable));
    }
  }
  return results;
}

/** A new course restored from a .mbz backup. */
export interface CourseRestore {
  readonly filename: string;
  readonly content: Uint8Array;
  readonly categoryId: number;
  readonly fullname: string;
  readonly shortname: string;
}

/** Uploads each .mbz (webservice/upload.php), then restores it into a new course, one at a time. */
export async function restoreCourses(ctx: MoodleContext, restores: readonly CourseRestore[], uploadsAllowed: boolean): Promise<ItemResult<{ id: number }>[]> {
  if (!ctx.has('local_toolsync_restore_course')) return restores.map(() => needsPlugin('local_toolsync_restore_course'));
  if (!uploadsAllowed) return restores.map(() => rejected('MOODLE_UPLOAD_DISABLED', 'The external service of the token may not upload files: tick "Can upload files" in its settings'));
  const results: ItemResult<{ id: number }>[] = [];
  for (const restore of restores) {
    try {
      const draftitemid = await ctx.client.upload([{ filename: restore.filename, content: restore.content, mimetype: 'application/vnd.moodle.backup' }]);
      const { courseid } = await ctx.client.call<{ courseid: number }>('local_toolsync_restore_course', {
        draftitemid, categoryid: restore.categoryId, fullname: restore.fullname, shortname: restore.shortname,
      }, 'write');
      results.push(succeeded({ id: courseid }));
    } catch (error) {
      if (!(error instanceof MoodleException)) throw error;
      results.push(error.errorcode === 'shortnametaken' ? reject.courseShortnameTaken(restore.shortname) : rejected(error.errorcode, error.readable));
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
