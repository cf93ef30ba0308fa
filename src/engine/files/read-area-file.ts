import { stat } from 'node:fs/promises';
import { openAsBlob } from 'node:fs';
import { ToolSyncError } from '../../errors.js';
import { absoluteAreaPath } from './area-path.js';

/**
 * A file of the command file area that a row names (a course template's `.mbz`), by its path there; null when
 * there is no such file, or the path would leave the area (the row then says where the file is looked for). The
 * file is read from disk as it is used (a backup can weigh hundreds of megabytes).
 */
export async function readAreaFile(area: string, path: string): Promise<Blob | null> {
  try {
    const absolute = absoluteAreaPath(area, path);
    if (!(await stat(absolute)).isFile()) return null;
    return await openAsBlob(absolute);
  } catch (error) {
    if (error instanceof ToolSyncError) return null;
    if (['ENOENT', 'EISDIR', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
}
