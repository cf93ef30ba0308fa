import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestStore } from '../../../test/databases.js';
import { MoodleDouble } from '../../../test/moodle-double/moodle-double.js';
import { MoodleOverDouble } from '../../../test/moodle-double/moodle-over-double.js';
import { outcomes } from '../../../test/platform-contract.js';
import type { Store } from '../../store/database.js';
import type { MoodleContext } from './moodle-context.js';
import { setUserPictures } from './pictures.js';
import { STANDARD_ROLES } from './references.js';
import { WsClient } from './ws-client.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A picture of every size, made of the same bytes. */
const picture = (userId: number, mimetype = 'image/png') => ({ userId, files: (['f1', 'f2', 'f3'] as const).map((variant) => ({ variant, mimetype, content: PNG })) });

/** User pictures: webservice/upload.php into draft areas, then core_user_update_users with userpicture. */
for (const kind of DATABASES) {
  describe(`Moodle user pictures on ${kind}`, () => {
    const opened: { store: Store; close(): Promise<void> }[] = [];
    afterEach(async () => {
      for (const { store, close } of opened.splice(0)) {
        await close();
        await store.close();
      }
    });

    it('uploads each image, then sets every picture in one call; an unknown user or a file Moodle cannot process is its own row error', async () => {
      const store = await openTestStore(kind);
      const platform = new MoodleOverDouble(store);
      opened.push({ store, close: () => platform.close() });
      const ctx: MoodleContext = { client: platform.client, maxInputVars: 5000, has: () => true, roleMap: STANDARD_ROLES };
      const [jdoe, asmith] = (await platform.run('createUsers', [{ username: 'jdoe', firstname: 'J', lastname: 'D' }, { username: 'asmith', firstname: 'A', lastname: 'S' }]))
        .map((result) => (result.ok ? result.value.id : 0));
      const results = await setUserPictures(ctx, [picture(jdoe!), picture(999_999), picture(asmith!, 'image/webp')], true);
      expect(outcomes(results)).toEqual(['ok', 'PLATFORM_USER_NOT_FOUND', 'invalidpicture']);
      const stored = await store.db.selectFrom('lms_user_picture').select(['userid', 'variant', 'mimetype', 'content']).orderBy('variant').execute();
      expect(stored.map((row) => [row.userid, row.variant, row.mimetype, [...new Uint8Array(row.content)]])).toEqual(
        ['f1', 'f2', 'f3'].map((variant) => [jdoe, variant, 'image/png', [...PNG]]));
      expect(platform.double.calls.map((call) => call.wsfunction).filter((name) => name !== 'core_user_create_users'))
        .toEqual(['local_toolsync_get_user_pictures', 'upload.php', 'upload.php', 'upload.php', 'core_user_update_users']);
    });

    it('uploads over HTTP as multipart, the bytes intact; a service without uploads is named on each row', async () => {
      const store = await openTestStore(kind);
      const double = new MoodleDouble(store);
      const url = await double.listen();
      opened.push({ store, close: () => double.close() });
      const client = new WsClient({ url, token: 'test-token' });
      const itemid = await client.upload([{ filename: 'jdoe.png', content: PNG, mimetype: 'image/png' }]);
      expect(itemid).toBeGreaterThan(0);
      const ctx: MoodleContext = { client, maxInputVars: 5000, has: () => true, roleMap: STANDARD_ROLES };
      const [result] = await setUserPictures(ctx, [picture(1)], false);
      expect(result).toMatchObject({ ok: false, error: { code: 'MOODLE_UPLOAD_DISABLED', message: expect.stringContaining('Can upload files') } });
    });
  });
}
