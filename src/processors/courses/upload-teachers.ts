import type { PlatformUser } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';

/**
 * The users `teacherN_account` values name, found in one call per batch: a number names the user of that id
 * when there is one; otherwise (or for text) the value must equal the username, idnumber or email of exactly
 * one active user (the original's "user search string", made exact).
 */
export class TeacherMatches {
  readonly #byId = new Map<number, PlatformUser>();
  readonly #byValue = new Map<string, Map<number, PlatformUser>>();

  static async find(platform: Platform, accounts: readonly string[]): Promise<TeacherMatches> {
    const values = [...new Set(accounts)];
    const matches = new TeacherMatches();
    if (!values.length) return matches;
    const users = await platform.run('findUsers', {
      by: { id: values.filter((value) => /^\d+$/.test(value)), username: values, idnumber: values, email: values },
    });
    for (const user of users) {
      matches.#byId.set(user.id, user);
      for (const value of [user.username.toLowerCase(), user.idnumber, user.email.toLowerCase()]) {
        if (value === '') continue;
        const found = matches.#byValue.get(value) ?? new Map<number, PlatformUser>();
        found.set(user.id, user);
        matches.#byValue.set(value, found);
      }
    }
    return matches;
  }

  /** The users a value names: one when it is an id or an exact match, several when ambiguous, none when unknown. */
  get(account: string): readonly PlatformUser[] {
    const byId = /^\d+$/.test(account) ? this.#byId.get(Number(account)) : undefined;
    if (byId) return [byId];
    const exact = new Map([...(this.#byValue.get(account) ?? []), ...(this.#byValue.get(account.toLowerCase()) ?? [])]);
    return [...exact.values()];
  }
}
