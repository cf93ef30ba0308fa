import { expect, it } from 'vitest';
import { buildUser } from '../../../test/factories.js';
import { describeContract, describeEmbedded, describeSimulation, outcomes } from '../../../test/platform-contract.js';
import { SimulatedPlatform } from '../simulated-platform.js';
import type { UserPicture } from '../operations.js';

/** A picture whose bytes say which user and which version it is. */
function picture(userId: number, version: string): UserPicture {
  return {
    userId,
    files: (['f1', 'f2', 'f3'] as const).map((variant) => ({ variant, mimetype: 'image/png', content: new TextEncoder().encode(`${version}-${variant}`) })),
  };
}

/** The platform contract, user pictures: hosted usernames, setting, replacing and reading pictures. */
describeContract((ctx) => {
  it('finds users by username@mnethostid on their own host only, never deleted ones', async () => {
    const local = await buildUser(ctx.store, { username: 'jdoe' });
    const remote = await buildUser(ctx.store, { username: 'jdoe', mnethostid: 3 });
    await buildUser(ctx.store, { username: 'gone', deleted: true });
    const found = await ctx.platform.run('findHostedUsers', [
      { username: 'JDoe', mnethostid: 1 },
      { username: 'jdoe', mnethostid: 3 },
      { username: 'jdoe', mnethostid: 4 },
      { username: 'gone', mnethostid: 1 },
    ]);
    expect(found.map((user) => [user.id, user.mnethostid]).sort()).toEqual([[local, 1], [remote, 3]].sort());
  });

  it('sets pictures, says when one was replaced, refuses unknown and deleted users', async () => {
    const jdoe = await buildUser(ctx.store, { username: 'jdoe' });
    const gone = await buildUser(ctx.store, { username: 'gone', deleted: true });
    const first = await ctx.platform.run('setUserPictures', [picture(jdoe, 'v1'), picture(gone, 'v1'), picture(999_999, 'v1')]);
    expect(outcomes(first)).toEqual(['ok', 'PLATFORM_USER_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND']);
    expect(first[0]).toEqual({ ok: true, value: { replaced: false } });
    const again = await ctx.platform.run('setUserPictures', [picture(jdoe, 'v2')]);
    expect(again[0]).toEqual({ ok: true, value: { replaced: true } });
    const [found, ...others] = await ctx.platform.run('findUserPictures', { userIds: [jdoe, gone, 999_999] });
    expect(others).toEqual([]);
    expect(found!.userId).toBe(jdoe);
    expect(found!.files.map((file) => [file.variant, file.mimetype, file.content])).toEqual([
      ['f1', 'image/png', undefined],
      ['f2', 'image/png', undefined],
      ['f3', 'image/png', undefined],
    ]);
  });

  it('a second picture of the same user in one call replaces the first', async () => {
    const jdoe = await buildUser(ctx.store, { username: 'jdoe' });
    const results = await ctx.platform.run('setUserPictures', [picture(jdoe, 'v1'), picture(jdoe, 'v2')]);
    expect(results.map((result) => result.ok && result.value.replaced)).toEqual([false, true]);
    expect(await ctx.platform.run('findUserPictures', { userIds: [jdoe] })).toHaveLength(1);
  });
});

describeEmbedded((ctx) => {
  it('keeps every variant with its bytes and counts the change in lms_user.picture', async () => {
    const jdoe = await buildUser(ctx.store, { username: 'jdoe' });
    await ctx.platform.run('setUserPictures', [picture(jdoe, 'v1')]);
    await ctx.platform.run('setUserPictures', [picture(jdoe, 'v2')]);
    const [found] = await ctx.platform.run('findUserPictures', { userIds: [jdoe], withContent: 'f3' });
    expect(new TextDecoder().decode(found!.files.find((file) => file.variant === 'f3')!.content)).toBe('v2-f3');
    expect(found!.files.find((file) => file.variant === 'f1')!.content).toBeUndefined();
    const rows = await ctx.store.db.selectFrom('lms_user_picture').select(['variant']).where('userid', '=', jdoe).execute();
    expect(rows.map((row) => row.variant).sort()).toEqual(['f1', 'f2', 'f3']);
    const user = await ctx.store.db.selectFrom('lms_user').select('picture').where('id', '=', jdoe).executeTakeFirstOrThrow();
    expect(Number(user.picture)).toBe(2);
  });
});

describeSimulation((ctx) => {
  it('sees the pictures it set, without bytes, and writes nothing', async () => {
    const jdoe = await buildUser(ctx.store, { username: 'jdoe' });
    const simulated = new SimulatedPlatform(ctx.platform);
    const [created] = await simulated.run('createUsers', [{ username: 'newbie', firstname: 'N', lastname: 'B' }]);
    const newbie = created!.ok ? created!.value.id : 0;
    expect((await simulated.run('findHostedUsers', [{ username: 'newbie', mnethostid: 1 }])).map((user) => user.id)).toEqual([newbie]);
    const results = await simulated.run('setUserPictures', [picture(jdoe, 'v1'), picture(newbie, 'v1'), picture(jdoe, 'v2')]);
    expect(results.map((result) => result.ok && result.value.replaced)).toEqual([false, false, true]);
    const found = await simulated.run('findUserPictures', { userIds: [jdoe, newbie], withContent: 'f1' });
    expect(found.map((item) => item.userId).sort()).toEqual([jdoe, newbie].sort());
    expect(found[0]!.files.map((file) => file.content)).toEqual([undefined, undefined, undefined]);
    expect(await ctx.platform.run('findUserPictures', { userIds: [jdoe] })).toEqual([]);
  });
});
