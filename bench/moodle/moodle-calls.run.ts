import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { startRuns } from '../../src/engine/run/start-runs.js';
import { findAction } from '../../src/processors/registry.js';
import { createStore } from '../../src/store/database.js';
import { buildCourse } from '../../test/factories.js';
import { MoodleOverDouble } from '../../test/moodle-double/moodle-over-double.js';

/**
 * The Moodle case of `npm run bench` (run by vitest, which compiles the double): a users file whose rows each
 * enrol the user in one of 20 courses, run against the Moodle double; writes the calls it took to BENCH_OUT.
 */
it('users file with enrolments against the Moodle double', async () => {
  const rows = Number(process.env.BENCH_MOODLE_ROWS ?? 2000);
  const dir = mkdtempSync(join(tmpdir(), 'tool-sync-bench-moodle-'));
  const store = await createStore({ sqlitePath: join(dir, 'store.sqlite') });
  const base = await createEngine({ dataDir: join(dir, 'data'), store });
  const platform = new MoodleOverDouble(store);
  try {
    await base.settings.save({ courses_primaryidentity: 'shortname' });
    for (let index = 1; index <= 20; index++) await buildCourse(store, { shortname: `C${index}` });
    const lines = ['username;firstname;lastname;email;course1;role1;enrol1'];
    for (let index = 0; index < rows; index++) lines.push(`user${index};First;Last${index};user${index}@example.org;C${(index % 20) + 1};student;manual`);
    writeFileSync(join(base.folder.files, 'users.csv'), `${lines.join('\n')}\n`);
    const started = process.hrtime.bigint();
    const [run] = await startRuns({ ...base, platform }, { action: findAction('users/add')!, input: 'users.csv', trigger: 'manual', simulate: false });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!readFileSync(run!.reportFile, 'utf8').includes(`enrolment: ${rows} created`)) throw new Error(`unexpected report:\n${readFileSync(run!.reportFile, 'utf8')}`);
    const { reads, writes } = platform.client.counts;
    writeFileSync(process.env.BENCH_OUT ?? join(dir, 'out.json'), JSON.stringify({ rows, seconds, reads, writes, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
  } finally {
    await platform.close();
    await base.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);
