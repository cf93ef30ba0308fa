import { createReadStream, existsSync } from 'node:fs';
import { relative } from 'node:path';
import { createInterface } from 'node:readline';
import type { Engine } from '../engine/engine.js';
import type { RunResult } from '../engine/run/execute-run.js';
import { describeEntityCounters, RUN_STATUS_WORDS } from '../engine/run/run-report.js';
import { CLI_LANG, labelled, say } from './cli-context.js';


/** Error lines shown on the terminal; the report holds all of them. */
const SHOWN_ERRORS = 20;

/** The readable end-of-run summary of the CLI: status, counters, the first errors, where the files are. */
export async function presentRun(engine: Engine, run: RunResult): Promise<string> {
  const simulation = run.simulate ? ` (${say({ en: 'simulation: nothing was written', fr: 'simulation : rien n’a été écrit' })})` : '';
  const lines = [`#${run.id} ${run.input}: ${say(RUN_STATUS_WORDS[run.status])}${simulation}`];
  if (run.message) lines.push(`  ${run.message}`);
  const { counters } = run;
  const read = run.unit === 'entries' ? { en: 'entries read', fr: 'entrées lues' } : { en: 'rows read', fr: 'lignes lues' };
  lines.push(
    say({
      en: `  ${counters.read} ${read.en} · ${counters.ok} ok · ${counters.skipped} skipped · ${counters.errors} errors`,
      fr: `  ${counters.read} ${read.fr} · ${counters.ok} correctes · ${counters.skipped} ignorées · ${counters.errors} en erreur`,
    }),
  );
  for (const line of describeEntityCounters(counters.entities, CLI_LANG)) lines.push(`    ${line}`);
  if (counters.errors > 0) {
    const errors = await errorLines(run.reportFile);
    lines.push(...errors.slice(0, SHOWN_ERRORS).map((line) => `    ${line}`));
    if (errors.length > SHOWN_ERRORS) lines.push(`    … ${say({ en: 'more in the report', fr: 'la suite dans le rapport' })}`);
  }
  // A run refused before it started (processor busy, skipped after a crash) has no report: its message says why.
  if (existsSync(run.reportFile)) lines.push(`  ${labelled({ en: 'report', fr: 'rapport' }, relative(process.cwd(), run.reportFile))}`);
  const area = (path: string | null, label: { en: string; fr: string }) =>
    path && lines.push(`  ${labelled(label, relative(process.cwd(), `${engine.folder.files}/${path}`))}`);
  area(run.reportPath, { en: 'stored report', fr: 'rapport stocké' });
  area(run.trybackPath, { en: 'tryback', fr: 'fichier de reprise' });
  area(run.archivePath, { en: 'archive', fr: 'archive' });
  return lines.join('\n');
}

async function errorLines(reportFile: string): Promise<string[]> {
  const found: string[] = [];
  const reader = createInterface({ input: createReadStream(reportFile), crlfDelay: Infinity });
  for await (const line of reader) {
    if (/ \[(error|erreur)\] /.test(line)) found.push(line);
    if (found.length > SHOWN_ERRORS) break;
  }
  reader.close();
  return found;
}
