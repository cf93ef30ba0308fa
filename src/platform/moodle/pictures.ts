import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import type { FindUserPictures, HostedUsername, PictureSet, PictureVariant, PlatformUser, PlatformUserPicture, UserPicture } from '../operations.js';
import { inBatches, inSequence, sendItems } from './batch-semantics.js';
import { batchesOf, distinct, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { toPlatformUser, type WsUser } from './users.js';
import { chunks } from './ws-batches.js';
import { MoodleException } from './ws-exception.js';

/**
 * Users of MNet hosts (the companion plugin: core_user_get_users_by_field matches usernames on the local host
 * only, and never answers mnethostid), deleted accounts never.
 */
export async function findHostedUsers(ctx: MoodleContext, input: readonly HostedUsername[]): Promise<PlatformUser[]> {
  const toParams = (batch: readonly HostedUsername[]) => ({ users: batch.map((user) => ({ username: user.username.toLowerCase(), mnethostid: user.mnethostid })) });
  const found = await inBatches(batchesOf(ctx, input, toParams, MAX_ITEMS.lookups), (batch) =>
    ctx.client.call<(WsUser & { mnethostid: number })[]>('local_toolsync_get_hosted_users', toParams(batch), 'read'));
  return found.map((user) => ({ ...toPlatformUser(user), mnethostid: Number(user.mnethostid) }));
}

interface WsPicture {
  readonly userid: number;
  readonly timemodified: number;
  readonly files: readonly { readonly variant: PictureVariant; readonly mimetype: string; readonly content: string }[];
}

/** The pictures users have (the plugin reads the `user` component's icon area: no core function says), bytes as base64 when asked. */
export async function findUserPictures(ctx: MoodleContext, input: FindUserPictures): Promise<PlatformUserPicture[]> {
  const read = await inBatches(chunks(distinct(input.userIds), MAX_ITEMS.lookups), (userids) =>
    ctx.client.call<WsPicture[]>('local_toolsync_get_user_pictures', { userids, variant: input.withContent ?? '' }, 'read'));
  return read.map((picture) => ({
    userId: picture.userid,
    timemodified: picture.timemodified,
    files: picture.files.map((file) => ({
      variant: file.variant, mimetype: file.mimetype, ...(input.withContent === file.variant ? { content: new Uint8Array(Buffer.from(file.content, 'base64')) } : {}),
    })),
  }));
}

/**
 * Pictures of users, in two steps (spec/moodle-ws.md 4.2.6): the largest variant of each picture goes to a draft
 * area of the web-service user through webservice/upload.php (one per user, up to the client's concurrency), from
 * which Moodle makes every size itself; then one core_user_update_users call per batch sets `userpicture` (ITEM:
 * refusals as warnings by user id). Whether a picture was replaced is read first from the plugin. The service
 * must allow uploads.
 */
export async function setUserPictures(ctx: MoodleContext, pictures: readonly UserPicture[], uploadsAllowed: boolean): Promise<ItemResult<PictureSet>[]> {
  if (!uploadsAllowed) {
    return pictures.map(() => rejected('MOODLE_UPLOAD_DISABLED', 'The external service of the token may not upload files: tick "Can upload files" in its settings'));
  }
  const had = new Set((await findUserPictures(ctx, { userIds: pictures.map((picture) => picture.userId) })).map((picture) => picture.userId));
  const drafts = await Promise.all(pictures.map(async (picture) => {
    const source = picture.files.find((file) => file.variant === 'f3') ?? picture.files[0];
    if (!source) return new MoodleException({ exception: 'moodle_exception', errorcode: 'invalidpicture', message: 'A picture without an image' });
    try {
      return await ctx.client.upload([{ filename: `${source.variant}.${source.mimetype === 'image/jpeg' ? 'jpg' : 'png'}`, mimetype: source.mimetype, content: source.content }]);
    } catch (error) {
      if (error instanceof MoodleException) return error;
      throw error;
    }
  }));
  const results: ItemResult<PictureSet>[] = [];
  const sends: { index: number; userId: number; draft: number }[] = [];
  drafts.forEach((draft, index) => {
    if (draft instanceof MoodleException) results[index] = rejected(draft.errorcode || 'upload', draft.readable);
    else sends.push({ index, userId: pictures[index]!.userId, draft });
  });
  // One user twice in one call: Moodle would apply the last; sent in separate calls, in order, each replacing the one before.
  const rounds: (typeof sends)[] = [];
  const seen = new Map<number, number>();
  for (const send of sends) {
    const round = seen.get(send.userId) ?? 0;
    seen.set(send.userId, round + 1);
    (rounds[round] ??= []).push(send);
  }
  const toParams = (batch: readonly { userId: number; draft: number }[]) => ({ users: batch.map((item) => ({ id: item.userId, userpicture: item.draft })) });
  for (const round of rounds) {
    const sent = await inSequence(batchesOf(ctx, round, toParams, MAX_ITEMS.users), (batch) => sendItems(batch, async (items) => {
      const answer = await ctx.client.call<{ warnings?: { itemid?: number; warningcode: string; message: string }[] }>('core_user_update_users', toParams(items), 'write');
      const warnings = new Map((answer?.warnings ?? []).map((warning) => [warning.itemid, warning]));
      return items.map((item): ItemResult<PictureSet> => {
        const warning = warnings.get(item.userId);
        if (!warning) return succeeded({ replaced: had.has(item.userId) });
        return ['invaliduserid', 'invalidrecord', 'usernotfound'].includes(warning.warningcode) ? reject.userNotFound(item.userId) : rejected(warning.warningcode, warning.message);
      });
    }));
    round.forEach((item, position) => {
      results[item.index] = sent[position]!;
      if (sent[position]!.ok) had.add(item.userId);
    });
  }
  return results;
}
