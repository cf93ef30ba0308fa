import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../src/engine/engine.js';
import type { RunResult } from '../src/engine/run/execute-run.js';
import { startRuns } from '../src/engine/run/start-runs.js';
import { findAction } from '../src/processors/registry.js';

/** Runs a processor action on CSV text written into the file area; returns the run and its report's row lines. */
export async function runFile(
  engine: Engine,
  csv: string,
  options: { action?: string; name?: string; simulate?: boolean } = {},
): Promise<{ run: RunResult; lines: string[]; report: string }> {
  const name = options.name ?? 'users.csv';
  writeFileSync(join(engine.folder.files, name), csv);
  const [run] = await startRuns(engine, {
    action: findAction(options.action ?? 'users/add')!,
    input: name,
    trigger: 'manual',
    simulate: options.simulate ?? false,
  });
  const report = readFileSync(run!.reportFile, 'utf8');
  return { run: run!, report, lines: rowLines(report) };
}

/** The row lines of a report (`line N [...] …`, notices about the whole file left out), without the SIMULATION prefix. */
export function rowLines(report: string): string[] {
  return report
    .split('\n')
    .filter((line) => /^line \d+ \[/.test(line) && !/^line \d+ \[notice\]/.test(line))
    .map((line) => line.replace('SIMULATION: ', ''));
}

/** A CSV text from lines. */
export function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** Users as the store holds them (every column), deleted ones included, by id. */
export async function storedUsers(engine: Engine) {
  return engine.store.db.selectFrom('lms_user').selectAll().orderBy('id').execute();
}

/** Active users by username, for short assertions. */
export async function usersByName(engine: Engine) {
  const users = await engine.store.db.selectFrom('lms_user').selectAll().where('deleted', '=', 0).execute();
  return new Map(users.map((user) => [user.username, user]));
}
