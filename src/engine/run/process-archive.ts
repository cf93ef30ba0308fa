import { statSync } from 'node:fs';
import type { Lang } from '../../errors.js';
import type { Platform } from '../../platform/platform.js';
import type { ArchiveAction, ArchiveEntry, EntryOutcome } from '../../processors/archive-processor.js';
import type { Settings } from '../../settings/settings-store.js';
import { ZIP_LIMITS } from '../archive/zip-limits.js';
import { openZip, type RefusedEntry } from '../archive/zip-reader.js';
import type { Engine } from '../engine.js';
import { absoluteAreaPath } from '../files/area-path.js';
import type { RunCounters } from './counters.js';
import type { ProgressListener } from './progress.js';
import { progressSaver } from './progress-saver.js';
import { describeFailure } from './run-failure.js';
import type { RunReport } from './run-report.js';

/** Entries handed to the action at a time: enough to keep every core converting, few enough to bound memory. */
const BATCH = 16;

export interface ArchiveRun {
  readonly action: ArchiveAction;
  readonly input: string;
  readonly settings: Settings;
  readonly simulate: boolean;
  /** The platform the action writes to (a simulation overlay in simulate runs). */
  readonly platform: Platform;
  readonly onProgress?: ProgressListener;
}

/**
 * The reading step of a run whose input is a zip archive: opens it safely (a whole-archive refusal fails the run
 * and keeps the file), reports the entries the engine refuses itself, hands the others to the action in batches,
 * and records one report line per entry, in archive order (`entry <path> [status] …`).
 */
export async function processArchive(engine: Engine, run: ArchiveRun, report: RunReport, counters: RunCounters, runId: number): Promise<{ failure: string | null }> {
  const { action, input } = run;
  const lang = run.settings.choice('reportlang') as Lang;
  try {
    const path = absoluteAreaPath(engine.folder.files, input);
    const bytesTotal = statSync(path).size;
    const zip = await openZip(path, input, ZIP_LIMITS);
    try {
      const refused: EntryOutcome[] = [];
      // The last call says the archive is read to its end (its central directory is not counted by bytesRead).
      const saveProgress = progressSaver(engine.store.db, runId);
      const record = async (outcomes: readonly EntryOutcome[], last = false) => {
        const ordered = [...refused.splice(0), ...outcomes].sort((a, b) => a.index - b.index);
        for (const outcome of ordered) counters.add(outcome);
        await report.entryOutcomes(ordered);
        await saveProgress(counters.read);
        const progress = { runId, input, rowsDone: counters.read, unit: 'entries' as const, bytesDone: last ? bytesTotal : zip.bytesRead(), bytesTotal };
        run.onProgress?.(progress);
        engine.events.emit('progress', progress);
      };
      const context = { platform: run.platform, settings: run.settings, simulate: run.simulate, input };
      for await (const outcomes of action.process(usableEntries(zip.entries, refused, action.entity), context)) await record(outcomes);
      await record([], true);
    } finally {
      zip.close();
    }
    return { failure: null };
  } catch (error) {
    return { failure: describeFailure(error, lang) };
  }
}

/** Batches of the entries the engine let through; refused ones become error outcomes on the way. */
async function* usableEntries(entries: readonly (ArchiveEntry | RefusedEntry)[], refused: EntryOutcome[], entity: string): AsyncGenerator<readonly ArchiveEntry[]> {
  for (let start = 0; start < entries.length; start += BATCH) {
    const usable: ArchiveEntry[] = [];
    for (const entry of entries.slice(start, start + BATCH)) {
      if ('read' in entry) usable.push(entry);
      else refused.push({ index: entry.index, path: entry.path, status: 'error', code: entry.code, params: entry.params, entity, counters: [`${entity}.refused`] });
    }
    yield usable;
  }
}
