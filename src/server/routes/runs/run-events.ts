import type { FastifyInstance } from 'fastify';
import type { RunProgress } from '../../../engine/run/progress.js';
import { getRunRecord } from '../../../store/run-records.js';
import { presentRun } from '../../presenters/present-run.js';
import { SERVER_NOT_FOUND } from '../../server-errors.js';
import type { ServiceContext } from '../../service-context.js';

const HEARTBEAT_MS = 15_000;
/** How often the end of a run another process executes (a shared PostgreSQL store) is looked for. */
const FOREIGN_POLL_MS = 2_000;
const FINISHED = new Set(['succeeded', 'succeeded_with_errors', 'failed', 'cancelled']);

/**
 * `GET /api/v1/runs/:id/events`: server-sent events of one run: `progress` after each batch, `line` for each report
 * line, then `end` with the run, and the stream closes. A finished run answers `end` at once.
 */
export async function runEventsRoute(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const { engine } = context;
  app.get<{ Params: { id: number } }>('/api/v1/runs/:id/events', {
    schema: {
      tags: ['runs'],
      summary: 'Live events of a run (text/event-stream): progress, line, end',
      params: { type: 'object', properties: { id: { type: 'integer' } } },
    },
  }, async (request, reply) => {
    const id = request.params.id;
    if (!(await getRunRecord(engine.store.db, id))) throw SERVER_NOT_FOUND({ resource: `runs/${id}` });
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    let ended = false;
    const onProgress = (progress: RunProgress) => {
      if (progress.runId === id) send('progress', { rowsDone: progress.rowsDone, unit: progress.unit, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal });
    };
    const onLines = (event: { runId: number; lines: readonly string[] }) => {
      if (event.runId === id) for (const text of event.lines.flatMap((line) => line.split('\n'))) send('line', { text });
    };
    const end = async () => {
      if (ended) return;
      ended = true;
      detach();
      const record = await getRunRecord(engine.store.db, id);
      if (record) send('end', { run: presentRun(record) });
      response.end();
    };
    const onFinished = (event: { runId: number }) => {
      if (event.runId === id) void end();
    };
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    let poll: NodeJS.Timeout | undefined;
    const detach = () => {
      clearInterval(heartbeat);
      clearInterval(poll);
      engine.events.off('progress', onProgress);
      engine.events.off('lines', onLines);
      engine.events.off('finished', onFinished);
    };
    engine.events.on('progress', onProgress);
    engine.events.on('lines', onLines);
    engine.events.on('finished', onFinished);
    request.raw.on('close', () => {
      ended = true;
      detach();
    });
    // Subscribed first, then read: a run that ended in between is not missed.
    const record = await getRunRecord(engine.store.db, id);
    if (!record || FINISHED.has(record.status)) return end();
    send('progress', { rowsDone: context.live.progressOf(id)?.rowsDone ?? record.rows_read });
    if (record.owner !== engine.owner) {
      // Its events fire in the process that runs it: here the store tells its progress (saved every few seconds) and its end.
      let rowsDone = record.rows_read;
      poll = setInterval(() => {
        void getRunRecord(engine.store.db, id).then((current) => {
          if (!current || FINISHED.has(current.status)) return void end();
          if (current.rows_read > rowsDone) send('progress', { rowsDone: (rowsDone = current.rows_read) });
        });
      }, FOREIGN_POLL_MS);
      poll.unref();
    }
  });
}
