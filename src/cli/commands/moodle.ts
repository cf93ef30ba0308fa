import type { Command } from 'commander';
import { checkMoodle } from '../../engine/check-moodle.js';
import { ERROR_CATALOGUE } from '../../engine/error-catalogue.js';
import { localizedMessage } from '../../errors.js';
import { CLI_LANG, EXIT, labelled, say, withEngine } from '../cli-context.js';

/** `tool-sync moodle check`: the Moodle site, its version, and which operations the token can run. */
export function registerMoodleCommand(program: Command): void {
  const moodle = program.command('moodle').description(say({ en: 'the Moodle platform', fr: 'la plateforme Moodle' }));
  moodle
    .command('check')
    .description(say({
      en: 'connect to Moodle and list which operations the web service token can run (exit 1 if some cannot)',
      fr: 'se connecter à Moodle et lister les opérations que le jeton du service web peut faire (code 1 si certaines ne le peuvent pas)',
    }))
    .option('--json', say({ en: 'as JSON', fr: 'en JSON' }))
    .action((options: { json?: boolean }, command: Command) =>
      withEngine(command, async (engine) => {
        const check = await checkMoodle(engine);
        const disabled = check.operations.filter((operation) => operation.missing.length);
        if (options.json) {
          const operations = check.operations.map((operation) => ({
            ...operation,
            missing: operation.missing.map(({ remedy, ...missing }) => ({ ...missing, remedy: localizedMessage(remedy, ERROR_CATALOGUE, CLI_LANG) })),
          }));
          console.log(JSON.stringify({ ...check, operations }, null, 2));
          return disabled.length ? EXIT.rowErrors : EXIT.ok;
        }
        console.log(labelled({ en: 'Site', fr: 'Site' }, check.site.sitename));
        console.log(labelled({ en: 'Moodle', fr: 'Moodle' }, `${check.site.release} (${check.site.version})`));
        console.log(labelled({ en: 'Web service user', fr: 'Utilisateur du service web' }, check.site.username));
        console.log(labelled({ en: 'File upload', fr: 'Dépôt de fichiers' }, check.site.uploadfiles ? say({ en: 'allowed', fr: 'autorisé' }) : say({ en: 'not allowed', fr: 'non autorisé' })));
        console.log('');
        const width = Math.max(...check.operations.map((operation) => operation.operation.length));
        for (const operation of check.operations) {
          const [first, ...others] = operation.missing;
          const status = first
            ? `${say({ en: 'MISSING', fr: 'MANQUE' })} ${[first, ...others].map((missing) => `${missing.function}${missing.plugin ? ' (local_toolsync)' : ''}`).join(', ')}`
            : 'ok';
          console.log(`${operation.operation.padEnd(width)}  ${status}`);
          if (first) console.log(`${' '.repeat(width)}    → ${localizedMessage(first.remedy, ERROR_CATALOGUE, CLI_LANG)}`);
        }
        console.log('');
        console.log(say({
          en: `${check.operations.length - disabled.length} of ${check.operations.length} operations available.`,
          fr: `${check.operations.length - disabled.length} opérations disponibles sur ${check.operations.length}.`,
        }));
        return disabled.length ? EXIT.rowErrors : EXIT.ok;
      }),
    );
}
