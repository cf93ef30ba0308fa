import type { Command } from 'commander';
import { listRunRecords } from '../../store/run-records.js';
import { EXIT, say, withEngine } from '../cli-context.js';

export function registerRunsCommand(program: Command): void {
  program
    .command('runs')
    .description(say({ en: 'history of runs, latest first', fr: 'historique des exécutions, la plus récente d’abord' }))
    .option('-n, --limit <n>', say({ en: 'how many', fr: 'combien' }), '20')
    .option('-p, --processor <name>', say({ en: 'only this processor', fr: 'seulement ce traitement' }))
    .option('--json', say({ en: 'as JSON', fr: 'en JSON' }))
    .action((options: { limit: string; processor?: string; json?: boolean }, command: Command) =>
      withEngine(command, async (engine) => {
        const runs = await listRunRecords(engine.store.db, {
          limit: Number(options.limit),
          ...(options.processor ? { processor: options.processor } : {}),
        });
        if (options.json) {
          console.log(JSON.stringify(runs.map((run) => ({ ...run, counters: JSON.parse(run.counters) })), null, 2));
          return EXIT.ok;
        }
        for (const run of runs) {
          const when = new Date(run.started_at ?? run.queued_at).toISOString().replace('T', ' ').slice(0, 19);
          const seconds = run.finished_at && run.started_at ? `${((run.finished_at - run.started_at) / 1000).toFixed(1)}s` : '';
          console.log(
            [`#${run.id}`, when, `${run.processor}/${run.action}`, run.simulate ? 'simulate' : 'real', run.trigger,
              run.status, `read ${run.rows_read} ok ${run.rows_ok} skipped ${run.rows_skipped} errors ${run.rows_error}`,
              seconds, run.input_path ?? ''].join('  '),
          );
          if (run.message) console.log(`      ${run.message}`);
        }
        return EXIT.ok;
      }),
    );
}
