/**
 * What a zip archive may hold before tool-sync refuses it (zip bombs, entries that would fill memory). Pictures
 * are read into memory, never extracted to disk. Sizes are enforced twice: as the central directory declares
 * them, and as the bytes actually come out of the archive (a zip can lie about its sizes).
 */
export interface ZipLimits {
  /** More entries than this: the whole archive is refused before any is read. */
  readonly maxEntries: number;
  /** An entry larger than this (declared or actual) is refused. */
  readonly maxEntryBytes: number;
  /** Declared total over this: the whole archive is refused (no entry gives more than it declares). */
  readonly maxTotalBytes: number;
  /** An entry over `ratioFloorBytes` that expands more than this many times is refused as a bomb. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 50_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};
