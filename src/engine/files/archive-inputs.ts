import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareNames } from './input-files.js';

/** The folders of our own outputs: an archived or reported zip is never picked up again. */
const OUTPUT_FOLDERS = new Set(['reports', 'archives']);

/**
 * The archives an archive action takes (spec 4.2, fixed): every file of the command file area, in any folder,
 * whose name starts with `prefix` (taken literally, case-sensitive as in the original) and ends in `.zip`, as
 * area paths in name order (folder path, then name), one run each. Our own `reports/` and `archives/` folders
 * are left out; links are not followed.
 */
export function resolveArchiveInputs(area: string, prefix: string): string[] {
  const found: string[] = [];
  const visit = (folder: string, relative: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return; // the area does not exist yet
    }
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !(relative === '' && OUTPUT_FOLDERS.has(entry.name))) visit(join(folder, entry.name), path);
      else if (entry.isFile() && entry.name.startsWith(prefix) && entry.name.toLowerCase().endsWith('.zip')) found.push(path);
    }
  };
  visit(area, '');
  return found.sort(compareNames);
}
