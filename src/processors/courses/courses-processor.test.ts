import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildUser } from '../../../test/factories.js';
import { runFile } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

for (const kind of DATABASES) {
  describe(`course creation file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ dates_timezone: 'UTC', ...settings });
      await buildUser(engine.store, { username: 'jdoe', idnumber: 'U0001', email: 'jdoe@example.org' });
      await buildUser(engine.store, { username: 'asmith', idnumber: 'U0002', email: 'asmith@example.org' });
    };
    const run = (text: string, simulate = false) => runFile(engine, text, { action: 'courses/create', name: 'uploadcourses.csv', simulate });

    it('creates the sample file', async () => {
      await open();
      const result = await run(fixture('uploadcourses.csv'));
      console.log(result.report);
    });
  });
}
