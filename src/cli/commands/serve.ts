import type { Command } from 'commander';
import { serve } from '../../server/serve.js';
import { deploymentOf, say, withEngine } from '../cli-context.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(say({ en: 'start the service (what npm start runs)', fr: 'démarrer le service (ce que lance npm start)' }))
    .option('--port <port>', say({ en: 'HTTP port (default 8080 or TOOL_SYNC_PORT)', fr: 'port HTTP (8080 par défaut ou TOOL_SYNC_PORT)' }))
    .option('--host <host>', say({ en: 'address to listen on (default 127.0.0.1)', fr: 'adresse d’écoute (127.0.0.1 par défaut)' }))
    .action((options: { port?: string; host?: string }, command: Command) =>
      withEngine(command, async (engine) => {
        const deployment = deploymentOf(command);
        const server = await serve(engine, {
          port: options.port ? Number(options.port) : deployment.port,
          host: options.host ?? deployment.host,
        });
        console.log(`tool-sync ${say({ en: 'listening on', fr: 'à l’écoute sur' })} ${server.url} · ${say({ en: 'data', fr: 'données' })} ${engine.folder.root} · ${engine.store.kind}`);
        await new Promise<void>((resolveStop) => {
          const stop = () => resolveStop();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
      }),
    );
}
