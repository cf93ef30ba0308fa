import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DataFolder } from './data-folder.js';

const TRYBACK = /_tryback_\d{8}-\d{4}/;

/**
 * The age-based cleanup task (spec 2.14, fixed): removes reports, archives and tryback files older than
 * `days` days, and nothing else, so input files are never removed however old they are; neither is a tryback
 * file that a location setting names (`keep`: area paths), since it is waiting to be fed again.
 * `days` 0 disables it. Returns the area paths removed.
 */
export function cleanupFileArea(
  folder: DataFolder,
  days: number,
  options: { now?: number; keep?: ReadonlySet<string> } = {},
): string[] {
  if (days <= 0) return [];
  const now = options.now ?? Date.now();
  const limit = now - days * 86_400_000;
  const removed: string[] = [];
  const visit = (directory: string, generated: boolean) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        visit(path, generated || path === folder.reports || path === folder.archives);
      } else if (
        entry.isFile() &&
        (generated || TRYBACK.test(entry.name)) &&
        !options.keep?.has(relative(folder.files, path)) &&
        statSync(path).mtimeMs < limit
      ) {
        rmSync(path);
        removed.push(relative(folder.files, path));
      }
    }
  };
  visit(folder.files, false);
  return removed.sort();
}
