import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
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

/** The absolute path of an area path, checked to stay inside the area once links are resolved. */
export function absoluteAreaPath(area: string, path: string): string {
  const absolute = join(area, normalizeAreaPath(path));
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    return absolute; // does not exist yet: nothing to resolve
  }
  const inside = relative(realpathSync(area), real);
  if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) throw ENGINE_PATH_OUTSIDE_AREA({ path });
  return absolute;
}
