import type { Command } from 'commander';
import { createEngine, type Engine } from '../engine/engine.js';
import { ERROR_CATALOGUE } from '../engine/error-catalogue.js';
import { localizedMessage, ToolSyncError, type Lang } from '../errors.js';
import { loadDeployment, type Deployment } from '../settings/deployment.js';

/** Exit codes: 0 every row fine, 1 finished with row errors, 2 failed. */
export const EXIT = { ok: 0, rowErrors: 1, failed: 2 } as const;

/** Language of the CLI's own words: French when the locale says so (`LANG=fr_FR.UTF-8`), else English. */
export const CLI_LANG: Lang = /^fr/i.test(process.env.TOOL_SYNC_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? '') ? 'fr' : 'en';

/** Picks the text of the CLI language. */
export function say(text: { en: string; fr: string }): string {
  return text[CLI_LANG];
}

/** `label: value`, with the space French typography puts before a colon. */
export function labelled(label: { en: string; fr: string }, value: string): string {
  return `${say(label)}${CLI_LANG === 'fr' ? ' :' : ':'} ${value}`;
}

/** The deployment from the global `--data` / `--db` flags, the environment and the config file. */
export function deploymentOf(command: Command): Deployment {
  const options = command.optsWithGlobals<{ data?: string; db?: string }>();
  return loadDeployment({
    ...(options.data ? { dataDir: options.data } : {}),
    ...(options.db ? { databaseUrl: options.db } : {}),
  });
}

/** Opens the engine for one command and closes it after; errors print one readable line and exit 2. */
export async function withEngine(command: Command, work: (engine: Engine, deployment: Deployment) => Promise<number | void>): Promise<void> {
  let engine: Engine | undefined;
  try {
    const deployment = deploymentOf(command);
    engine = await createEngine({
      dataDir: deployment.dataDir,
      ...(deployment.databaseUrl ? { databaseUrl: deployment.databaseUrl } : {}),
      ...(deployment.smtpUrl ? { smtpUrl: deployment.smtpUrl } : {}),
      ...(deployment.moodleToken ? { moodleToken: deployment.moodleToken } : {}),
    });
    process.exitCode = (await work(engine, deployment)) ?? EXIT.ok;
  } catch (error) {
    printError(error);
    process.exitCode = EXIT.failed;
  } finally {
    await engine?.close();
  }
}

export function printError(error: unknown): void {
  if (error instanceof ToolSyncError) {
    console.error(`tool-sync: ${localizedMessage(error, ERROR_CATALOGUE, CLI_LANG)}`);
    // For a command-line run the terminal is the log: the internal detail of a server-side failure goes there.
    if (error.detail && error.statusCode >= 500) console.error(`  ${error.detail}`);
  } else {
    console.error(`tool-sync: ${say({ en: 'unexpected error', fr: 'erreur inattendue' })}:`, error);
  }
}
