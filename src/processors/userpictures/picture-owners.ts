import { lookupKey, type PlatformUser, type UserLookupField } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import { parseKey, type PictureUserField } from './picture-key.js';

/**
 * The users each picture key names, in one call for all the keys: every match, so that an ambiguous key (an e-mail
 * two accounts share) is told apart; a key not valid for the field names nobody.
 */
export async function findPictureOwners(platform: Platform, field: PictureUserField, keys: readonly string[]): Promise<Map<string, PlatformUser[]>> {
  const parsed = keys.map((key) => ({ key, parsed: parseKey(field, key) }));
  const matches = new Map<string, PlatformUser[]>();
  if (field === 'hostedusername') {
    const names = parsed.flatMap(({ parsed }) => (parsed.ok && parsed.field === 'hostedusername' ? [parsed.value] : []));
    const found = await platform.run('findHostedUsers', names);
    for (const { key, parsed: value } of parsed) {
      if (!value.ok || value.field !== 'hostedusername') continue;
      const { username, mnethostid } = value.value;
      matches.set(key, found.filter((user) => user.mnethostid === mnethostid && user.username.toLowerCase() === username.toLowerCase()));
    }
    return matches;
  }
  const values = parsed.flatMap(({ parsed }) => (parsed.ok && parsed.field !== 'hostedusername' ? [parsed.value] : []));
  const found = await platform.run('findUsers', { by: { [field]: values } });
  for (const { key } of parsed) {
    const wanted = lookupKey(field as UserLookupField, key);
    matches.set(key, found.filter((user) => lookupKey(field as UserLookupField, String(user[field as UserLookupField])) === wanted));
  }
  return matches;
}
