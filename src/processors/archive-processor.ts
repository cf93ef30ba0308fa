import type { Bilingual } from '../errors.js';
import type { Platform } from '../platform/platform.js';
import type { Settings } from '../settings/settings-store.js';
import type { ProcessorAction, RowStatus } from './processor.js';

/** The bytes of an archive entry, or why the engine refused them as they came out (a lying size, a corrupt stream). */
export type EntryContent =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly code: string; readonly params: Readonly<Record<string, string | number>> };

/** A file of an archive that passed the engine's checks on its header (path, type, sizes). */
export interface ArchiveEntry {
  /** Position in the archive: report lines follow it. */
  readonly index: number;
  /** Path inside the archive, `/`-separated, never absolute, never with `..`. */
  readonly path: string;
  /** Size the archive declares once decompressed. */
  readonly size: number;
  /** Reads the bytes into memory, enforcing the actual sizes; never throws. */
  read(): Promise<EntryContent>;
}

/** The outcome of one entry: a value, never a thrown error; the report line reads `entry <path> [status] …`. */
export interface EntryOutcome {
  readonly index: number;
  readonly path: string;
  readonly status: RowStatus;
  /** Message code in the processor's catalogue (or the engine's zip messages). */
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /** Entity counted (`picture`): counters read `picture.updated`, `picture.error`… */
  readonly entity?: string;
  /** Extra counters, such as `picture.unknownuser`. */
  readonly counters?: readonly string[];
}

/** What an archive action is given for one run (one archive). */
export interface ArchiveContext {
  readonly platform: Platform;
  readonly settings: Settings;
  /** True in simulate runs; the platform is then a simulation overlay. */
  readonly simulate: boolean;
  /** The archive's path in the file area. */
  readonly input: string;
}

/**
 * An action whose input is a zip archive rather than a CSV file (user pictures). The engine finds the archives
 * (every file of the area whose name starts with the prefix setting and ends in `.zip`, one run each, in name
 * order), refuses unsafe entries itself, and hands the others over in batches; the action answers one outcome per
 * entry. Reports, archiving and cleanup are the engine's, as for CSV files.
 */
export interface ArchiveAction {
  readonly inputKind: 'archive';
  readonly processor: string;
  readonly action: string;
  /** Setting holding the prefix of the archives' names (`userpictures_fileprefix`). */
  readonly prefixSetting: string;
  /** What the entries are counted as (`picture`); the engine's refusals count `<entity>.error` and `<entity>.refused`. */
  readonly entity: string;
  /** Report messages by code, in English and French. */
  readonly messages: Readonly<Record<string, Bilingual>>;
  /** Whether the archive goes after its run even when the global cleanup is off (it is still archived first). */
  forceCleanup(settings: Settings): boolean;
  /** Processes the entries batch by batch, yielding the outcomes of each batch (one per entry). */
  process(batches: AsyncIterable<readonly ArchiveEntry[]>, context: ArchiveContext): AsyncIterable<readonly EntryOutcome[]>;
}

/** Any action the engine can run: on a CSV file or on an archive. */
export type RunnableAction = ProcessorAction | ArchiveAction;

export function isArchiveAction(action: RunnableAction): action is ArchiveAction {
  return 'inputKind' in action && action.inputKind === 'archive';
}
