import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { confinedAreaPath, confinedPath } from '../../files/confined-path.js';
import { saveUpload } from '../../files/save-upload.js';
import { SERVER_FILE_EXISTS, SERVER_INVALID, SERVER_NOT_FOUND, SERVER_PATH } from '../../server-errors.js';
import type { ServiceContext } from '../../service-context.js';
import { sendFile } from '../runs/runs.routes.js';
import { previewCsv } from '../../../engine/files/preview-csv.js';

const PATH_QUERY = { type: 'object', properties: { path: { type: 'string', default: '' } } } as const;

/** The command file area: list, upload, download, preview, move, new folder, delete; every path confined to it. */
export async function filesRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const area = context.engine.folder.files;
  const areaPathOf = (absolute: string) => relative(area, absolute).split(sep).join('/');
  const existing = (path: string) => {
    const absolute = confinedPath(area, path);
    if (!existsSync(absolute)) throw SERVER_NOT_FOUND({ resource: `files/${path}` });
    return absolute;
  };

  app.get<{ Querystring: { path: string } }>('/api/v1/files', {
    schema: { tags: ['files'], summary: 'The entries of a folder of the file area', querystring: PATH_QUERY },
  }, async (request) => {
    const folder = existing(request.query.path);
    if (!statSync(folder).isDirectory()) throw SERVER_INVALID({ detail: `"${request.query.path}" is not a folder` });
    const inside = realpathSync(area);
    const entries = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.upload-'))
      .flatMap((entry) => {
        const path = join(folder, entry.name);
        if (entry.isSymbolicLink()) {
          // A link is shown only when it stays inside the area; one that leads out is not part of it.
          const target = safeRealpath(path);
          if (!target || relative(inside, target).startsWith('..')) return [];
        }
        const stats = safeStat(path);
        if (!stats || (!stats.isFile() && !stats.isDirectory())) return [];
        return [{ name: entry.name, type: stats.isDirectory() ? 'dir' : 'file', size: stats.isDirectory() ? 0 : stats.size, modified: stats.mtime.toISOString() }];
      })
      .sort((a, b) => (a.type === b.type ? (a.name < b.name ? -1 : 1) : a.type === 'dir' ? -1 : 1));
    return { path: folder === area ? '' : areaPathOf(folder), entries };
  });

  app.post<{ Querystring: { path: string } }>('/api/v1/files', {
    schema: { tags: ['files'], summary: 'Upload one or several files (multipart, field "file") into a folder', querystring: PATH_QUERY },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw SERVER_INVALID({ detail: 'expected multipart/form-data with "file" parts' });
    const folder = request.query.path ? confinedAreaPath(request.query.path) : '';
    confinedPath(area, folder || '.');
    const saved: { path: string; size: number }[] = [];
    for await (const part of request.files()) {
      const path = await saveUpload(area, folder, part, context.options.uploadLimitBytes);
      saved.push({ path, size: statSync(join(area, path)).size });
    }
    request.log.info({ files: saved.map((file) => file.path) }, 'files uploaded');
    return reply.code(201).send({ files: saved });
  });

  app.get<{ Querystring: { path: string } }>('/api/v1/files/content', {
    schema: { tags: ['files'], summary: 'Download a file', querystring: PATH_QUERY },
  }, async (request, reply) => {
    const file = existing(request.query.path);
    if (!statSync(file).isFile()) throw SERVER_INVALID({ detail: `"${request.query.path}" is not a file` });
    return sendFile(reply, file, posix.basename(request.query.path), 'application/octet-stream');
  });

  app.get<{ Querystring: { path: string; rows: number } }>('/api/v1/files/preview', {
    schema: {
      tags: ['files'],
      summary: 'The first rows of a CSV file, decoded with the input-format settings',
      querystring: { type: 'object', properties: { path: { type: 'string' }, rows: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } },
    },
  }, async (request) => {
    const file = existing(request.query.path);
    return previewCsv(file, request.query.path, await context.engine.settings.snapshot(), request.query.rows);
  });

  app.post<{ Body: { from: string; to: string } }>('/api/v1/files/move', {
    schema: {
      tags: ['files'],
      summary: 'Move or rename a file or folder (never over an existing one)',
      body: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string' }, to: { type: 'string' } } },
    },
  }, async (request) => {
    const from = existing(request.body.from);
    if (from === area) throw SERVER_PATH({ path: request.body.from });
    const to = confinedPath(area, confinedAreaPath(request.body.to));
    if (existsSync(to)) throw SERVER_FILE_EXISTS({ path: request.body.to });
    if (lstatSync(from).isDirectory() && !relative(from, to).startsWith('..')) throw SERVER_PATH({ path: request.body.to });
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
    request.log.info({ from: request.body.from, to: request.body.to }, 'file moved');
    return { path: areaPathOf(to) };
  });

  app.post<{ Body: { path: string } }>('/api/v1/files/folder', {
    schema: { tags: ['files'], summary: 'Create a folder', body: { type: 'object', required: ['path'], properties: { path: { type: 'string' } } } },
  }, async (request, reply) => {
    const folder = confinedPath(area, confinedAreaPath(request.body.path));
    if (existsSync(folder)) throw SERVER_FILE_EXISTS({ path: request.body.path });
    mkdirSync(folder, { recursive: true });
    return reply.code(201).send({ path: areaPathOf(folder) });
  });

  app.delete<{ Querystring: { path: string } }>('/api/v1/files', {
    schema: { tags: ['files'], summary: 'Delete a file or a folder with its content', querystring: PATH_QUERY },
  }, async (request, reply) => {
    const target = existing(request.query.path);
    if (target === area) throw SERVER_PATH({ path: request.query.path });
    rmSync(target, { recursive: true });
    request.log.info({ path: request.query.path }, 'file deleted');
    return reply.code(204).send();
  });
}

function safeStat(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function safeRealpath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}
