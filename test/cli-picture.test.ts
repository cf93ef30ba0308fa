import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeImage } from '../src/processors/userpictures/fixtures/images.js';
import { zipOf } from '../src/processors/userpictures/fixtures/pictures-kit.js';
import { DATABASES } from './databases.js';
import { csv, Workspace } from './fixtures/cli-harness.js';

/** End to end: `tool-sync run userpictures` on the archives of the area, then `tool-sync picture` reading one back. */
for (const kind of DATABASES) {
  describe(`tool-sync run userpictures and picture (${kind})`, () => {
    it('sets the pictures of an archive and exports one of them in each size', async () => {
      const ws = await Workspace.open(kind);
      try {
        writeFileSync(join(ws.outside, 'users.csv'), csv('username;firstname;lastname;email;idnumber', 'jdoe;John;Doe;jdoe@example.edu;E1'));
        const users = await ws.cli('run', 'users', '--file', join(ws.outside, 'users.csv'));
        expect(users.code).toBe(0);
        mkdirSync(join(ws.files, 'incoming'), { recursive: true });
        writeFileSync(join(ws.files, 'incoming', 'userpictures_1.zip'), await zipOf({ 'photos/E1.jpg': await makeImage('jpeg', 640, 480), 'E2.png': await makeImage('png', 64, 64) }));

        const run = await ws.cli('run', 'userpictures');
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('#2 incoming/userpictures_1.zip: succeeded with errors\n  2 entries read · 1 ok · 0 skipped · 1 errors\n');
        // Progress counts the archive's entries, and ends at 100 % though the zip's central directory is never read.
        expect(run.stderr).toMatch(/^(incoming\/userpictures_1\.zip: \d+% · [0-2] entries\n)*incoming\/userpictures_1\.zip: 100% · 2 entries\n$/);
        expect(run.stdout).toContain('picture: 1 created, 1 in error, 1 for no single user');
        expect(run.stdout).toContain('entry E2.png [error] no user with idnumber "E2"');

        const f3 = await ws.cli('picture', 'E1', '--size', 'f3', '-o', join(ws.outside, 'e1.jpg'));
        expect(f3.stdout).toMatch(/^picture written: .*e1\.jpg \(image\/jpeg, \d+ bytes\)\n$/);
        expect(await sharp(join(ws.outside, 'e1.jpg')).metadata()).toMatchObject({ format: 'jpeg', width: 512, height: 512 });
        const f2 = await ws.cli('picture', 'jdoe', '--field', 'username', '--size', 'f2');
        expect(f2.code).toBe(0);
        expect(await sharp(join(ws.root, 'jdoe-f2.jpg')).metadata()).toMatchObject({ width: 35, height: 35 });

        const missing = await ws.cli('picture', 'E2');
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('No single user with idnumber "E2" (0 found).');
      } finally {
        await ws.close();
      }
    });
  });
}
