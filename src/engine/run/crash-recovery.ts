import { existsSync, renameSync } from 'node:fs';
import { formatMessage, type Bilingual, type Lang } from '../../errors.js';
import type { Settings } from '../../settings/settings-store.js';
import type { HeldLock } from '../../store/run-locks.js';
import type { Engine } from '../engine.js';
import { absoluteAreaPath } from '../files/area-path.js';
import { outputNames } from '../postprocess/output-names.js';
import { finishRunRecord, getRunRecord } from '../../store/run-records.js';

const MESSAGES = {
  interrupted: {
    en: 'Interrupted: the process running it ({owner}) ended before the run finished. Its input file was left in place.',
    fr: 'Interrompue : le processus qui l’exécutait ({owner}) s’est arrêté avant la fin. Son fichier d’entrée est resté en place.',
  },
  interruptedDiscarded: {
    en: 'Interrupted: the process running it ({owner}) ended before the run finished. As "Discard input file on failure" is on, its input file was renamed {renamed}.',
    fr: 'Interrompue : le processus qui l’exécutait ({owner}) s’est arrêté avant la fin. Comme « Écarter le fichier en cas d’échec » est activé, son fichier d’entrée a été renommé {renamed}.',
  },
  discarded: {
    en: 'Run #{run} on {input} was interrupted; as "Discard input file on failure" is on, the file was renamed {renamed}. Rearming for next run: this run is skipped.',
    fr: 'L’exécution n° {run} sur {input} a été interrompue ; comme « Écarter le fichier en cas d’échec » est activé, le fichier a été renommé {renamed}. Réarmement pour la prochaine exécution : celle-ci est sautée.',
  },
} satisfies Record<string, Bilingual>;

/**
 * Deals with the run a dead process left behind (found through its stale lock), as the original's crash marker
 * meant to (spec 2.6, fixed): the run is recorded as failed; with `discardfileonfailure`, its input is renamed
 * `<name>-tryback-failed<.ext>` and the current run is skipped (the returned message says why). Without it,
 * null is returned and the current run goes on, with the input still in place.
 */
export async function recoverCrashedRun(engine: Engine, lock: HeldLock, settings: Settings, lang: Lang): Promise<string | null> {
  const crashed = lock.run_id === null ? undefined : await getRunRecord(engine.store.db, lock.run_id);
  if (!crashed || (crashed.status !== 'running' && crashed.status !== 'queued')) return null;
  const input = crashed.input_path ? absoluteAreaPath(engine.folder.files, crashed.input_path) : null;
  // The crashed run's record says what became of its input: left in place, or renamed below.
  const renamed =
    settings.bool('discardfileonfailure') && crashed.input_path && input && existsSync(input)
      ? outputNames(crashed.input_path, new Date()).failed
      : null;
  await finishRunRecord(engine.store.db, crashed.id, {
    status: 'failed',
    message: formatMessage((renamed ? MESSAGES.interruptedDiscarded : MESSAGES.interrupted)[lang], { owner: lock.owner, renamed }),
  });
  if (!renamed || !input) return null;
  renameSync(input, absoluteAreaPath(engine.folder.files, renamed));
  return formatMessage(MESSAGES.discarded[lang], { run: crashed.id, input: crashed.input_path, renamed });
}
