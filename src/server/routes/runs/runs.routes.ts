import { createReadStream, existsSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACTIONS, actionName, findAction } from '../../../engine/actions.js';
import { ENGINE_UNKNOWN_PROCESSOR } from '../../../engine/engine-errors.js';
import { queueRuns } from '../../../engine/run/start-runs.js';
import { lockHolder } from '../../../store/run-locks.js';
import { pageRunRecords } from '../../../store/run-queries.js';
import { getRunRecord, RUN_STATUSES, type RunRecord } from '../../../store/run-records.js';
import { attachment, toDownloadCsv } from '../../csv-download.js';
import { confinedAreaPath, confinedPath } from '../../files/confined-path.js';
import { saveUpload } from '../../files/save-upload.js';
import { presentRun } from '../../presenters/present-run.js';
import { SERVER_INVALID, SERVER_NOT_FOUND, SERVER_RUN_LOCKED, SERVER_RUN_NOT_CANCELLABLE } from '../../server-errors.js';
import type { ServiceContext } from '../../service-context.js';
import { readReportErrors } from './run-errors.js';

const ID_PARAMS = { type: 'object', properties: { id: { type: 'integer' } } } as const;

interface StartRequest {
  processor?: string;
  simulate?: boolean;
  input?: string;
}

/** Runs: list, start (upload or configured location), one run, its errors, report and tryback, cancel. */
export async function runsRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const { engine } = context;
  const { db } = engine.store;
  const runOf = async (id: number): Promise<RunRecord> => {
    const record = await getRunRecord(db, id);
    if (!record) throw SERVER_NOT_FOUND({ resource: `runs/${id}` });
    return record;
  };

  app.get<{ Querystring: { processor?: string; status?: string; from?: string; to?: string; page: number; pageSize: number } }>('/api/v1/runs', {
    schema: {
      tags: ['runs'],
      summary: 'Runs, newest first',
      querystring: {
        type: 'object',
        properties: {
          processor: { type: 'string' },
          status: { type: 'string', enum: [...RUN_STATUSES] },
          from: { type: 'string', format: 'date-time' },
          to: { type: 'string', format: 'date-time' },
          page: { type: 'integer', minimum: 1, default: 1 },
          pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
        },
      },
    },
  }, async (request) => {
    const { processor, status, from, to, page, pageSize } = request.query;
    const result = await pageRunRecords(
      db,
      {
        ...(processor ? { processor: processor.split('/')[0]! } : {}),
        ...(status ? { status } : {}),
        ...(from ? { from: Date.parse(from) } : {}),
        ...(to ? { to: Date.parse(to) } : {}),
      },
      { offset: (page - 1) * pageSize, limit: pageSize },
    );
    return { total: result.total, runs: result.runs.map((record) => presentRun(record, context.live.progressOf(record.id))) };
  });

  app.post('/api/v1/runs', {
    schema: {
      tags: ['runs'],
      summary: 'Start a run: JSON { processor, simulate, input? } or multipart with processor, simulate and a file',
      description: 'Without input, the processor’s configured location designates the file(s); a `*` location starts one run per file. Answers 202 with the ids at once.',
    },
  }, async (request, reply) => {
    const start = request.isMultipart() ? await readMultipartStart(request, context) : readJsonStart(request.body);
    const action = findAction(start.processor ?? '');
    if (!start.processor || !action || (start.processor.includes('/') && actionName(action) !== start.processor)) {
      throw ENGINE_UNKNOWN_PROCESSOR({ name: start.processor ?? '', available: ACTIONS.map(actionName).join(', ') });
    }
    const holder = await lockHolder(db, `run:${action.processor}`);
    if (holder) throw SERVER_RUN_LOCKED({ processor: action.processor, run: holder.run_id ?? '?' });
    const queued = await queueRuns(engine, {
      action,
      simulate: start.simulate ?? false,
      trigger: request.principal?.kind === 'token' ? 'api' : 'manual',
      ...(start.input ? { input: confinedAreaPath(start.input) } : {}),
    });
    queued.done.catch((error: unknown) => request.log.error({ err: error }, 'run ended on an unexpected error'));
    request.log.info({ processor: actionName(action), runs: queued.ids }, 'runs started');
    return reply.code(202).send({ runs: queued.ids.map((id) => ({ id })) });
  });

  app.get<{ Params: { id: number } }>('/api/v1/runs/:id', {
    schema: { tags: ['runs'], summary: 'One run', params: ID_PARAMS },
  }, async (request) => presentRun(await runOf(request.params.id), context.live.progressOf(request.params.id)));

  app.get<{ Params: { id: number }; Querystring: { page: number; pageSize: number; format?: 'json' | 'csv' } }>('/api/v1/runs/:id/errors', {
    schema: {
      tags: ['runs'],
      summary: 'The row errors of a run, from its report (format=csv: all of them as a download)',
      params: ID_PARAMS,
      querystring: {
        type: 'object',
        properties: {
          page: { type: 'integer', minimum: 1, default: 1 },
          pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          format: { type: 'string', enum: ['json', 'csv'] },
        },
      },
    },
  }, async (request, reply) => {
    const record = await runOf(request.params.id);
    const reportFile = join(engine.folder.runs, `run-${record.id}-report.txt`);
    const { page, pageSize, format } = request.query;
    if (format === 'csv') {
      const all = await readReportErrors(reportFile, { offset: 0, limit: Number.MAX_SAFE_INTEGER });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`run-${record.id}-errors.csv`))
        .send(toDownloadCsv(['line', 'column', 'message'], all.errors.map((error) => [error.line, error.column, error.message])));
    }
    return readReportErrors(reportFile, { offset: (page - 1) * pageSize, limit: pageSize });
  });

  app.get<{ Params: { id: number } }>('/api/v1/runs/:id/report', {
    schema: { tags: ['runs'], summary: 'The full report of a run (download)', params: ID_PARAMS },
  }, async (request, reply) => {
    const record = await runOf(request.params.id);
    const file = join(engine.folder.runs, `run-${record.id}-report.txt`);
    if (!existsSync(file)) throw SERVER_NOT_FOUND({ resource: `runs/${record.id}/report` });
    return sendFile(reply, file, `run-${record.id}-report.txt`, 'text/plain; charset=utf-8');
  });

  app.get<{ Params: { id: number } }>('/api/v1/runs/:id/tryback', {
    schema: { tags: ['runs'], summary: 'The tryback file of a run (download, as written: ready to be fed again)', params: ID_PARAMS },
  }, async (request, reply) => {
    const record = await runOf(request.params.id);
    const file = record.tryback_path ? confinedPath(engine.folder.files, record.tryback_path) : null;
    if (!file || !existsSync(file)) throw SERVER_NOT_FOUND({ resource: `runs/${record.id}/tryback` });
    return sendFile(reply, file, posix.basename(record.tryback_path!), 'text/csv');
  });

  app.post<{ Params: { id: number } }>('/api/v1/runs/:id/cancel', {
    schema: { tags: ['runs'], summary: 'Cancel a queued or running run (it stops between two batches, its report written)', params: ID_PARAMS },
  }, async (request, reply) => {
    const record = await runOf(request.params.id);
    if (record.status !== 'queued' && record.status !== 'running') throw SERVER_RUN_NOT_CANCELLABLE({ id: record.id, status: record.status });
    // Only the process that runs it can stop it; another process sharing the store answers its own API.
    if (!engine.cancellation.cancel(record.id)) throw SERVER_RUN_NOT_CANCELLABLE({ id: record.id, status: `${record.status} (${record.owner ?? '?'})` });
    request.log.info({ run: record.id }, 'run cancellation requested');
    return reply.code(202).send({ id: record.id, cancelling: true });
  });
}

