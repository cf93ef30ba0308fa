import { readFileSync, statSync } from 'node:fs';
import { formatMessage, type Bilingual, type Lang } from '../../errors.js';
import type { RunnableAction } from '../../processors/archive-processor.js';
import { notificationKeys } from '../../settings/service-settings.js';
import type { Settings } from '../../settings/settings-store.js';
import type { Engine } from '../engine.js';
import { describeEntityCounters, RUN_STATUS_WORDS } from '../run/run-report.js';
import type { RunResult } from '../run/execute-run.js';
import { mailerFromSettings } from './mail-settings.js';

/** A report larger than this is not attached (the mail says where to find it). */
export const MAX_ATTACHED_REPORT_BYTES = 5 * 1024 * 1024;

const WORDS = {
  subject: { en: '[{site}] {action} on {input}: {status}', fr: '[{site}] {action} sur {input} : {status}' },
  intro: { en: 'Run #{id} of {action} on {input} ended: {status}.', fr: 'L’exécution n° {id} de {action} sur {input} s’est terminée : {status}.' },
  counts: {
    en: '{read} rows read · {ok} ok · {skipped} skipped · {errors} errors',
    fr: '{read} lignes lues · {ok} correctes · {skipped} ignorées · {errors} en erreur',
  },
  attached: { en: 'The full report is attached.', fr: 'Le rapport complet est joint.' },
  tooLarge: {
    en: 'The report is too large to be attached; the console shows it (run #{id}).',
    fr: 'Le rapport est trop volumineux pour être joint ; la console l’affiche (exécution n° {id}).',
  },
} satisfies Record<string, Bilingual>;

/** The addresses of a comma-, semicolon- or space-separated list. */
export function recipientsOf(list: string): string[] {
  return list.split(/[,;\s]+/u).map((address) => address.trim()).filter(Boolean);
}

/** Whether a run is worth a mail under the setting `when` (`errors`: failed, cancelled or rows in error). */
export function shouldNotify(when: string, result: Pick<RunResult, 'status' | 'counters'>): boolean {
  return when === 'always' || result.status !== 'succeeded' || result.counters.errors > 0;
}

/**
 * Mails a finished run's summary, with its report attached, to the addresses set for its processor
 * (`notify_<processor>_to`), on errors only or always (`notify_<processor>_when`). A delivery problem is logged
 * (without the SMTP password) and never fails the run. Simulations are never mailed (the caller's rule).
 */
export async function notifyRun(engine: Engine, settings: Settings, run: { action: RunnableAction; result: RunResult }): Promise<void> {
  const keys = notificationKeys(run.action.processor);
  if (!keys) return;
  const recipients = recipientsOf(settings.text(keys.to));
  if (!recipients.length || !shouldNotify(settings.choice(keys.when), run.result)) return;
  const lang = settings.choice('reportlang') as Lang;
  const { mailer, siteName } = mailerFromSettings(settings, { smtpUrl: engine.smtpUrl }, engine.folder.outbox);
  const message = composeNotification(run, { lang, siteName });
  try {
    for (const to of recipients) {
      const sent = await mailer.send({ to, ...message });
      if (!sent.ok) console.error(`[tool-sync] run #${run.result.id}: notification to ${to} not sent: ${sent.reason}`);
    }
  } finally {
    await mailer.close();
  }
}

function composeNotification(
  run: { action: RunnableAction; result: RunResult },
  options: { lang: Lang; siteName: string },
): { subject: string; text: string; attachments?: { filename: string; content: Buffer; contentType: string }[] } {
  const { result } = run;
  const say = (words: Bilingual, params: Record<string, unknown> = {}) => formatMessage(words[options.lang], params);
  const params = {
    site: options.siteName,
    id: result.id,
    action: `${run.action.processor}/${run.action.action}`,
    input: result.input,
    status: RUN_STATUS_WORDS[result.status][options.lang],
  };
  const report = reportContent(result.reportFile);
  const lines = [
    say(WORDS.intro, params),
    ...(result.message ? ['', result.message] : []),
    '',
    say(WORDS.counts, { ...result.counters }),
    ...describeEntityCounters(result.counters.entities, options.lang).map((line) => `  ${line}`),
    '',
    report === 'none' ? '' : say(report === 'tooLarge' ? WORDS.tooLarge : WORDS.attached, params),
  ];
  return {
    subject: say(WORDS.subject, params),
    text: `${lines.join('\n').trimEnd()}\n`,
    ...(report instanceof Buffer
      ? { attachments: [{ filename: `run-${result.id}-report.txt`, content: report, contentType: 'text/plain; charset=utf-8' }] }
      : {}),
  };
}

function reportContent(path: string): Buffer | 'tooLarge' | 'none' {
  try {
    if (statSync(path).size > MAX_ATTACHED_REPORT_BYTES) return 'tooLarge';
    return readFileSync(path);
  } catch {
    return 'none'; // a run refused before it started (its processor was busy) has no report
  }
}
