import { readFile } from 'node:fs/promises';
import { ToolSyncError } from '../../errors.js';
import { absoluteAreaPath } from './area-path.js';

/**
 * A file of the command file area that a row names (a course template's `.mbz`), by its path there; null when
 * there is no such file, or the path would leave the area (the row then says where the file is looked for).
 */
export async function readAreaFile(area: string, path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(absoluteAreaPath(area, path));
  } catch (error) {
    if (error instanceof ToolSyncError) return null;
    if (['ENOENT', 'EISDIR', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
}
