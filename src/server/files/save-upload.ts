import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import { SERVER_PATH, SERVER_UPLOAD_TOO_LARGE } from '../server-errors.js';
import { confinedPath } from './confined-path.js';

/** The name an uploaded file keeps: its last path segment, refused when empty, `.`, `..` or with control characters. */
export function uploadName(filename: string): string {
  const name = filename.split(/[\\/]/u).at(-1)?.trim() ?? '';
  // eslint-disable-next-line no-control-regex
  if (name === '' || name === '.' || name === '..' || /[\u0000-\u001f]/u.test(name)) throw SERVER_PATH({ path: filename });
  return name;
}

/**
 * Streams an uploaded file into a folder of the file area (replacing a same-named file once it is complete):
 * written under a temporary name first, so that no run ever reads half a file. Beyond the size limit the
 * partial file is removed and SERVER_UPLOAD_TOO_LARGE thrown. Answers the file's area path.
 */
export async function saveUpload(area: string, folder: string, part: MultipartFile, limitBytes: number): Promise<string> {
  const name = uploadName(part.filename);
  const path = folder ? posix.join(folder, name) : name;
  const target = confinedPath(area, path);
  const directory = confinedPath(area, folder || '.');
  mkdirSync(directory, { recursive: true });
  const temporary = join(directory, `.upload-${randomBytes(6).toString('hex')}`);
  try {
    await pipeline(part.file, createWriteStream(temporary));
    if (part.file.truncated) throw SERVER_UPLOAD_TOO_LARGE({ file: name, limit: Math.round(limitBytes / 1048576) });
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw SERVER_UPLOAD_TOO_LARGE({ file: name, limit: Math.round(limitBytes / 1048576) });
    throw error;
  }
  return path;
}
