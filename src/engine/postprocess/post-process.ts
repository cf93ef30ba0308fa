import { copyFileSync, existsSync, mkdirSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../settings/settings-store.js';
import { moveFile } from '../files/capture-drop-folder.js';
import type { DataFolder } from '../files/data-folder.js';
import { absoluteAreaPath } from '../files/area-path.js';
import { outputNames } from './output-names.js';

/** What a finished run leaves in the file area (paths inside it), for its record. */
export interface PostProcessResult {
  readonly reportPath: string | null;
  readonly trybackPath: string | null;
  readonly archivePath: string | null;
  readonly cleaned: boolean;
}

/**
 * Post-processing of a run whose report is complete (spec 2.10, fixed order): report → tryback → archive →
 * cleanup. A simulation stores its report but writes no tryback next to the input, archives nothing and
 * deletes nothing; a failed run keeps its input where it is.
 */
export function postProcess(
  folder: DataFolder,
  settings: Settings,
  run: {
    input: string;
    started: Date;
    simulate: boolean;
    failed: boolean;
    reportFile: string;
    trybackFile: string | null;
    /** Deletes the input even when `filecleanup` is off (`userpictures_forcedeletion`); it is still archived first. */
    forceCleanup?: boolean;
    /** Keeps the tryback file even when `filefailed` is off: its rows are the action's result (ProcessorAction.trybackAlways). */
    trybackAlways?: boolean;
  },
): PostProcessResult {
  const names = outputNames(run.input, run.started);
  let reportPath: string | null = null;
  if (settings.bool('storereport')) {
    mkdirSync(folder.reports, { recursive: true }); // an administrator may have removed it in the file manager
    reportPath = run.simulate ? names.simulationReport : names.report;
    copyFileSync(run.reportFile, join(folder.files, reportPath));
  }
  let trybackPath: string | null = null;
  if (run.trybackFile && existsSync(run.trybackFile)) {
    // A failed run keeps its input to be run again whole: a tryback beside it would feed its rows twice.
    if ((settings.bool('filefailed') || run.trybackAlways) && !run.simulate && !run.failed) {
      moveFile(run.trybackFile, absoluteAreaPath(folder.files, names.tryback));
      trybackPath = names.tryback;
    }
  }
  const touchInput = !run.simulate && !run.failed;
  const input = absoluteAreaPath(folder.files, run.input);
  let archivePath: string | null = null;
  const cleanup = touchInput && (settings.bool('filecleanup') || run.forceCleanup === true);
  if (touchInput && settings.bool('filearchive')) {
    const archive = join(folder.files, names.archive);
    mkdirSync(folder.archives, { recursive: true });
    if (cleanup) moveFile(input, archive);
    else copyFileSync(input, archive);
    const now = new Date();
    utimesSync(archive, now, now); // a moved input keeps its old date: the archive's age starts now
    archivePath = names.archive;
  } else if (cleanup) {
    rmSync(input, { force: true });
  }
  return { reportPath, trybackPath, archivePath, cleaned: cleanup };
}
