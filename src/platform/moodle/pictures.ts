import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import { inSequence, sendItems } from './batch-semantics.js';
import { batchesOf, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { MoodleException } from './ws-exception.js';

/** An image to make a user's picture (GIF, JPEG or PNG: Moodle processes no other type). */
export interface UserPicture {
  readonly userId: number;
  readonly filename: string;
  readonly mimetype: string;
  readonly content: Uint8Array;
}

/**
 * Pictures of users, in two steps (spec/moodle-ws.md 4.2.6): each image goes to a draft area of the web-service
 * user through webservice/upload.php (one per user, up to the client's concurrency), then one
 * core_user_update_users call per batch sets `userpicture` (ITEM: refusals as warnings by user id). It always
 * overwrites: "skip users who have a picture" is the caller's choice. The service must allow uploads.
 *
 * Ready for the pictures operation of the port (userpictures processor), which is not in this branch yet.
 */
export async function setUserPictures(ctx: MoodleContext, pictures: readonly UserPicture[], uploadsAllowed: boolean): Promise<ItemResult<null>[]> {
  if (!uploadsAllowed) {
    return pictures.map(() => rejected('MOODLE_UPLOAD_DISABLED', 'The external service of the token may not upload files: tick "Can upload files" in its settings'));
  }
  const drafts = await Promise.all(pictures.map(async (picture) => {
    try {
      return await ctx.client.upload([picture]);
    } catch (error) {
      if (error instanceof MoodleException) return error;
      throw error;
    }
  }));
  const results: ItemResult<null>[] = [];
  const sends: { index: number; userId: number; draft: number }[] = [];
  drafts.forEach((draft, index) => {
    if (draft instanceof MoodleException) results[index] = rejected(draft.errorcode || 'upload', draft.readable);
    else sends.push({ index, userId: pictures[index]!.userId, draft });
  });
  const toParams = (batch: readonly { userId: number; draft: number }[]) => ({ users: batch.map((item) => ({ id: item.userId, userpicture: item.draft })) });
  const sent = await inSequence(batchesOf(ctx, sends, toParams, MAX_ITEMS.users), (batch) => sendItems(batch, async (items) => {
    const answer = await ctx.client.call<{ warnings?: { itemid?: number; warningcode: string; message: string }[] }>('core_user_update_users', toParams(items), 'write');
    const warnings = new Map((answer?.warnings ?? []).map((warning) => [warning.itemid, warning]));
    return items.map((item): ItemResult<null> => {
      const warning = warnings.get(item.userId);
      if (!warning) return succeeded(null);
      return warning.warningcode === 'invaliduserid' ? reject.userNotFound(item.userId) : rejected(warning.warningcode, warning.message);
    });
  }));
  sends.forEach(({ index }, position) => (results[index] = sent[position]!));
  return results;
}
