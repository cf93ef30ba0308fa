import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import {
  PICTURE_VARIANTS,
  type FindUserPictures,
  type HostedUsername,
  type PictureSet,
  type PictureVariant,
  type PlatformUser,
  type PlatformUserPicture,
  type UserPicture,
} from '../operations.js';
import { reject } from './rejections.js';
import { chunks, nowSeconds, selectIn } from './sql-helpers.js';
import { findUsers } from './users.js';

/** Users by `username@mnethostid`: ids found per host on the unique (mnethostid, username) index, then read whole. */
export async function findHostedUsers(db: Kysely<Database>, names: readonly HostedUsername[], sqlite?: SQLite.Database): Promise<PlatformUser[]> {
  const byHost = new Map<number, string[]>();
  for (const { username, mnethostid } of names) byHost.set(mnethostid, [...(byHost.get(mnethostid) ?? []), username.toLowerCase()]);
  const ids: number[] = [];
  for (const [host, usernames] of byHost) {
    const rows = await selectIn(usernames, (part) =>
      db.selectFrom('lms_user').select('id').where('deleted', '=', 0).where('mnethostid', '=', host).where('username', 'in', part).execute(),
    );
    for (const row of rows) ids.push(row.id);
  }
  return ids.length ? findUsers(db, { by: { id: ids.map(String) } }, sqlite) : [];
}

/** The pictures of the users, variants in PICTURE_VARIANTS order; the bytes of `withContent` only. */
export async function findUserPictures(db: Kysely<Database>, { userIds, withContent }: FindUserPictures): Promise<PlatformUserPicture[]> {
  const rows = await selectIn(userIds, (part) =>
    db.selectFrom('lms_user_picture').select(['userid', 'variant', 'mimetype', 'timemodified']).where('userid', 'in', part).execute(),
  );
  const contents = new Map<number, Uint8Array>();
  if (withContent) {
    const stored = await selectIn(userIds, (part) =>
      db.selectFrom('lms_user_picture').select(['userid', 'content']).where('variant', '=', withContent).where('userid', 'in', part).execute(),
    );
    for (const row of stored) contents.set(row.userid, row.content);
  }
  const pictures = new Map<number, { userId: number; timemodified: number; files: PlatformUserPicture['files'][number][] }>();
  for (const row of rows) {
    const picture = pictures.get(row.userid) ?? { userId: row.userid, timemodified: 0, files: [] };
    const variant = row.variant as PictureVariant;
    const content = variant === withContent ? contents.get(row.userid) : undefined;
    picture.files.push({ variant, mimetype: row.mimetype, ...(content ? { content: new Uint8Array(content) } : {}) });
    picture.timemodified = Math.max(picture.timemodified, Number(row.timemodified));
    pictures.set(row.userid, picture);
  }
  const rank = (variant: PictureVariant) => PICTURE_VARIANTS.indexOf(variant);
  return [...pictures.values()].map((picture) => ({ ...picture, files: picture.files.sort((a, b) => rank(a.variant) - rank(b.variant)) }));
}

/**
 * Replaces the pictures of existing users, every variant at once, and counts the change in `lms_user.picture`
 * (Moodle keeps a non-zero revision there while a user has a picture). Inside the caller's transaction.
 */
export async function setUserPictures(trx: Kysely<Database>, pictures: readonly UserPicture[]): Promise<ItemResult<PictureSet>[]> {
  const ids = pictures.map((picture) => picture.userId);
  const users = await selectIn(ids, (part) => trx.selectFrom('lms_user').select(['id', 'picture']).where('deleted', '=', 0).where('id', 'in', part).execute());
  const hadPicture = new Map(users.map((user) => [user.id, Number(user.picture) > 0]));
  const now = nowSeconds();
  const results = pictures.map((picture): ItemResult<PictureSet> => {
    const had = hadPicture.get(picture.userId);
    if (had === undefined) return reject.userNotFound(picture.userId);
    hadPicture.set(picture.userId, true); // a second picture of the same user in the call replaces the first
    return succeeded({ replaced: had });
  });
  // The last picture of a user in the call is the one kept.
  const kept = new Map<number, UserPicture>();
  for (const [index, picture] of pictures.entries()) if (results[index]!.ok) kept.set(picture.userId, picture);
  const keptIds = [...kept.keys()];
  for (const part of chunks(keptIds, 500)) await trx.deleteFrom('lms_user_picture').where('userid', 'in', part).execute();
  const rows = [...kept.values()].flatMap((picture) =>
    picture.files.map((file) => ({ userid: picture.userId, variant: file.variant, mimetype: file.mimetype, content: asBuffer(file.content), timemodified: now })),
  );
  for (const part of chunks(rows, 60)) await trx.insertInto('lms_user_picture').values(part).execute();
  for (const part of chunks(keptIds, 500)) {
    await trx.updateTable('lms_user').set((eb) => ({ picture: eb('picture', '+', 1) })).where('id', 'in', part).execute();
  }
  return results;
}

/** The bytes as a Buffer for the drivers, without a copy when they already are one (sharp's output is). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
