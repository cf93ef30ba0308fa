import { absoluteAreaPath, normalizeAreaPath } from '../../engine/files/area-path.js';
import { ENGINE_PATH_OUTSIDE_AREA } from '../../engine/engine-errors.js';
import { ToolSyncError } from '../../errors.js';
import { SERVER_PATH } from '../server-errors.js';

/**
 * The absolute path of an area path given by a client, or SERVER_PATH: no `..`, no absolute path, no link that
 * leads out of the area. `''` and `.` are the area itself.
 */
export function confinedPath(area: string, path: string): string {
  if (path === '' || path === '.' || path === '/') return area;
  if (path.startsWith('/') || /^[A-Za-z]:/u.test(path)) throw SERVER_PATH({ path });
  try {
    return absoluteAreaPath(area, path);
  } catch (error) {
    if (error instanceof ToolSyncError && error.code === ENGINE_PATH_OUTSIDE_AREA.code) throw SERVER_PATH({ path });
    throw error;
  }
}

/** The normalised form of a client's area path (`a//b/` → `a/b`), or SERVER_PATH. */
export function confinedAreaPath(path: string): string {
  if (path.startsWith('/') || /^[A-Za-z]:/u.test(path)) throw SERVER_PATH({ path });
  try {
    return normalizeAreaPath(path);
  } catch {
    throw SERVER_PATH({ path });
  }
}