function readJsonStart(body: unknown): StartRequest {
  if (typeof body !== 'object' || body === null) throw SERVER_INVALID({ detail: 'expected a JSON object { processor, simulate, input? }' });
  const { processor, simulate, input } = body as Record<string, unknown>;
  if (typeof processor !== 'string') throw SERVER_INVALID({ detail: 'processor must be a string such as "users/add"' });
  if (simulate !== undefined && typeof simulate !== 'boolean') throw SERVER_INVALID({ detail: 'simulate must be true or false' });
  if (input !== undefined && typeof input !== 'string') throw SERVER_INVALID({ detail: 'input must be a path in the file area' });
  return { processor, ...(simulate === undefined ? {} : { simulate }), ...(input === undefined ? {} : { input }) };
}

/** Fields `processor`, `simulate`, `input` and an optional `file`, stored at the root of the file area first. */
async function readMultipartStart(request: FastifyRequest, context: ServiceContext): Promise<StartRequest> {
  const start: StartRequest = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') throw SERVER_INVALID({ detail: `unexpected file field "${part.fieldname}"` });
      start.input = await saveUpload(context.engine.folder.files, '', part, context.options.uploadLimitBytes);
      request.log.info({ file: start.input }, 'file uploaded for a run');
    } else {
      const value = String(part.value);
      if (part.fieldname === 'processor') start.processor = value;
      else if (part.fieldname === 'simulate') start.simulate = value === 'true' || value === '1' || value === 'on';
      else if (part.fieldname === 'input' && value !== '') start.input = value;
    }
  }
  return start;
}

export function sendFile(reply: FastifyReply, file: string, name: string, type: string): FastifyReply {
  return reply
    .type(type)
    .header('content-length', statSync(file).size)
    .header('content-disposition', attachment(name))
    .send(createReadStream(file));
}
