import { Command } from 'commander';
import { say } from './cli-context.js';
import { registerCaptureCommand } from './commands/capture.js';
import { registerCleanupCommand } from './commands/cleanup.js';
import { registerCoursesCommand } from './commands/courses.js';
import { registerConfigCommand } from './commands/config.js';
import { registerExportCommand } from './commands/export.js';
import { registerPictureCommand } from './commands/picture.js';
import { registerMoodleCommand } from './commands/moodle.js';
import { registerRunCommand } from './commands/run.js';
import { registerRunsCommand } from './commands/runs.js';
import { registerServeCommand } from './commands/serve.js';

/** The `tool-sync` command. */
export function createProgram(): Command {
  const program = new Command('tool-sync')
    .description(say({
      en: 'Bulk provisioning of a learning platform from Tool Sync CSV files',
      fr: 'Alimentation en masse d’une plateforme de formation à partir des fichiers CSV de Tool Sync',
    }))
    .option('--data <dir>', say({ en: 'data folder (TOOL_SYNC_DATA, default ./data)', fr: 'dossier de données (TOOL_SYNC_DATA, ./data par défaut)' }))
    .option('--db <url>', say({ en: 'PostgreSQL URL (TOOL_SYNC_DB); default: SQLite in the data folder', fr: 'URL PostgreSQL (TOOL_SYNC_DB) ; par défaut : SQLite dans le dossier de données' }));
  program.helpOption('-h, --help', say({ en: 'display help for command', fr: 'afficher l’aide de la commande' }));
  program.helpCommand('help [command]', say({ en: 'display help for command', fr: 'afficher l’aide de la commande' }));
  for (const register of [registerRunCommand, registerCaptureCommand, registerCleanupCommand, registerConfigCommand,
    registerRunsCommand, registerExportCommand, registerServeCommand, registerPictureCommand, registerCoursesCommand,
    registerMoodleCommand]) {
    register(program);
  }
  return program;
}

await createProgram().parseAsync(process.argv);
