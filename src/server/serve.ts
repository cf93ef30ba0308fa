import type { Engine } from '../engine/engine.js';
import { consoleLog, type ServiceLog } from '../engine/service-log.js';
import { countAccounts } from '../store/accounts-table.js';
import { deleteExpiredSessions } from '../store/sessions-table.js';
import { isDeadLocalOwner } from '../store/run-locks.js';
import { closeAbandonedQueuedRuns } from '../store/run-records.js';
import { buildApp } from './app.js';
import { serverOptionsFromEnv } from './server-options.js';
import { createService } from './service.js';

/** A running service: where it listens, the first administrator's link while no account exists, and its closer. */
export interface RunningService {
  readonly url: string;
  readonly setupUrl: string | null;
  close(): Promise<void>;
}

/**
 * Starts the service (what `npm start` runs): the console, the API, the scheduler and the drop-folder watcher,
 * in one process; `scheduler: false` serves the console and the API only (further instances on one PostgreSQL).
 */
export async function serve(engine: Engine, options: { port: number; host: string; log?: boolean; scheduler?: boolean }): Promise<RunningService> {
  // The scheduler and the watcher write to the server's log, which exists once the app is built.
  let target: ServiceLog = consoleLog;
  const log: ServiceLog = { info: (m) => target.info(m), warn: (m) => target.warn(m), error: (m) => target.error(m) };
  const service = createService(engine, { server: serverOptionsFromEnv(), log });
  const app = await buildApp(service, { log: options.log ?? true });
  target = { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m), error: (m) => app.log.error(m) };
  await deleteExpiredSessions(engine.store.db, Date.now());
  const abandoned = await closeAbandonedQueuedRuns(engine.store.db, isDeadLocalOwner, 'Cancelled: the service stopped before this run started.');
  if (abandoned.length) log.warn(`runs ${abandoned.join(', ')} were still queued by a stopped service: recorded as cancelled`);
  const url = await app.listen({ port: options.port, host: options.host });
  await service.start({ scheduler: options.scheduler ?? true });
  const setupUrl = (await countAccounts(engine.store.db)) === 0 ? `${displayUrl(url, options.host)}/setup?code=${service.setup.code}` : null;
  const sweep = setInterval(() => void deleteExpiredSessions(engine.store.db, Date.now()).catch(() => undefined), 3_600_000);
  sweep.unref();
  return {
    url,
    setupUrl,
    close: async () => {
      clearInterval(sweep);
      await service.stop();
      await app.close();
    },
  };
}

/** The address a person opens: `localhost` rather than the wildcard address the server listens on. */
function displayUrl(url: string, host: string): string {
  return host === '0.0.0.0' || host === '::' ? url.replace(/\/\/[^/:]+|\/\/\[[^\]]+\]/u, '//localhost') : url;
}
