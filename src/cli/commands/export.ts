import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { formatCsvLine } from '../../csv/writer.js';
import { EXPORT_ENTITIES, type ExportEntity } from '../../platform/platform.js';
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
        const settings = await engine.settings.snapshot();
        const separator = settings.choice('csvseparator');
        const out = options.output ? createWriteStream(options.output) : process.stdout;
        const write = async (text: string) => {
          if (!out.write(text)) await once(out, 'drain');
        };
        let first = true;
        if (options.format === 'json') await write('[');
        for await (const page of engine.platform.exportEntity(entity as ExportEntity)) {
          if (options.format === 'csv') {
            if (first) await write(`${formatCsvLine(page.columns, { separator })}\n`);
            for (const row of page.rows) await write(`${formatCsvLine(row, { separator })}\n`);
          } else {
            for (const row of page.rows) {
              await write(`${first ? '\n' : ',\n'}${JSON.stringify(Object.fromEntries(page.columns.map((column, index) => [column, row[index]])))}`);
              first = false;
            }
          }
          first = false;
        }
        if (options.format === 'json') await write('\n]\n');
        if (out !== process.stdout) {
          out.end();
          await once(out, 'finish');
        }
        return EXIT.ok;
      }),
    );
}
