import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestStore } from '../../../test/databases.js';
import { buildProfileField } from '../../../test/factories.js';
import { MoodleOverDouble } from '../../../test/moodle-double/moodle-over-double.js';
import { outcomes } from '../../../test/platform-contract.js';
import type { Store } from '../../store/database.js';
import type { NewUser } from '../operations.js';
import { WsClient } from './ws-client.js';

/** Batches against the Moodle double: max_input_vars, bisection of ALL calls, ITEM warnings, debuginfo. */
for (const kind of DATABASES) {
  describe(`Moodle batches on ${kind}`, () => {
    const opened: { store: Store; platform?: MoodleOverDouble }[] = [];
    afterEach(async () => {
      for (const { store, platform } of opened.splice(0)) {
        await platform?.close();
        await store.close();
      }
    });
    const open = async (options: ConstructorParameters<typeof MoodleOverDouble>[1] = {}) => {
      const store = await openTestStore(kind);
      const platform = new MoodleOverDouble(store, options);
      opened.push({ store, platform });
      return { store, platform, double: platform.double };
    };
    const user = (index: number, extra: Partial<NewUser> = {}): NewUser => ({
      // No password: Moodle generates one (createpassword), and the test spends no time hashing.
      username: `user${index}`, firstname: 'First', lastname: `Last${index}`, email: `user${index}@example.org`, ...extra,
    });

    it('cuts an oversized call as PHP does: 2,000 users of 6 fields come back as a success listing 833', async () => {
      const { double } = await open();
      const client = new WsClient({ url: 'http://moodle.test', token: 'test-token', fetch: double.fetch });
      const users = Array.from({ length: 2000 }, (_, index) => ({ username: `u${index}`, firstname: 'F', lastname: 'L', email: `u${index}@example.org`, createpassword: 1, idnumber: `I${index}` }));
      const created = await client.call<unknown[]>('core_user_create_users', { users }, 'write');
      expect(created).toHaveLength(833);
      expect(double.calls.at(-1)).toMatchObject({ fields: 12_003, dropped: 7003 });
      // 5 fields: the cut falls inside a user, which fails validation, and the whole call with it.
      const five = users.map(({ idnumber: _idnumber, ...rest }) => ({ ...rest, username: `v${rest.username}`, email: `v${rest.email}` }));
      await expect(client.call('core_user_create_users', { users: five }, 'write')).rejects.toMatchObject({ errorcode: 'invalidparameter' });
    });

    it('keeps every call under 80 % of max_input_vars, so that nothing is ever cut, and sends as few calls as that allows', async () => {
      const { store, platform, double } = await open({ maxInputVars: 1000 });
      await buildProfileField(store, { shortname: 'dept' });
      const users = Array.from({ length: 600 }, (_, index) => user(index, { customFields: { dept: 'HR' }, preferences: { auth_forcepasswordchange: '1' }, city: 'Lyon' }));
      const results = await platform.run('createUsers', users);
      expect(results.every((result) => result.ok)).toBe(true);
      const creates = double.calls.filter((call) => call.wsfunction === 'core_user_create_users');
      expect(creates.every((call) => call.dropped === 0 && call.fields <= 800)).toBe(true);
      // 10 fields a user (username, names, email, city, createpassword, a custom field, a preference): 79 a call.
      expect(creates).toHaveLength(Math.ceil(600 / Math.floor((800 - 3) / 10)));
      const found = await platform.run('findUsers', { by: { username: users.map((item) => item.username) } });
      expect(found).toHaveLength(600);
      expect(double.calls.filter((call) => call.wsfunction === 'core_user_get_users_by_field').every((call) => call.dropped === 0 && call.fields <= 800)).toBe(true);
    });

    it('isolates the bad items of a refused ALL call by bisection: only they fail, each with its own reason', async () => {
      const { platform, double } = await open();
      await platform.run('createUsers', [user(10), user(70)]);
      double.calls.length = 0;
      const results = await platform.run('createUsers', Array.from({ length: 100 }, (_, index) => user(index)));
      expect(results.filter((result) => result.ok)).toHaveLength(98);
      expect(results[10]).toMatchObject({ ok: false, error: { code: 'PLATFORM_USERNAME_TAKEN', message: 'Username already exists: user10' } });
      expect(results[70]).toMatchObject({ ok: false, error: { code: 'PLATFORM_USERNAME_TAKEN', message: 'Username already exists: user70' } });
      // 1 refused call, then halves down to each bad item: far fewer calls than items.
      const creates = double.calls.filter((call) => call.wsfunction === 'core_user_create_users').length;
      expect(creates).toBeLessThanOrEqual(1 + 2 * 2 * Math.ceil(Math.log2(100)));
      expect((await platform.run('findUsers', { by: { username: ['user0', 'user99'] } })).length).toBe(2);
    });

    it('a user given twice in one file is created once, the second refused, as in one Moodle call', async () => {
      const { platform } = await open();
      expect(outcomes(await platform.run('createUsers', [user(1), user(2), user(1)]))).toEqual(['ok', 'ok', 'PLATFORM_USERNAME_TAKEN']);
    });

    it('maps the warnings of an ITEM call (core_user_update_users) to their items, the others applied', async () => {
      const { platform } = await open();
      const [a, b] = (await platform.run('createUsers', [user(1), user(2)])).map((result) => (result.ok ? result.value.id : 0));
      const results = await platform.run('updateUsers', [{ id: a!, set: { city: 'Paris' } }, { id: 999_999, set: { city: 'Nowhere' } }, { id: b!, set: { username: 'user1' } }]);
      expect(outcomes(results)).toEqual(['ok', 'PLATFORM_USER_NOT_FOUND', 'PLATFORM_USERNAME_TAKEN']);
      expect((await platform.run('findUsers', { by: { id: [String(a)] } }))[0]).toMatchObject({ city: 'Paris' });
    });

    it('reports the items of a write whose answer never came as uncertain, never sending it again', async () => {
      let hung = 0;
      const { platform, double } = await open({
        timeoutMs: 50,
        // core_user_update_users is applied, then its answer is lost.
        wrapFetch: (fetch) => async (url, init) => {
          const answer = await fetch(url, init);
          if (!String(init.body).includes('wsfunction=core_user_update_users')) return answer;
          hung++;
          return new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
        },
      });
      const [id] = (await platform.run('createUsers', [user(1)])).map((result) => (result.ok ? result.value.id : 0));
      const results = await platform.run('updateUsers', [{ id: id!, set: { city: 'Paris' } }]);
      expect(results).toEqual([{ ok: false, error: expect.objectContaining({ kind: 'transient', code: 'MOODLE_UNCERTAIN_WRITE', message: expect.stringContaining('may or may not have been applied') }) }]);
      expect(hung).toBe(1);
      expect(double.calls.filter((call) => call.wsfunction === 'core_user_update_users')).toHaveLength(1);
      expect((await platform.run('findUsers', { by: { id: [String(id)] } }))[0]).toMatchObject({ city: 'Paris' });
    });

    it('without debugging on Moodle, a refusal says where the reason is', async () => {
      const { platform } = await open({ debug: false });
      await platform.run('createUsers', [user(1)]);
      const [result] = await platform.run('createUsers', [user(1)]);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalidparameter', message: expect.stringContaining('set debugusers') } });
    });
  });
}
