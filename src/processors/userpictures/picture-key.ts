import type { HostedUsername, UserLookupField } from '../../platform/operations.js';

/** The `userpictures_userfield` choices: a user lookup field, or `hostedusername` (`username@mnethostid`). */
export type PictureUserField = UserLookupField | 'hostedusername';

/** Extensions of the images a picture archive may hold (the content is checked, not only the name). */
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp']);

/** What an entry's name says: an image for a user key, or a file to ignore. */
export type EntryName =
  | { readonly kind: 'image'; readonly key: string }
  | { readonly kind: 'ignored'; readonly code: 'USERPICTURES_SYSTEM_FILE' | 'USERPICTURES_NOT_AN_IMAGE_NAME' };

/** The user key of an entry: its file name without the extension, at any depth of the archive (spec 4.2). */
export function readEntryName(path: string): EntryName {
  const segments = path.split('/');
  const name = segments.at(-1)!;
  if (segments.includes('__MACOSX') || segments.some((segment) => segment.startsWith('.'))) return { kind: 'ignored', code: 'USERPICTURES_SYSTEM_FILE' };
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || !IMAGE_EXTENSIONS.has(name.slice(dot + 1).toLowerCase())) return { kind: 'ignored', code: 'USERPICTURES_NOT_AN_IMAGE_NAME' };
  return { kind: 'image', key: name.slice(0, dot) };
}

/** A key checked for its field: what to look the user up by, or what was expected instead. */
export type ParsedKey =
  | { readonly ok: true; readonly field: UserLookupField; readonly value: string }
  | { readonly ok: true; readonly field: 'hostedusername'; readonly value: HostedUsername }
  | { readonly ok: false; readonly code: 'USERPICTURES_BAD_ID' | 'USERPICTURES_BAD_HOSTED_USERNAME' };

export function parseKey(field: PictureUserField, key: string): ParsedKey {
  if (field === 'id') return /^[1-9]\d{0,15}$/.test(key) ? { ok: true, field, value: key } : { ok: false, code: 'USERPICTURES_BAD_ID' };
  if (field !== 'hostedusername') return { ok: true, field, value: key };
  // The last @ splits: usernames may themselves be e-mail addresses (jdoe@example.org@1).
  const match = /^(.+)@(\d+)$/.exec(key);
  if (!match) return { ok: false, code: 'USERPICTURES_BAD_HOSTED_USERNAME' };
  return { ok: true, field, value: { username: match[1]!, mnethostid: Number(match[2]) } };
}
