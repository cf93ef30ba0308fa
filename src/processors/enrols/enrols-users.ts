import { lookupKey, type PlatformUser, type UserLookupField } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';

/** What the enrolment file needs of a user: its id for the writes, its names for the teachers' digest. */
export type EnrolUser = Pick<PlatformUser, 'id' | 'username' | 'firstname' | 'lastname'>;

/** Past this many users kept, the run starts afresh (about 200 bytes each: the memory of a run stays bounded). */
const MAX_KEPT = 500_000;

/**
 * The users the rows name, looked up once per run rather than once per batch: a file names each user in many
 * batches (the bench: 100,000 users over 250 batches, each in ten of them), and reading 4,000 whole users a
 * batch was the run's largest read. Only a value that named exactly one active account is kept, and only the
 * fields above; a value that named none or several is asked again in each batch naming it, as before. A user
 * deleted during the run is still refused: the platform checks every user a write names.
 */
export class RunUsers {
  readonly #platform: Platform;
  readonly #field: UserLookupField;
  /** By lookup key: the one user the value named when first asked, as the list get() answers (not one per row). */
  #kept = new Map<string, readonly [EnrolUser]>();
  /** By lookup key: what this batch's values that are not kept named (none, or several). */
  #others = new Map<string, EnrolUser[]>();

  constructor(platform: Platform, field: UserLookupField) {
    this.#platform = platform;
    this.#field = field;
  }

  /** Asks, in one call, for the batch's values not kept yet. */
  async load(values: readonly string[]): Promise<void> {
    this.#others = new Map();
    const missing = new Set<string>();
    for (const value of values) {
      if (value !== '' && !this.#kept.has(lookupKey(this.#field, value))) missing.add(value);
    }
    if (!missing.size) return;
    if (this.#kept.size + missing.size > MAX_KEPT) this.#kept = new Map();
    for (const user of await this.#platform.run('findUsers', { by: { [this.#field]: [...missing] } })) {
      const key = lookupKey(this.#field, String(user[this.#field]));
      const slim: EnrolUser = { id: user.id, username: user.username, firstname: user.firstname, lastname: user.lastname };
      const others = this.#others.get(key);
      if (others) others.push(slim);
      else if (this.#kept.has(key)) {
        this.#others.set(key, [this.#kept.get(key)![0], slim]);
        this.#kept.delete(key);
      } else this.#kept.set(key, [slim]);
    }
  }

  /** Every active account the value names (usernames and e-mails compare case-insensitively). */
  get(value: string): readonly EnrolUser[] {
    const key = lookupKey(this.#field, value);
    return this.#kept.get(key) ?? this.#others.get(key) ?? [];
  }
}
