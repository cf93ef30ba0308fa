import type { Command } from 'commander';
import { formatMessage } from '../../errors.js';
import { CAPTURE_MESSAGES, captureDropFolder } from '../../engine/files/capture-drop-folder.js';
import { CLI_LANG, EXIT, say, withEngine } from '../cli-context.js';

export function registerCaptureCommand(program: Command): void {
  program
    .command('capture')
    .description(say({ en: 'move the files of the drop folder (data/sync) into the file area', fr: 'déplacer les fichiers du dossier de dépôt (data/sync) dans la zone de fichiers' }))
    .action((_options: unknown, command: Command) =>
      withEngine(command, async (engine) => {
        const result = captureDropFolder(engine.folder);
        for (const event of result.events) {
          const text = formatMessage(CAPTURE_MESSAGES[event.code][CLI_LANG], event.params);
          (event.warning ? console.warn : console.log)(`${event.warning ? '! ' : ''}${text}`);
        }
        if (!result.events.length) console.log(say({ en: 'nothing to capture', fr: 'rien à capturer' }));
        return EXIT.ok;
      }),
    );
}
