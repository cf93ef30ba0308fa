import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bilingual } from '../../errors.js';
import type { DataFolder } from './data-folder.js';
import { compareNames } from './input-files.js';
import { formatStamp } from '../postprocess/stamp.js';

/** A lock older than this was left by a feeder or a capture that died (the original's 3 hours, really tested). */
export const STALE_LOCK_MS = 3 * 60 * 60 * 1000;
/** A file modified more recently than this may still be being written: it waits for the next capture. */
export const QUIET_MS = 2000;

export const CAPTURE_MESSAGES = {
  CAPTURE_WRITE_LOCKED: {
    en: 'alock.txt is present: a feeder is still writing, nothing captured',
    fr: 'alock.txt est présent : un dépôt est en cours, rien n’est capturé',
  },
  CAPTURE_WRITE_LOCK_TOO_OLD: {
    en: 'Too old write lock file: alock.txt is {hours} hours old; the feeder may have died. Remove it once checked.',
    fr: 'Verrou d’écriture trop ancien : alock.txt a {hours} heures ; le dépôt a peut-être échoué. Supprimez-le après vérification.',
  },
  CAPTURE_READ_LOCKED: {
    en: 'lock.txt is present: another capture is running, nothing captured',
    fr: 'lock.txt est présent : une autre capture est en cours, rien n’est capturé',
  },
  CAPTURE_READ_LOCK_TOO_OLD: {
    en: 'Too old read lock file: lock.txt is {hours} hours old (a capture died); it was taken over',
    fr: 'Verrou de lecture trop ancien : lock.txt a {hours} heures (une capture a échoué) ; il a été repris',
  },
  CAPTURE_STILL_WRITING: {
    en: '{file} changed less than {seconds} s ago; left for the next capture',
    fr: '{file} a changé il y a moins de {seconds} s ; laissé pour la prochaine capture',
  },
  CAPTURE_CAPTURED: {
    en: '{file} captured into the file area',
    fr: '{file} capturé dans la zone de fichiers',
  },
  CAPTURE_REPLACED: {
    en: '{file} replaced an unprocessed file of the same name, kept as archives/{kept}',
    fr: '{file} a remplacé un fichier non traité du même nom, conservé sous archives/{kept}',
  },
  CAPTURE_NAME_IS_FOLDER: {
    en: '{file} has the name of a folder of the file area; left in the drop folder, rename it',
    fr: '{file} porte le nom d’un dossier de la zone de fichiers ; laissé dans le dossier de dépôt, renommez-le',
  },
} as const satisfies Record<string, Bilingual>;

export type CaptureCode = keyof typeof CAPTURE_MESSAGES;

export interface CaptureEvent {
  readonly code: CaptureCode;
  readonly params: Readonly<Record<string, string | number>>;
  /** Something an administrator should look at. */
  readonly warning: boolean;
}

export interface CaptureResult {
  /** Files moved into the file area, in name order. */
  readonly captured: readonly string[];
  readonly events: readonly CaptureEvent[];
}

/**
 * Moves the files an outside feeder dropped into `data/sync` into the root of the command file area
 * (spec 2.3, with its defects fixed): `alock.txt` (the feeder's write lock) stops the capture, and is reported
 * when older than 3 hours; `lock.txt` (our read lock) keeps two captures apart and is taken over when stale;
 * files go in name order, only once completely written; names starting with `_` or `.` or containing `lock`
 * stay; a same-named unprocessed file is kept in `archives/` instead of being overwritten.
 */
export function captureDropFolder(folder: DataFolder, now = new Date()): CaptureResult {
  const events: CaptureEvent[] = [];
  const note = (code: CaptureCode, params: Record<string, string | number> = {}, warning = false) =>
    events.push({ code, params, warning });
  const writeLock = join(folder.sync, 'alock.txt');
  const readLock = join(folder.sync, 'lock.txt');

  const writeLockAge = ageOf(writeLock, now);
  if (writeLockAge !== null) {
    note('CAPTURE_WRITE_LOCKED');
    if (writeLockAge > STALE_LOCK_MS) note('CAPTURE_WRITE_LOCK_TOO_OLD', { hours: hoursOf(writeLockAge) }, true);
    return { captured: [], events };
  }
  const readLockAge = ageOf(readLock, now);
  if (readLockAge !== null) {
    if (readLockAge <= STALE_LOCK_MS) {
      note('CAPTURE_READ_LOCKED');
      return { captured: [], events };
    }
    note('CAPTURE_READ_LOCK_TOO_OLD', { hours: hoursOf(readLockAge) }, true);
    rmSync(readLock, { force: true });
  }
  try {
    writeFileSync(readLock, String(Math.floor(now.getTime() / 1000)), { flag: 'wx' });
  } catch {
    note('CAPTURE_READ_LOCKED'); // another capture took it between our check and our write
    return { captured: [], events };
  }
  try {
    return { captured: moveReadyFiles(folder, now, note), events };
  } finally {
    rmSync(readLock, { force: true });
  }
}

function moveReadyFiles(
  folder: DataFolder,
  now: Date,
  note: (code: CaptureCode, params?: Record<string, string | number>, warning?: boolean) => void,
): string[] {
  const captured: string[] = [];
  const names = readdirSync(folder.sync, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !/^[._]/.test(entry.name) && !/lock/i.test(entry.name))
    .map((entry) => entry.name)
    .sort(compareNames);
  for (const name of names) {
    const source = join(folder.sync, name);
    if (now.getTime() - statSync(source).mtimeMs < QUIET_MS) {
      note('CAPTURE_STILL_WRITING', { file: name, seconds: QUIET_MS / 1000 });
      continue;
    }
    const target = join(folder.files, name);
    const existing = statOrNull(target);
    if (existing?.isDirectory()) {
      note('CAPTURE_NAME_IS_FOLDER', { file: name }, true); // moving reports/ or archives/ aside would break them
      continue;
    }
    if (existing) {
      let kept = `${formatStamp(now)}_replaced_${name}`;
      // never overwrite a file kept earlier in the same minute
      for (let n = 2; statOrNull(join(folder.archives, kept)); n += 1) kept = `${formatStamp(now)}_replaced_${n}_${name}`;
      mkdirSync(folder.archives, { recursive: true });
      moveFile(target, join(folder.archives, kept));
      utimesSync(join(folder.archives, kept), now, now); // its age for the archive cleanup starts now
      note('CAPTURE_REPLACED', { file: name, kept });
    }
    moveFile(source, target);
    captured.push(name);
    note('CAPTURE_CAPTURED', { file: name });
  }
  return captured;
}

/** Rename when on the same file system, else copy then remove. */
export function moveFile(source: string, target: string): void {
  try {
    renameSync(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(source, target);
    unlinkSync(source);
  }
}

function ageOf(path: string, now: Date): number | null {
  const stats = statOrNull(path);
  return stats ? now.getTime() - stats.mtimeMs : null;
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function hoursOf(ms: number): number {
  return Math.floor(ms / 3_600_000);
}
