import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATION_FUNCTIONS } from '../src/platform/moodle/ws-functions.js';
import type { Store } from '../src/store/database.js';
import { DATABASES, openTestStore } from './databases.js';
import { csv, Workspace } from './fixtures/cli-harness.js';
import { DOUBLE_FUNCTIONS, MoodleDouble, type MoodleDoubleOptions } from './moodle-double/moodle-double.js';

/** End to end: the built CLI against the Moodle double served over HTTP, the platform chosen by the settings. */
for (const kind of DATABASES) {
  describe(`tool-sync with platform = moodle on ${kind}`, () => {
    const opened: { ws: Workspace; double: MoodleDouble; store: Store }[] = [];
    afterEach(async () => {
      for (const { ws, double, store } of opened.splice(0)) {
        await ws.close();
        await double.close();
        await store.close();
      }
    });
    /** A workspace set to a Moodle double listening on 127.0.0.1, the token in tool-sync.json (never a setting). */
    const open = async (options: MoodleDoubleOptions = {}, token: string | null = 'test-token') => {
      const store = await openTestStore('sqlite');
      const double = new MoodleDouble(store, options);
      const url = await double.listen();
      const ws = await Workspace.open(kind);
      opened.push({ ws, double, store });
      expect((await ws.cli('config', 'set', 'platform', 'moodle')).code).toBe(0);
      expect((await ws.cli('config', 'set', 'moodle_url', url)).code).toBe(0);
      if (token) writeFileSync(join(ws.root, 'tool-sync.json'), JSON.stringify({ moodleToken: token }));
      return { ws, double, store };
    };

    it('moodle check prints the site and every operation the token can run', async () => {
      const { ws } = await open();
      const result = await ws.cli('moodle', 'check');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const count = Object.keys(OPERATION_FUNCTIONS).length;
      expect(result.stdout).toContain('Moodle: 5.1+ (Build: 20251017) (2025100600.02)');
      expect(result.stdout).toContain(`${count} of ${count} operations available.`);
      expect(result.stdout).toMatch(/^findEnrolInstances\s+ok$/m);
    });

    it('moodle check names, for a site without the companion plugin, the function and what to grant (exit 1)', async () => {
      const { ws } = await open({ functions: ['core_webservice_get_site_info', ...Object.keys(DOUBLE_FUNCTIONS).filter((name) => !name.startsWith('local_'))] });
      const result = await ws.cli('moodle', 'check');
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^findEnrolInstances\s+MISSING local_toolsync_get_enrol_instances \(local_toolsync\)$/m);
      expect(result.stdout).toContain('→ Operation findEnrolInstances needs local_toolsync_get_enrol_instances of the companion plugin local_toolsync, which the token may not call: install the plugin (moodle-plugin/local_toolsync), use its "tool_sync" service and grant the web service role moodle/course:enrolreview.');
      expect(result.stdout).toMatch(/^findUsers\s+ok$/m);
    });

    it('runs a users file on the Moodle the settings name: the accounts are created there', async () => {
      const { ws, store } = await open();
      const file = join(ws.outside, 'users.csv');
      writeFileSync(file, csv('username;firstname;lastname;email', 'jdoe;John;Doe;jdoe@example.org', 'asmith;Anne;Smith;asmith@example.org'));
      const result = await ws.cli('run', 'users', '--file', file);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('user: 2 created');
      const users = await store.db.selectFrom('lms_user').select('username').orderBy('username').execute();
      expect(users.map((user) => user.username)).toEqual(['asmith', 'jdoe']);
      expect(await ws.query('select count(*) as count from lms_user')).toEqual([{ count: kind === 'sqlite' ? 0 : '0' }]);
    });

    it('serve checks the Moodle at start: its version and how many operations the token can run', async () => {
      const { ws } = await open({ functions: ['core_webservice_get_site_info', ...Object.keys(DOUBLE_FUNCTIONS).filter((name) => !name.startsWith('local_'))] });
      const child = ws.start(['serve', '--port', '0']);
      try {
        // The Moodle line follows the listening line (after the server's log and the first-administrator link of a new data folder).
        const lines = await new Promise<string[]>((resolveLines, reject) => {
          let stdout = '';
          child.stdout!.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            if (stdout.split('\n').some((line) => line.startsWith('Moodle '))) resolveLines(stdout.split('\n'));
          });
          child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
        });
        const count = Object.keys(OPERATION_FUNCTIONS).length;
        const plugin = Object.values(OPERATION_FUNCTIONS).filter((names) => names.some((name) => name.startsWith('local_'))).length;
        const moodleLine = lines.findIndex((line) => line.startsWith('Moodle '));
        const listening = lines.findIndex((line) => line.startsWith('tool-sync listening on '));
        expect(listening >= 0 && listening < moodleLine).toBe(true);
        expect(lines[moodleLine]).toBe(`Moodle 5.1+ (Build: 20251017) · ${count - plugin} of ${count} operations available (tool-sync moodle check)`);
      } finally {
        child.kill('SIGKILL');
      }
    });

    it('stops with one clear line, never showing the token, when Moodle refuses it or it is missing', async () => {
      const refused = await open({}, 'wrong0token');
      const result = await refused.ws.cli('moodle', 'check');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Moodle refused the web service token for core_webservice_get_site_info: Invalid token - token not found');
      expect(result.stderr + result.stdout).not.toContain('wrong0token');
      const missing = await open({}, null);
      const noToken = await missing.ws.cli('moodle', 'check');
      expect(noToken.code).toBe(2);
      expect(noToken.stderr).toContain('the web service token is missing: set TOOL_SYNC_MOODLE_TOKEN');
    });
  });
}
