import { copyFileSync, existsSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import type { Engine } from '../../engine/engine.js';
import { startRuns } from '../../engine/run/start-runs.js';
import { ENGINE_UNKNOWN_PROCESSOR } from '../../engine/engine-errors.js';
import { ACTIONS, actionName, findAction } from '../../engine/actions.js';
import { EXIT, say, withEngine } from '../cli-context.js';
import { presentRun } from '../present-run.js';
import { createProgressDisplay } from '../progress-display.js';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .argument('<processor>', `${say({ en: 'processor or processor/action', fr: 'traitement ou traitement/action' })}: ${ACTIONS.map(actionName).join(', ')}`)
    .description(say({ en: 'run a processor on its input file(s)', fr: 'exécuter un traitement sur son ou ses fichiers' }))
    .option('-f, --file <path>', say({
      en: 'input file: a path inside the file area, or a file elsewhere, copied into the area first',
      fr: 'fichier d’entrée : un chemin dans la zone de fichiers, ou un fichier ailleurs, copié d’abord dans la zone',
    }))
    .option('-s, --simulate', say({ en: 'report what would happen, write nothing', fr: 'rapporter ce qui se passerait, sans rien écrire' }))
    .action((name: string, options: { file?: string; simulate?: boolean }, command: Command) =>
      withEngine(command, async (engine) => {
        const action = findAction(name);
        if (!action) throw ENGINE_UNKNOWN_PROCESSOR({ name, available: ACTIONS.map(actionName).join(', ') });
        const progress = createProgressDisplay();
        const results = await startRuns(engine, {
          action,
          trigger: 'manual',
          simulate: options.simulate ?? false,
          ...(options.file ? { input: intoFileArea(engine, options.file) } : {}),
          onProgress: progress.update,
        });
        progress.done();
        for (const result of results) console.log(await presentRun(engine, result));
        if (results.some((result) => result.status === 'failed')) return EXIT.failed;
        return results.some((result) => result.counters.errors > 0) ? EXIT.rowErrors : EXIT.ok;
      }),
    );
}

/**
 * A file already in the area is used where it is; a file elsewhere is copied into the area root first
 * (replacing a same-named file, as the original's CLI does), so its report, tryback and archive land there.
 */
function intoFileArea(engine: Engine, file: string): string {
  const onDisk = resolve(file);
  if (!existsSync(onDisk)) return file;
  const inArea = relative(engine.folder.files, onDisk);
  if (!inArea.startsWith(`..${sep}`) && inArea !== '..' && !inArea.startsWith(sep)) return inArea.split(sep).join('/');
  copyFileSync(onDisk, join(engine.folder.files, basename(onDisk)));
  return basename(onDisk);
}
