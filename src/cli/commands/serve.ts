import type { Command } from 'commander';
import type { Engine } from '../../engine/engine.js';
import { checkMoodle } from '../../engine/check-moodle.js';
import { deploymentOf, printError, say, withEngine } from '../cli-context.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(say({ en: 'start the service (what npm start runs)', fr: 'démarrer le service (ce que lance npm start)' }))
    .option('--port <port>', say({ en: 'HTTP port (default 8080 or TOOL_SYNC_PORT)', fr: 'port HTTP (8080 par défaut ou TOOL_SYNC_PORT)' }))
    .option('--host <host>', say({ en: 'address to listen on (default 127.0.0.1)', fr: 'adresse d’écoute (127.0.0.1 par défaut)' }))
    .option('--no-scheduler', say({
      en: 'console and API only: leave schedules and the drop-folder watcher to another instance sharing the database',
      fr: 'console et API seulement : laisser les planifications et la surveillance du dossier de dépôt à une autre instance partageant la base',
    }))
    .action((options: { port?: string; host?: string; scheduler: boolean }, command: Command) =>
      withEngine(command, async (engine) => {
        // Loaded here: the server's modules would slow the start of every other command.
        const { serve } = await import('../../server/serve.js');
        const deployment = deploymentOf(command);
        const server = await serve(engine, {
          port: options.port ? Number(options.port) : deployment.port,
          host: options.host ?? deployment.host,
          scheduler: options.scheduler,
        });
        console.log(`tool-sync ${say({ en: 'listening on', fr: 'à l’écoute sur' })} ${server.url} · ${say({ en: 'data', fr: 'données' })} ${engine.folder.root} · ${engine.store.kind}`);
        if (server.setupUrl) {
          console.log(say({
            en: `No account yet: create the first administrator at ${server.setupUrl} (a one-time link, valid until this process stops)`,
            fr: `Aucun compte encore : créez le premier administrateur sur ${server.setupUrl} (lien à usage unique, valable jusqu’à l’arrêt de ce processus)`,
          }));
        }
        if (engine.platform.name === 'moodle') await reportMoodle(engine);
        await new Promise<void>((resolveStop) => {
          const stop = () => resolveStop();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
      }),
    );
}

/** The start-up check of a Moodle platform: its version and how many operations the token can run; never fatal. */
async function reportMoodle(engine: Engine): Promise<void> {
  try {
    const check = await checkMoodle(engine);
    const available = check.operations.filter((operation) => !operation.missing.length).length;
    console.log(`Moodle ${check.site.release} · ${say({
      en: `${available} of ${check.operations.length} operations available (tool-sync moodle check)`,
      fr: `${available} opérations disponibles sur ${check.operations.length} (tool-sync moodle check)`,
    })}`);
  } catch (error) {
    printError(error);
  }
}
