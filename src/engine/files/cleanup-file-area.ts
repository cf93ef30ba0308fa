import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DataFolder } from './data-folder.js';

const TRYBACK = /_tryback_\d{8}-\d{4}/;

/**
 * The age-based cleanup task (spec 2.14, fixed): removes reports, archives and tryback files older than
 * `days` days, and nothing else, so configured input files are never removed however old they are.
 * `days` 0 disables it. Returns the area paths removed.
 */
export function cleanupFileArea(folder: DataFolder, days: number, now = Date.now()): string[] {
  if (days <= 0) return [];
  const limit = now - days * 86_400_000;
  const removed: string[] = [];
  const visit = (directory: string, generated: boolean) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        visit(path, generated || path === folder.reports || path === folder.archives);
      } else if (entry.isFile() && (generated || TRYBACK.test(entry.name)) && statSync(path).mtimeMs < limit) {
        rmSync(path);
        removed.push(relative(folder.files, path));
      }
    }
  };
  visit(folder.files, false);
  return removed.sort();
}
