import { succeeded, type ItemResult } from '../item-result.js';
import type { FindUserPictures, HostedUsername, PictureSet, PlatformUser, PlatformUserPicture, UserPicture } from '../operations.js';
import type { Platform } from '../platform.js';
import { reject } from '../embedded/rejections.js';
import type { UserOverlay } from './user-overlay.js';

/** Moodle's local MNet host, where the simulation creates its users. */
const LOCAL_HOST = 1;

/**
 * Pictures set during a simulation, so that a later entry of the run (or a later archive of the same upload)
 * finds the picture an earlier one would have set. The bytes are not kept (a simulation of a large archive
 * would hold every converted picture in memory): a read asking for content answers the simulated picture's
 * variants without it.
 */
export class PictureOverlay {
  readonly #real: Platform;
  readonly #users: UserOverlay;
  readonly #set = new Map<number, PlatformUserPicture>();

  constructor(real: Platform, users: UserOverlay) {
    this.#real = real;
    this.#users = users;
  }

  /** Local users through the user overlay (it knows the simulated ones), others as the real platform has them. */
  async findHostedUsers(names: readonly HostedUsername[]): Promise<PlatformUser[]> {
    const local = names.filter((name) => name.mnethostid === LOCAL_HOST).map((name) => name.username);
    const found = local.length ? await this.#users.findUsers({ by: { username: local } }) : [];
    const remote = names.filter((name) => name.mnethostid !== LOCAL_HOST);
    // Their host is the real answer's: a lookup by id on Moodle cannot tell it (core_user_get_users_by_field).
    const hosts = new Map((await this.#real.run('findHostedUsers', remote)).map((user) => [user.id, user.mnethostid]));
    if (hosts.size) {
      const users = await this.#users.findUsers({ by: { id: [...hosts.keys()].map(String) } });
      found.push(...users.map((user) => ({ ...user, mnethostid: hosts.get(user.id) ?? user.mnethostid })));
    }
    return found;
  }

  async findUserPictures(input: FindUserPictures): Promise<PlatformUserPicture[]> {
    const realIds = input.userIds.filter((id) => id > 0 && !this.#set.has(id));
    const real = realIds.length ? await this.#real.run('findUserPictures', { ...input, userIds: realIds }) : [];
    const simulated = input.userIds.flatMap((id) => this.#set.get(id) ?? []);
    return [...real, ...simulated];
  }

  async setUserPictures(pictures: readonly UserPicture[]): Promise<ItemResult<PictureSet>[]> {
    const active = await this.#users.activeIds(pictures.map((picture) => picture.userId));
    const had = new Set((await this.findUserPictures({ userIds: [...active] })).map((picture) => picture.userId));
    const timemodified = Math.floor(Date.now() / 1000);
    return pictures.map((picture) => {
      if (!active.has(picture.userId)) return reject.userNotFound(picture.userId);
      const replaced = had.has(picture.userId);
      had.add(picture.userId);
      const files = picture.files.map(({ variant, mimetype }) => ({ variant, mimetype }));
      this.#set.set(picture.userId, { userId: picture.userId, timemodified, files });
      return succeeded({ replaced });
    });
  }
}
