import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildUser } from '../../../test/factories.js';
import type { Engine } from '../../engine/engine.js';
import { rawZip } from '../../engine/archive/fixtures/raw-zip.js';
import { ZIP_LIMITS } from '../../engine/archive/zip-limits.js';
import { makeImage, pngClaiming } from './fixtures/images.js';
import { putInArea, runPictures, storedPicture, zipOf } from './fixtures/pictures-kit.js';

const SIZES = (mime: string, format: string) => ({ f1: `${mime} ${format} 100x100`, f2: `${mime} ${format} 35x35`, f3: `${mime} ${format} 512x512` });
const PNG = SIZES('image/png', 'png');
const JPEG = SIZES('image/jpeg', 'jpeg');

for (const kind of DATABASES) {
  describe(`user pictures on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ userpictures_userfield: 'username', ...settings });
    };
    const pictureRows = async () => (await engine.store.db.selectFrom('lms_user_picture').select('userid').execute()).length;

    it('converts PNG, JPEG, GIF and WebP images of any size, at any depth, into the three sizes Moodle keeps', async () => {
      await open();
      const ids = {
        png: await buildUser(engine.store, { username: 'upng' }),
        jpeg: await buildUser(engine.store, { username: 'ujpeg' }),
        gif: await buildUser(engine.store, { username: 'ugif' }),
        webp: await buildUser(engine.store, { username: 'uwebp' }),
      };
      putInArea(engine, 'userpictures_2026.zip', await zipOf({
        'upng.png': await makeImage('png', 300, 200),
        'staff/ujpeg.JPG': await makeImage('jpeg', 800, 800),
        'staff/deep/ugif.gif': await makeImage('gif', 64, 48),
        'uwebp.webp': await makeImage('webp', 1000, 600),
        'readme.txt': 'pictures of the staff',
        '__MACOSX/._upng.png': 'resource fork',
      }));
      const [result] = await runPictures(engine);
      expect(result!.lines).toEqual([
        'entry upng.png [created] picture of the user with username "upng" set',
        'entry staff/ujpeg.JPG [created] picture of the user with username "ujpeg" set',
        'entry staff/deep/ugif.gif [created] picture of the user with username "ugif" set',
        'entry uwebp.webp [created] picture of the user with username "uwebp" set',
        'entry readme.txt [skipped] ignored: not an image file name (.png, .jpg, .jpeg, .gif or .webp expected)',
        'entry __MACOSX/._upng.png [skipped] ignored: a file the archiver added (__MACOSX folder or hidden file)',
      ]);
      expect(result!.run).toMatchObject({ status: 'succeeded', counters: { read: 6, ok: 4, skipped: 2, errors: 0, entities: { 'picture.created': 4, 'picture.ignored': 2 } } });
      expect(result!.report).toContain('picture: 4 created, 2 ignored (not images)');
      expect(await storedPicture(engine, ids.png)).toEqual(PNG);
      expect(await storedPicture(engine, ids.jpeg)).toEqual(JPEG);
      expect(await storedPicture(engine, ids.gif)).toEqual(PNG);
      expect(await storedPicture(engine, ids.webp)).toEqual(PNG);
      const users = await engine.store.db.selectFrom('lms_user').select(['username', 'picture']).orderBy('username').execute();
      expect(users.map((user) => [user.username, Number(user.picture)])).toEqual([['ugif', 1], ['ujpeg', 1], ['upng', 1], ['uwebp', 1]]);
    });

    it.each([
      ['id', (ids: Record<string, number>) => [`${ids.jdoe}`, 'abc', '999999'], 'USERPICTURES_BAD_ID'],
      ['idnumber', () => ['E-001', 'e-001', 'E-999'], null],
      ['username', () => ['JDoe', 'jdoe@1', 'nobody'], null],
      ['email', () => ['John.Doe@Example.org', 'shared@example.org', 'nobody@example.org'], 'ambiguous'],
      ['hostedusername', () => ['jdoe@3', 'jdoe', 'jdoe@4'], 'USERPICTURES_BAD_HOSTED_USERNAME'],
    ] as const)('matches images by %s, and reports keys that name no single user', async (field, keys, second) => {
      await open({ userpictures_userfield: field });
      const ids: Record<string, number> = {
        jdoe: await buildUser(engine.store, { username: 'jdoe', idnumber: 'E-001', email: 'john.doe@example.org' }),
        remote: await buildUser(engine.store, { username: 'jdoe', mnethostid: 3 }),
      };
      await buildUser(engine.store, { username: 'asmith', email: 'shared@example.org' });
      await buildUser(engine.store, { username: 'bmartin', email: 'shared@example.org' });
      const [found, other, missing] = keys(ids);
      putInArea(engine, 'userpictures_a.zip', await zipOf({
        [`${found}.png`]: await makeImage('png', 120, 120),
        [`${other}.png`]: await makeImage('png', 120, 120),
        [`${missing}.png`]: await makeImage('png', 120, 120),
      }));
      const [result] = await runPictures(engine);
      const target = field === 'hostedusername' ? ids.remote! : ids.jdoe!;
      expect(result!.lines[0]).toBe(`entry ${found}.png [created] picture of the user with ${field} "${found}" set`);
      const secondLine = ({
        USERPICTURES_BAD_ID: `entry ${other}.png [error] "${other}" is not a user id: a positive whole number is expected`,
        USERPICTURES_BAD_HOSTED_USERNAME: `entry ${other}.png [error] "${other}" is not username@mnethostid (such as jdoe@1)`,
        ambiguous: `entry ${other}.png [error] 2 users have email "${other}": no picture set; name the image after a unique field`,
      } as Record<string, string>)[second ?? 'none'] ?? `entry ${other}.png [error] no user with ${field} "${other}" (the file name without its extension names the user)`;
      // idnumber compares exactly (e-001 is nobody); a username is looked up on the local host, so jdoe@1 is nobody.
      expect(result!.lines[1]).toBe(secondLine);
      expect(result!.lines[2]).toBe(`entry ${missing}.png [error] no user with ${field} "${missing}" (the file name without its extension names the user)`);
      expect(result!.run.counters.entities).toEqual({ 'picture.created': 1, 'picture.error': 2, 'picture.unknownuser': 2 });
      expect(Object.keys(await storedPicture(engine, target))).toEqual(['f1', 'f2', 'f3']);
      expect(await pictureRows()).toBe(3);
    });

    it('with overwrite off, keeps the pictures users have and the first image of a user given twice', async () => {
      await open({ userpictures_overwrite: false });
      const jdoe = await buildUser(engine.store, { username: 'jdoe' });
      const asmith = await buildUser(engine.store, { username: 'asmith' });
      putInArea(engine, 'userpictures_1.zip', await zipOf({ 'jdoe.jpg': await makeImage('jpeg', 200, 200) }));
      await runPictures(engine);
      putInArea(engine, 'userpictures_1.zip', await zipOf({
        'jdoe.png': await makeImage('png', 200, 200),
        'asmith.png': await makeImage('png', 200, 200),
        'more/asmith.webp': await makeImage('webp', 200, 200),
      }));
      const [result] = await runPictures(engine);
      expect(result!.lines).toEqual([
        'entry jdoe.png [skipped] the user with username "jdoe" already has a picture and "Overwrite existing pictures" is off: skipped',
        'entry asmith.png [created] picture of the user with username "asmith" set',
        'entry more/asmith.webp [skipped] the user with username "asmith" already has a picture and "Overwrite existing pictures" is off: skipped',
      ]);
      expect(result!.run.counters.entities).toEqual({ 'picture.created': 1, 'picture.skipped': 2 });
      expect(await storedPicture(engine, jdoe)).toEqual(JPEG);
      expect(await storedPicture(engine, asmith)).toEqual(PNG);
    });

    it.each([false, true])('with overwrite %s, a user given again batches later is skipped or replaced in archive order', async (overwrite) => {
      // The engine hands entries over in batches of 16: the two images of jdoe come in different batches.
      await open({ userpictures_overwrite: overwrite });
      const jdoe = await buildUser(engine.store, { username: 'jdoe' });
      const others = Array.from({ length: 20 }, (_, index) => `user${index}`);
      for (const username of others) await buildUser(engine.store, { username });
      const small = await makeImage('png', 20, 20);
      putInArea(engine, 'userpictures_1.zip', await zipOf({
        'a/jdoe.png': await makeImage('png', 60, 60),
        ...Object.fromEntries(others.map((username) => [`b/${username}.png`, small])),
        'c/jdoe.jpg': await makeImage('jpeg', 60, 60),
      }));
      const [result] = await runPictures(engine);
      expect(result!.lines[0]).toBe('entry a/jdoe.png [created] picture of the user with username "jdoe" set');
      expect(result!.lines.at(-1)).toBe(
        overwrite
          ? 'entry c/jdoe.jpg [updated] picture of the user with username "jdoe" replaced'
          : 'entry c/jdoe.jpg [skipped] the user with username "jdoe" already has a picture and "Overwrite existing pictures" is off: skipped',
      );
      expect(await storedPicture(engine, jdoe)).toEqual(overwrite ? JPEG : PNG);
    });

    it('with overwrite on, replaces pictures, the last image of a user winning', async () => {
      await open({ userpictures_overwrite: true });
      const jdoe = await buildUser(engine.store, { username: 'jdoe' });
      putInArea(engine, 'userpictures_1.zip', await zipOf({ 'jdoe.png': await makeImage('png', 200, 200) }));
      await runPictures(engine);
      putInArea(engine, 'userpictures_1.zip', await zipOf({ 'jdoe.png': await makeImage('png', 50, 50), 'x/jdoe.jpeg': await makeImage('jpeg', 600, 400) }));
      const [result] = await runPictures(engine);
      expect(result!.lines).toEqual([
        'entry jdoe.png [updated] picture of the user with username "jdoe" replaced',
        'entry x/jdoe.jpeg [updated] picture of the user with username "jdoe" replaced',
      ]);
      expect(result!.run.counters.entities).toEqual({ 'picture.updated': 2 });
      expect(await storedPicture(engine, jdoe)).toEqual(JPEG);
    });

    it('reports unreadable and disguised images each on its own line, and goes on', async () => {
      await open();
      for (const username of ['trunc', 'php', 'svg', 'good']) await buildUser(engine.store, { username });
      const jpeg = await makeImage('jpeg', 400, 400);
      putInArea(engine, 'userpictures_1.zip', await zipOf({
        'trunc.jpg': jpeg.subarray(0, jpeg.length / 2),
        'php.jpg': '<?php system($_GET["c"]); ?>',
        'svg.png': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        'good.gif': await makeImage('gif', 40, 40),
      }));
      const [result] = await runPictures(engine);
      expect(result!.lines[0]).toMatch(/^entry trunc\.jpg \[error\] unreadable image \(.+\)$/);
      expect(result!.lines.slice(1)).toEqual([
        'entry php.jpg [error] refused: named like an image, but its content is not a PNG, JPEG, GIF or WebP image',
        'entry svg.png [error] refused: named like an image, but its content is not a PNG, JPEG, GIF or WebP image',
        'entry good.gif [created] picture of the user with username "good" set',
      ]);
      expect(result!.run).toMatchObject({ status: 'succeeded_with_errors', counters: { entities: { 'picture.created': 1, 'picture.error': 3, 'picture.unreadable': 1, 'picture.refused': 2 } } });
      expect(await pictureRows()).toBe(3);
    });

    it('processes every archive of the prefix, in any folder, in name order, each its own run', async () => {
      await open({ userpictures_overwrite: false, userpictures_fileprefix: 'pics_' });
      const jdoe = await buildUser(engine.store, { username: 'jdoe' });
      await buildUser(engine.store, { username: 'asmith' });
      putInArea(engine, 'pics_2.zip', await zipOf({ 'jdoe.png': await makeImage('png', 100, 100), 'asmith.png': await makeImage('png', 100, 100) }));
      putInArea(engine, 'incoming/pics_1.zip', await zipOf({ 'jdoe.jpg': await makeImage('jpeg', 100, 100) }));
      putInArea(engine, 'pics_0.zip.txt', Buffer.from('not an archive'));
      putInArea(engine, 'other_1.zip', await zipOf({ 'asmith.png': await makeImage('png', 100, 100) }));
      const simulated = await runPictures(engine, true);
      expect(await pictureRows()).toBe(0);
      const real = await runPictures(engine);
      expect(real.map(({ run }) => run.input)).toEqual(['incoming/pics_1.zip', 'pics_2.zip']);
      expect(real.map(({ lines }) => lines)).toEqual([
        ['entry jdoe.jpg [created] picture of the user with username "jdoe" set'],
        [
          'entry jdoe.png [skipped] the user with username "jdoe" already has a picture and "Overwrite existing pictures" is off: skipped',
          'entry asmith.png [created] picture of the user with username "asmith" set',
        ],
      ]);
      // One simulation over the partial archives of an upload sees what the earlier archive would have set.
      expect(simulated.map(({ lines }) => lines)).toEqual(real.map(({ lines }) => lines));
      expect(simulated.map(({ run }) => run.counters)).toEqual(real.map(({ run }) => run.counters));
      expect(await storedPicture(engine, jdoe)).toEqual(JPEG);
    });

    it('simulates exactly, writing nothing and keeping the archive whatever the settings', async () => {
      await open({ userpictures_forcedeletion: true, filecleanup: true, filearchive: true });
      const jdoe = await buildUser(engine.store, { username: 'jdoe' });
      putInArea(engine, 'userpictures_1.zip', await zipOf({ 'jdoe.png': await makeImage('png', 100, 100) }));
      await runPictures(engine);
      putInArea(engine, 'userpictures_1.zip', await zipOf({
        'jdoe.png': await makeImage('png', 150, 150, 40),
        'nobody.png': await makeImage('png', 150, 150),
        'fake.jpg': 'hello',
      }));
      const bytes = async () => (await engine.store.db.selectFrom('lms_user_picture').select('content').where('userid', '=', jdoe).orderBy('variant').execute()).map((row) => Buffer.from(row.content).toString('base64'));
      const before = await bytes();
      const [simulated] = await runPictures(engine, true);
      expect(await bytes()).toEqual(before);
      expect(simulated!.report).toContain('entry jdoe.png [updated] SIMULATION: picture of the user with username "jdoe" replaced');
      expect(existsSync(join(engine.folder.files, 'userpictures_1.zip'))).toBe(true);
      expect(simulated!.run.archivePath).toBeNull();
      const [real] = await runPictures(engine);
      expect(simulated!.lines).toEqual(real!.lines);
      expect(simulated!.lines).toHaveLength(3);
      expect(simulated!.run.counters).toEqual(real!.run.counters);
      expect(await bytes()).not.toEqual(before);
      expect(await storedPicture(engine, jdoe)).toEqual(PNG);
    });

    it('refuses each malicious entry with a clear line, writes nothing outside the store, and goes on', async () => {
      await open({ userpictures_forcedeletion: true });
      const jdoe = await buildUser(engine.store, { username: 'jdoe' });
      for (const username of ['escape', 'abs', 'link', 'bomb', 'liar', 'huge']) await buildUser(engine.store, { username });
      const png = await makeImage('png', 64, 64);
      putInArea(engine, 'userpictures_evil.zip', rawZip([
        { name: '../escape.png', data: png },
        { name: '/tmp/abs.png', data: png },
        { name: 'link.png', data: Buffer.from('/etc/passwd'), method: 0, unixMode: 0o120777 },
        { name: 'bomb.png', data: Buffer.alloc(8 * 1024 * 1024) },
        { name: 'liar.png', data: Buffer.alloc(40 * 1024 * 1024), declaredSize: 2000 },
        { name: 'huge.png', data: await pngClaiming(6000, 6000) },
        { name: 'jdoe.png', data: png },
      ]));
      const before = readdirSync(engine.folder.root, { recursive: true, encoding: 'utf8' }).sort();
      const [result] = await runPictures(engine);
      expect(result!.lines).toEqual([
        'entry ../escape.png [error] refused: the entry path is absolute or goes up with ".."; nothing was read from it',
        'entry /tmp/abs.png [error] refused: the entry path is absolute or goes up with ".."; nothing was read from it',
        'entry link.png [error] refused: the entry is a link or a special file, not a regular file',
        `entry bomb.png [error] refused as a zip bomb: ${result!.report.match(/(\d+) compressed bytes/)![1]} compressed bytes expand to 8388608 bytes (more than 100 times)`,
        'entry liar.png [error] refused: the entry does not hold the 2000 bytes its header declares (the archive lies about its sizes)',
        `entry huge.png [error] refused: the image is 6000×6000 pixels, more than the limit of 25000000 pixels`,
        'entry jdoe.png [created] picture of the user with username "jdoe" set',
      ]);
      expect(result!.run.counters.entities).toEqual({ 'picture.created': 1, 'picture.error': 6, 'picture.refused': 6 });
      expect(Object.keys(await storedPicture(engine, jdoe))).toEqual(['f1', 'f2', 'f3']);
      expect(await pictureRows()).toBe(3);
      // The run left its report and took the archive (forced deletion): nothing else appeared anywhere.
      const after = readdirSync(engine.folder.root, { recursive: true, encoding: 'utf8' }).sort();
      const added = after.filter((path) => !before.includes(path));
      expect(added.every((path) => /^runs\/run-\d+-report\.txt$/.test(String(path)))).toBe(true);
      expect(existsSync('/tmp/abs.png')).toBe(false);
      expect(existsSync(join(engine.folder.root, 'escape.png'))).toBe(false);
    });

    it.each([
      ['too many entries', (): Buffer => rawZip(Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, index) => ({ name: `u${index}.png`, method: 0 }))),
        `userpictures_1.zip holds ${ZIP_LIMITS.maxEntries + 1} entries, more than the limit of ${ZIP_LIMITS.maxEntries}: refused whole, nothing was read. Split it into several archives.`],
      ['a declared total over the limit', (): Buffer => rawZip([{ name: 'a.png', data: Buffer.from('a'), declaredSize: 0xfffffff0 }, { name: 'b.png', data: Buffer.from('b'), declaredSize: 0xfffffff0 }]),
        `userpictures_1.zip declares ${2 * 0xfffffff0} bytes once decompressed, more than the limit of ${ZIP_LIMITS.maxTotalBytes}: refused whole as a possible zip bomb, nothing was read.`],
      ['no zip at all', (): Buffer => Buffer.from('username,picture\n'), /^userpictures_1\.zip is not a readable zip archive \(.+\); nothing was processed and the file was kept\.$/],
    ])('refuses a whole archive with %s: the run fails with one message and keeps the file', async (_, archive, message) => {
      await open({ userpictures_forcedeletion: true, filecleanup: true });
      putInArea(engine, 'userpictures_1.zip', archive());
      const [result] = await runPictures(engine);
      expect(result!.run.status).toBe('failed');
      if (typeof message === 'string') expect(result!.run.message).toBe(message);
      else expect(result!.run.message).toMatch(message);
      expect(result!.report).toContain(result!.run.message);
      expect(result!.lines).toEqual([]);
      expect(existsSync(join(engine.folder.files, 'userpictures_1.zip'))).toBe(true);
    });

    it.each([
      [{ userpictures_forcedeletion: true, filecleanup: false, filearchive: true }, false, true],
      [{ userpictures_forcedeletion: true, filecleanup: false, filearchive: false }, false, false],
      [{ userpictures_forcedeletion: false, filecleanup: false, filearchive: true }, true, true],
      [{ userpictures_forcedeletion: false, filecleanup: true, filearchive: false }, false, false],
    ])('after the run, with %o: archive kept %s, archived %s', async (settings, kept, archived) => {
      await open(settings);
      await buildUser(engine.store, { username: 'jdoe' });
      putInArea(engine, 'userpictures_1.zip', await zipOf({ 'jdoe.png': await makeImage('png', 100, 100) }));
      const [result] = await runPictures(engine);
      expect(existsSync(join(engine.folder.files, 'userpictures_1.zip'))).toBe(kept);
      expect(result!.run.archivePath !== null).toBe(archived);
      expect(readdirSync(engine.folder.archives).length).toBe(archived ? 1 : 0);
    });
  });
}
