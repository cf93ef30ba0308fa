import type { Engine } from '../engine/engine.js';
import { buildApp } from './app.js';

/** Starts the service (what `npm start` runs): the HTTP API on the given port; resolves with the closer. */
export async function serve(engine: Engine, options: { port: number; host: string }): Promise<{ url: string; close(): Promise<void> }> {
  const app = await buildApp(engine);
  const url = await app.listen({ port: options.port, host: options.host });
  return { url, close: () => app.close() };
}
