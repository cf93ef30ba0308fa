import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { EXPORT_ENTITIES, writeExport, type ExportEntity } from '../../engine/export/write-export.js';
import { EXIT, say, withEngine } from '../cli-context.js';

export function registerExportCommand(program: Command): void {
  program
    .command('export <entity>')
    .description(say({
      en: `export what the platform holds: ${EXPORT_ENTITIES.join(', ')}`,
      fr: `exporter le contenu de la plateforme : ${EXPORT_ENTITIES.join(', ')}`,
    }))
    .option('--format <format>', 'csv | json', 'csv')
    .option('-o, --output <file>', say({ en: 'write to a file instead of the standard output', fr: 'écrire dans un fichier plutôt que sur la sortie standard' }))
    .action((entity: string, options: { format: string; output?: string }, command: Command) =>
      withEngine(command, async (engine) => {
        if (!(EXPORT_ENTITIES as readonly string[]).includes(entity)) {
          console.error(`tool-sync: ${say({ en: 'unknown entity', fr: 'entité inconnue' })} "${entity}" (${EXPORT_ENTITIES.join(', ')})`);
          return EXIT.failed;
        }
        if (options.format !== 'csv' && options.format !== 'json') {
          console.error(`tool-sync: --format csv|json`);
          return EXIT.failed;
        }
        const out = options.output ? createWriteStream(options.output) : process.stdout;
        await writeExport(engine, entity as ExportEntity, options.format, out);
        if (out !== process.stdout) {
          out.end();
          await once(out, 'finish');
        }
        return EXIT.ok;
      }),
    );
}
