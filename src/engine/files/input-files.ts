import { existsSync, readdirSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { ENGINE_REMOTE_LOCATION } from '../engine-errors.js';
import { absoluteAreaPath, normalizeAreaPath } from './area-path.js';

/** Names our own post-processing writes next to inputs; a wildcard never picks them up again. */
const GENERATED = /_tryback_\d{8}-\d{4}|-tryback-failed/;

/**
 * The input files a location setting designates, as paths inside the command file area (spec 2.4, fixed):
 * empty → the default file; `a.csv,b.csv` → the first that exists; a `*` in the name → every matching file of
 * that folder, in name order (one run each); anything else → that path. Files that do not exist are left out,
 * so an empty list means "nothing to process".
 */
export function resolveInputFiles(area: string, location: string, defaultFile: string): string[] {
  const value = location.trim() || defaultFile;
  if (/^(https?|ftps?):\/\//i.test(value)) throw ENGINE_REMOTE_LOCATION({ location: value });
  if (value.includes(',')) {
    const first = value
      .split(',')
      .map((candidate) => candidate.trim())
      .filter(Boolean)
      .map(normalizeAreaPath)
      .find((candidate) => isFile(absoluteAreaPath(area, candidate)));
    return first ? [first] : [];
  }
  const path = normalizeAreaPath(value);
  const name = posix.basename(path);
  if (!name.includes('*')) return isFile(absoluteAreaPath(area, path)) ? [path] : [];
  const folder = posix.dirname(path) === '.' ? '' : posix.dirname(path);
  const pattern = new RegExp(`^${name.split('*').map(escapeRegExp).join('.*')}$`);
  const absoluteFolder = folder ? absoluteAreaPath(area, folder) : area;
  if (!existsSync(absoluteFolder)) return [];
  return readdirSync(absoluteFolder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name) && !GENERATED.test(entry.name))
    .map((entry) => entry.name)
    .sort(compareNames)
    .map((entry) => (folder ? `${folder}/${entry}` : entry));
}

/** Name order by code point, the same on every machine whatever its locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
