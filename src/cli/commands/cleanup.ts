import type { Command } from 'commander';
import { cleanupFileArea } from '../../engine/files/cleanup-file-area.js';
import { configuredInputs } from '../../engine/files/configured-inputs.js';
import { EXIT, say, withEngine } from '../cli-context.js';

export function registerCleanupCommand(program: Command): void {
  program
    .command('cleanup')
    .description(say({
      en: 'remove reports, archives and tryback files older than fileareacleanupdelay days (never input files)',
      fr: 'supprimer les rapports, archives et fichiers de reprise plus vieux que fileareacleanupdelay jours (jamais les fichiers d’entrée)',
    }))
    .option('--days <n>', say({ en: 'age limit in days instead of the setting', fr: 'âge limite en jours au lieu du réglage' }))
    .action((options: { days?: string }, command: Command) =>
      withEngine(command, async (engine) => {
        const settings = await engine.settings.snapshot();
        const days = options.days === undefined ? settings.int('fileareacleanupdelay') : Number(options.days);
        const removed = cleanupFileArea(engine.folder, days, { keep: configuredInputs(engine.folder.files, settings) });
        for (const path of removed) console.log(`${say({ en: 'Removing', fr: 'Suppression de' })} ${path}`);
        if (!removed.length) console.log(say({ en: 'No files to remove', fr: 'Aucun fichier à supprimer' }));
        return EXIT.ok;
      }),
    );
}
