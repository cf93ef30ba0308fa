import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { NO_PASSWORD, type PasswordCheck } from '../operations.js';
import { selectIn } from './sql-helpers.js';
import { matchWithoutHash } from './user-rules.js';

/** What the embedded platform needs of a password hasher (SHA-512 crypt, as Moodle stores passwords). */
export interface PasswordHashing {
  hashMany(passwords: readonly string[]): Promise<string[]>;
  verifyMany(items: readonly { password: string; hash: string }[]): Promise<boolean[]>;
}

/**
 * The value to store for each clear password, hashed in one call: `*NOPASS*` and the empty string (no password)
 * are stored as they are; undefined stays undefined (nothing to write).
 */
export async function storedPasswords(hasher: PasswordHashing, passwords: readonly (string | undefined)[]): Promise<(string | undefined)[]> {
  // Every item gets its own salt, even for a password given twice: equal hashes would tell who shares a password.
  const toHash = passwords.flatMap((password, index) => (password && password !== NO_PASSWORD ? [{ index, password }] : []));
  const hashes = toHash.length ? await hasher.hashMany(toHash.map(({ password }) => password)) : [];
  const stored = [...passwords];
  toHash.forEach(({ index }, position) => (stored[index] = hashes[position]!));
  return stored;
}

/** Checks clear passwords against the stored hashes; an unknown or deleted user never matches. */
export async function checkPasswords(db: Kysely<Database>, hasher: PasswordHashing, checks: readonly PasswordCheck[]): Promise<boolean[]> {
  const rows = await selectIn(
    checks.map((check) => check.id),
    (part) => db.selectFrom('lms_user').select(['id', 'password']).where('deleted', '=', 0).where('id', 'in', part).execute(),
  );
  const stored = new Map(rows.map((row) => [row.id, row.password]));
  const answers = checks.map(({ id, password }) => {
    const hash = stored.get(id);
    return hash === undefined ? false : matchWithoutHash(hash, password);
  });
  const toVerify = checks.flatMap(({ id, password }, index) => (answers[index] === undefined ? [{ index, password, hash: stored.get(id)! }] : []));
  if (toVerify.length) {
    const verified = await hasher.verifyMany(toVerify.map(({ password, hash }) => ({ password, hash })));
    toVerify.forEach(({ index }, position) => (answers[index] = verified[position]!));
  }
  return answers as boolean[];
}
