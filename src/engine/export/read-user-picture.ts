import { PICTURE_SIZES, type PictureVariant } from '../../platform/operations.js';
import type { PictureUserField } from '../../processors/userpictures/picture-key.js';
import { findPictureOwners } from '../../processors/userpictures/picture-owners.js';
import type { Engine } from '../engine.js';
import { PICTURE_BAD_FIELD, PICTURE_BAD_SIZE, PICTURE_NOT_SET, PICTURE_USER_NOT_FOUND } from './picture-errors.js';

const FIELDS: readonly string[] = ['id', 'idnumber', 'username', 'email', 'hostedusername'];

/** A user's stored picture, one size of it. */
export interface UserPictureFile {
  readonly userId: number;
  readonly size: PictureVariant;
  readonly mimetype: string;
  readonly content: Uint8Array;
}

/**
 * Reads back the picture a user was given, named as in a picture archive (`field` defaults to the
 * `userpictures_userfield` setting). Throws PICTURE_USER_NOT_FOUND when the key names no single user and
 * PICTURE_NOT_SET when that user has no picture.
 *
 * @example
 * const picture = await readUserPicture(engine, { key: 'jdoe', field: 'username', size: 'f3' });
 * writeFileSync('jdoe.png', picture.content);
 */
export async function readUserPicture(engine: Engine, request: { key: string; field?: string; size?: string }): Promise<UserPictureFile> {
  const field = request.field ?? (await engine.settings.snapshot()).choice('userpictures_userfield');
  if (!FIELDS.includes(field)) throw PICTURE_BAD_FIELD({ field });
  const size = request.size ?? 'f1';
  if (!(size in PICTURE_SIZES)) throw PICTURE_BAD_SIZE({ size });
  const owners = (await findPictureOwners(engine.platform, field as PictureUserField, [request.key])).get(request.key) ?? [];
  if (owners.length !== 1) throw PICTURE_USER_NOT_FOUND({ field, key: request.key, count: owners.length });
  const userId = owners[0]!.id;
  const [picture] = await engine.platform.run('findUserPictures', { userIds: [userId], withContent: size as PictureVariant });
  const file = picture?.files.find((candidate) => candidate.variant === size);
  if (!file?.content) throw PICTURE_NOT_SET({ field, key: request.key });
  return { userId, size: size as PictureVariant, mimetype: file.mimetype, content: file.content };
}
