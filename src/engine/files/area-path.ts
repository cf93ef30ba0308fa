import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { ENGINE_PATH_OUTSIDE_AREA } from '../engine-errors.js';

/**
 * Normalises a path inside the command file area (`/incoming//users.csv` → `incoming/users.csv`), refusing `..`
 * and anything that would leave the area.
 */
export function normalizeAreaPath(path: string): string {
  const parts = path.replaceAll('\\', '/').split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..') || parts.length === 0) throw ENGINE_PATH_OUTSIDE_AREA({ path });
  return parts.join('/');
}

/**
 * The absolute path of an area path, checked to stay inside the area once links are resolved. A path that does
 * not exist yet is checked through its deepest existing folder; a dangling link is refused, since writing to it
 * would create its target wherever that is.
 */
export function absoluteAreaPath(area: string, path: string): string {
  const absolute = join(area, normalizeAreaPath(path));
  const root = join(area);
  let existing = absolute;
  let real: string | null = null;
  while (real === null) {
    try {
      real = realpathSync(existing);
    } catch {
      if (isLink(existing)) throw ENGINE_PATH_OUTSIDE_AREA({ path });
      if (existing === root || dirname(existing) === existing) return absolute; // the area itself is not there yet
      existing = dirname(existing);
    }
  }
  const inside = relative(realpathSync(area), real);
  if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) throw ENGINE_PATH_OUTSIDE_AREA({ path });
  return absolute;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
