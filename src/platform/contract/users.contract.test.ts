import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { buildCohort, buildCourse, buildGroup, buildProfileField, buildUser } from '../../../test/factories.js';
import { describeContract, describeEmbedded, idOf, outcomes } from '../../../test/platform-contract.js';
import { NO_PASSWORD } from '../operations.js';

/** The platform contract, users: creation, lookups, changes, renames, custom fields and preferences, passwords, deletion, profile fields. */
describeContract((ctx) => {
  it('creates users and answers one result per item, in order, rejecting taken usernames', async () => {
    const { platform } = ctx;
    const results = await platform.run('createUsers', [
      { username: 'JDoe', firstname: 'John', lastname: 'Doe', email: 'JDoe@Example.org' },
      { username: 'asmith', firstname: 'Anne', lastname: 'Smith' },
      { username: 'jdoe', firstname: 'Again', lastname: 'Doe' },
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, true, false]);
    expect(results[2]).toMatchObject({ ok: false, error: { kind: 'rejected', code: 'PLATFORM_USERNAME_TAKEN' } });
    const later = await platform.run('createUsers', [{ username: 'asmith', firstname: 'A', lastname: 'S' }]);
    expect(later[0]).toMatchObject({ ok: false, error: { code: 'PLATFORM_USERNAME_TAKEN', params: { username: 'asmith' } } });
  });

  it('finds users by several fields in one call, usernames and e-mails case-insensitively, each user once', async () => {
    const { platform } = ctx;
    await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'John', lastname: 'Doe', email: 'John.Doe@Example.org', idnumber: 'A1' },
      { username: 'asmith', firstname: 'Anne', lastname: 'Smith', email: 'anne@example.org', idnumber: 'A2' },
      { username: 'bmartin', firstname: 'Bob', lastname: 'Martin', idnumber: 'A3' },
    ]);
    const found = await platform.run('findUsers', {
      by: { username: ['JDOE', 'nobody'], email: ['john.doe@example.org', 'ANNE@example.org'], idnumber: ['A2', 'a3'] },
    });
    expect(found.map((user) => user.username).sort()).toEqual(['asmith', 'jdoe']);
    const jdoe = found.find((user) => user.username === 'jdoe')!;
    expect(jdoe).toMatchObject({ firstname: 'John', email: 'John.Doe@Example.org', idnumber: 'A1', auth: 'manual', lang: 'en', suspended: false, deleted: false });
    const byId = await platform.run('findUsers', { by: { id: [String(jdoe.id), 'not-a-number'] } });
    expect(byId.map((user) => user.username)).toEqual(['jdoe']);
    expect(await platform.run('findUsers', { by: {} })).toEqual([]);
  });

  it('updates only the fields given, and sees its own writes in later lookups', async () => {
    const { platform } = ctx;
    const [created] = await platform.run('createUsers', [{ username: 'jdoe', firstname: 'John', lastname: 'Doe', city: 'Lyon' }]);
    const id = created!.ok ? created!.value.id : 0;
    const results = await platform.run('updateUsers', [
      { id, set: { firstname: 'Johnny', email: 'johnny@example.org' } },
      { id: 999_999, set: { firstname: 'Nobody' } },
    ]);
    expect(results).toEqual([{ ok: true, value: null }, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'PLATFORM_USER_NOT_FOUND' }) })]);
    const [user] = await platform.run('findUsers', { by: { email: ['JOHNNY@example.org'] } });
    expect(user).toMatchObject({ id, username: 'jdoe', firstname: 'Johnny', lastname: 'Doe', city: 'Lyon' });
  });

  it('refuses to rename a user to a taken username', async () => {
    const { platform } = ctx;
    const created = await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'John', lastname: 'Doe' },
      { username: 'asmith', firstname: 'Anne', lastname: 'Smith' },
    ]);
    const id = created[0]!.ok ? created[0]!.value.id : 0;
    const [result] = await platform.run('updateUsers', [{ id, set: { username: 'asmith' } }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'PLATFORM_USERNAME_TAKEN' } });
  });

  it('renames in order within one call: a freed username can be taken, a username given twice cannot', async () => {
    const { platform } = ctx;
    const [a, b, c] = (await platform.run('createUsers', [
      { username: 'ann', firstname: 'A', lastname: 'A' },
      { username: 'bob', firstname: 'B', lastname: 'B' },
      { username: 'cid', firstname: 'C', lastname: 'C' },
    ])).map(idOf);
    const results = await platform.run('updateUsers', [
      { id: a!, set: { username: 'Anna' } },
      { id: b!, set: { username: 'ann' } },
      { id: c!, set: { username: 'anna' } },
      { id: c!, set: { username: 'cid' } },
    ]);
    expect(outcomes(results)).toEqual(['ok', 'ok', 'PLATFORM_USERNAME_TAKEN', 'ok']);
    const found = await platform.run('findUsers', { by: { id: [a, b, c].map(String) } });
    expect(found.map((user) => [user.id, user.username]).sort()).toEqual([[a, 'anna'], [b, 'ann'], [c, 'cid']].sort());
  });

  it('writes custom fields and preferences, rejecting an unknown field by its shortname', async () => {
    const { store, platform } = ctx;
    await buildProfileField(store, { shortname: 'dept' });
    await buildProfileField(store, { shortname: 'team' });
    const created = await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'J', lastname: 'D', customFields: { dept: 'Maths', team: 'Blue' }, preferences: { auth_forcepasswordchange: '1' } },
      { username: 'asmith', firstname: 'A', lastname: 'S', customFields: { dept: 'Arts', nope: 'x' } },
      { username: 'asmith', firstname: 'A', lastname: 'S', customFields: { team: '' } },
    ]);
    expect(outcomes(created)).toEqual(['ok', 'PLATFORM_PROFILE_FIELD_UNKNOWN', 'ok']);
    expect(created[1]).toMatchObject({ error: { kind: 'rejected', params: { shortname: 'nope' }, message: expect.stringContaining('"nope"') } });
    const [jdoe, asmith] = [idOf(created[0]), idOf(created[2])];
    const updated = await platform.run('updateUsers', [
      { id: jdoe, set: { customFields: { team: 'Red' }, preferences: { auth_forcepasswordchange: '0' } } },
      { id: asmith, set: { firstname: 'Ann', customFields: { other: 'x' } } },
    ]);
    expect(outcomes(updated)).toEqual(['ok', 'PLATFORM_PROFILE_FIELD_UNKNOWN']);
    expect(await platform.run('findUserCustomFields', { userIds: [asmith, jdoe, 999_999], shortnames: ['team', 'dept', 'nope'] })).toEqual([
      { userId: jdoe, shortname: 'dept', value: 'Maths' },
      { userId: jdoe, shortname: 'team', value: 'Red' },
    ]);
    const [unchanged] = await platform.run('findUsers', { by: { id: [String(asmith)] } });
    expect(unchanged).toMatchObject({ firstname: 'A' });
  });

  it('checks clear passwords against what was stored: hashes, *NOPASS* as is, no password never matches', async () => {
    const { platform } = ctx;
    const [withPassword, noLogin, none] = (await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'J', lastname: 'D', password: 'Secret-1' },
      { username: 'nologin', firstname: 'N', lastname: 'L', password: NO_PASSWORD },
      { username: 'none', firstname: 'N', lastname: 'N' },
    ])).map(idOf);
    const checks = [
      { id: withPassword!, password: 'Secret-1' },
      { id: withPassword!, password: 'secret-1' },
      { id: noLogin!, password: NO_PASSWORD },
      { id: noLogin!, password: '' },
      { id: none!, password: '' },
      { id: 999_999, password: 'Secret-1' },
    ];
    expect(await platform.run('checkPasswords', checks)).toEqual([true, false, true, false, false, false]);
    expect(outcomes(await platform.run('updateUsers', [{ id: withPassword!, set: { password: 'Other-2' } }, { id: none!, set: { password: NO_PASSWORD } }]))).toEqual(['ok', 'ok']);
    expect(await platform.run('checkPasswords', [
      { id: withPassword!, password: 'Secret-1' },
      { id: withPassword!, password: 'Other-2' },
      { id: none!, password: NO_PASSWORD },
    ])).toEqual([false, true, true]);
  });

  it('deletes users as Moodle does: gone from lookups, username and e-mail free again, unknown or deleted ids rejected', async () => {
    const { platform } = ctx;
    const [jdoe, asmith] = (await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'J', lastname: 'D', email: 'jdoe@example.org', idnumber: 'E1', password: 'Secret-1' },
      { username: 'asmith', firstname: 'A', lastname: 'S' },
    ])).map(idOf);
    const results = await platform.run('deleteUsers', [jdoe!, 999_999, jdoe!]);
    expect(outcomes(results)).toEqual(['ok', 'PLATFORM_USER_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND']);
    expect(results[1]).toMatchObject({ error: { params: { id: 999_999 }, message: 'No user with id 999999' } });
    expect(await platform.run('findUsers', { by: { id: [String(jdoe)], username: ['jdoe'], email: ['jdoe@example.org'], idnumber: ['E1'] } })).toEqual([]);
    expect(outcomes(await platform.run('deleteUsers', [jdoe!]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
    expect(outcomes(await platform.run('updateUsers', [{ id: jdoe!, set: { firstname: 'X' } }]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
    expect(await platform.run('checkPasswords', [{ id: jdoe!, password: 'Secret-1' }])).toEqual([false]);
    const again = await platform.run('createUsers', [{ username: 'jdoe', firstname: 'New', lastname: 'D', email: 'jdoe@example.org', idnumber: 'E1' }]);
    const newId = idOf(again[0]);
    expect(newId).not.toBe(jdoe);
    expect((await platform.run('findUsers', { by: { email: ['JDOE@example.org'] } })).map((user) => user.id)).toEqual([newId]);
    expect(outcomes(await platform.run('updateUsers', [{ id: asmith!, set: { username: 'jdoe' } }]))).toEqual(['PLATFORM_USERNAME_TAKEN']);
  });

  it('treats a user deleted before as unknown everywhere', async () => {
    const { store, platform } = ctx;
    const course = await buildCourse(store, { shortname: 'C1' });
    const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
    const old = await buildUser(store, { username: 'old.1700000000', email: 'x', deleted: true });
    expect(await platform.run('findUsers', { by: { id: [String(old)], username: ['old.1700000000'] } })).toEqual([]);
    expect(outcomes(await platform.run('deleteUsers', [old]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
    expect(outcomes(await platform.run('updateUsers', [{ id: old, set: { firstname: 'X' } }]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
    expect(outcomes(await platform.run('enrolUsers', [{ instanceId: manual!.id, userId: old, roleId: 5, timestart: 0, timeend: 0 }]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
    expect(outcomes(await platform.run('assignCourseRoles', [{ courseId: course, userId: old, roleId: 5 }]))).toEqual(['PLATFORM_USER_NOT_FOUND']);
  });

  it('deleting a user removes its roles and custom field values', async () => {
    const { store, platform } = ctx;
    await buildProfileField(store, { shortname: 'dept' });
    const course = await buildCourse(store, { shortname: 'C1' });
    const [instance] = await platform.run('findEnrolInstances', { courseIds: [course] });
    const [jdoe, asmith] = (await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'J', lastname: 'D', customFields: { dept: 'Maths' } },
      { username: 'asmith', firstname: 'A', lastname: 'S', customFields: { dept: 'Arts' } },
    ])).map(idOf);
    await platform.run('enrolUsers', [jdoe!, asmith!].map((userId) => ({ instanceId: instance!.id, userId, roleId: 5, timestart: 0, timeend: 0 })));
    await platform.run('deleteUsers', [jdoe!]);
    expect(await platform.run('findCourseRoles', { courseIds: [course], userIds: [jdoe!, asmith!] })).toEqual([
      { courseId: course, userId: asmith, roleId: 5, component: '' },
    ]);
    expect(await platform.run('findUserCustomFields', { userIds: [jdoe!, asmith!], shortnames: ['dept'] })).toEqual([
      { userId: asmith, shortname: 'dept', value: 'Arts' },
    ]);
  });

  it('finds and creates text profile fields, refusing a shortname already used', async () => {
    const { store, platform } = ctx;
    const existing = await buildProfileField(store, { shortname: 'dept', name: 'Department', datatype: 'menu' });
    const results = await platform.run('createProfileFields', [
      { shortname: 'team', name: 'Team' },
      { shortname: 'dept', name: 'Dept again' },
      { shortname: 'team', name: 'Team again' },
      { shortname: 'site', name: 'Site' },
    ]);
    expect(outcomes(results)).toEqual(['ok', 'PLATFORM_PROFILE_FIELD_TAKEN', 'PLATFORM_PROFILE_FIELD_TAKEN', 'ok']);
    expect(results[1]).toMatchObject({ error: { params: { shortname: 'dept' }, message: expect.stringContaining('"dept"') } });
    const found = await platform.run('findProfileFields', { shortnames: ['site', 'team', 'dept', 'nope'] });
    expect(found).toEqual([
      { id: existing, shortname: 'dept', name: 'Department', datatype: 'menu' },
      { id: idOf(results[0]), shortname: 'team', name: 'Team', datatype: 'text' },
      { id: idOf(results[3]), shortname: 'site', name: 'Site', datatype: 'text' },
    ]);
    const [user] = await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D', customFields: { team: 'Blue' } }]);
    expect(await platform.run('findUserCustomFields', { userIds: [idOf(user)], shortnames: ['team'] })).toEqual([
      { userId: idOf(user), shortname: 'team', value: 'Blue' },
    ]);
  });
});

describeEmbedded((ctx) => {
  const passwordOf = async (id: number) =>
    (await ctx.store.db.selectFrom('lms_user').select('password').where('id', '=', id).executeTakeFirstOrThrow()).password;

  it('stores SHA-512 crypt hashes of clear passwords, *NOPASS* as is, and nothing for no password', async () => {
    const { platform } = ctx;
    const [hashed, nologin, none, same] = (await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'J', lastname: 'D', password: 'Secret-1' },
      { username: 'nologin', firstname: 'N', lastname: 'L', password: NO_PASSWORD },
      { username: 'none', firstname: 'N', lastname: 'N' },
      { username: 'same', firstname: 'S', lastname: 'S', password: 'Secret-1' },
    ])).map(idOf);
    expect(await passwordOf(hashed!)).toMatch(/^\$6\$rounds=10000\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    expect(await passwordOf(same!)).not.toBe(await passwordOf(hashed!));
    expect(await passwordOf(nologin!)).toBe(NO_PASSWORD);
    expect(await passwordOf(none!)).toBe('');
    await platform.run('updateUsers', [{ id: none!, set: { password: 'Later-3' } }]);
    expect(await passwordOf(none!)).toMatch(/^\$6\$rounds=10000\$/);
    expect(await platform.run('checkPasswords', [{ id: none!, password: 'Later-3' }])).toEqual([true]);
  });

  it('writes custom field data and upserts preferences', async () => {
    const { store, platform } = ctx;
    const dept = await buildProfileField(store, { shortname: 'dept' });
    const [jdoe] = (await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'J', lastname: 'D', customFields: { dept: 'Maths' }, preferences: { auth_forcepasswordchange: '1', htmleditor: 'tiny' } },
    ])).map(idOf);
    await platform.run('updateUsers', [
      { id: jdoe!, set: { preferences: { auth_forcepasswordchange: '0' } } },
      { id: jdoe!, set: { customFields: { dept: 'Arts' } } },
    ]);
    expect(await store.db.selectFrom('lms_user_info_data').select(['userid', 'fieldid', 'data']).execute()).toEqual([{ userid: jdoe, fieldid: dept, data: 'Arts' }]);
    const preferences = await store.db.selectFrom('lms_user_preferences').select(['name', 'value']).where('userid', '=', jdoe!).orderBy('name').execute();
    expect(preferences).toEqual([{ name: 'auth_forcepasswordchange', value: '0' }, { name: 'htmleditor', value: 'tiny' }]);
  });

  it('runs a call in one transaction: a call that throws leaves nothing behind', async () => {
    const { store, platform } = ctx;
    await buildProfileField(store, { shortname: 'dept' });
    await expect(
      platform.run('createUsers', [
        { username: 'first', firstname: 'F', lastname: 'F' },
        { username: 'broken', firstname: 'B', lastname: 'B', customFields: { dept: null as never } },
      ]),
    ).rejects.toThrow();
    expect(await store.db.selectFrom('lms_user').select('username').execute()).toEqual([]);
  });

  it('deletes users as delete_user does: renamed, e-mail hashed, idnumber cleared, their rows removed', async () => {
    const { store, platform } = ctx;
    const course = await buildCourse(store, { shortname: 'C1' });
    const cohort = await buildCohort(store, { name: 'Y1' });
    const group = await buildGroup(store, { courseId: course, name: 'G' });
    const field = await buildProfileField(store, { shortname: 'dept' });
    const [manual] = await platform.run('findEnrolInstances', { courseIds: [course] });
    const ids = (await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'J', lastname: 'D', email: 'J.Doe (work)@Example.org', idnumber: 'E1', customFields: { dept: 'x' }, preferences: { a: '1' } },
      { username: 'jdoe2', firstname: 'J', lastname: 'D', email: 'j.doe(work)@example.org' },
      { username: 'noemail', firstname: 'N', lastname: 'E' },
      { username: 'kept', firstname: 'K', lastname: 'K', customFields: { dept: 'y' }, preferences: { a: '1' } },
    ])).map(idOf);
    for (const userId of ids) {
      await platform.run('enrolUsers', [{ instanceId: manual!.id, userId, roleId: 5, timestart: 0, timeend: 0 }]);
      await platform.run('addGroupMembers', [{ groupId: group, userId }]);
      await platform.run('addCohortMembers', [{ cohortId: cohort, userId }]);
      await store.db.insertInto('lms_user_picture').values({ userid: userId, variant: 'f1', mimetype: 'image/png', content: new Uint8Array([1]), timemodified: 0 }).execute();
    }
    await store.db.updateTable('lms_user').set({ picture: 1 }).execute();
    const before = Math.floor(Date.now() / 1000);
    const [jdoe, jdoe2, noemail, kept] = ids;
    expect(outcomes(await platform.run('deleteUsers', [jdoe!, jdoe2!, noemail!]))).toEqual(['ok', 'ok', 'ok']);
    const rows = await store.db.selectFrom('lms_user').select(['id', 'username', 'email', 'idnumber', 'picture', 'deleted', 'timemodified']).orderBy('id').execute();
    const [first, second, third] = rows;
    const time = Number(first!.username.split('.').at(-1));
    expect(time).toBeGreaterThanOrEqual(before);
    expect(first).toMatchObject({ username: `j.doework@example.org.${time}`, email: createHash('md5').update('jdoe').digest('hex'), idnumber: '', picture: 0, deleted: 1 });
    expect(second).toMatchObject({ username: `j.doework@example.org.${time + 1}`, deleted: 1 });
    expect(third).toMatchObject({ username: `noemail.${time}`, deleted: 1 });
    expect(rows[3]).toMatchObject({ username: 'kept', picture: 1, deleted: 0 });
    for (const table of ['lms_user_enrolments', 'lms_role_assignments', 'lms_groups_members', 'lms_cohort_members', 'lms_user_preferences', 'lms_user_info_data', 'lms_user_picture'] as const) {
      expect((await store.db.selectFrom(table).select('userid').execute()).map((row) => row.userid), table).toEqual([kept]);
    }
    expect(field).toBeGreaterThan(0);
  });
});
