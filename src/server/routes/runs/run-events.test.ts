import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../../../../test/databases.js';
import { waitForRun } from '../../../../test/run-waits.js';
import { adminAndViewer, openTestService, type TestService } from '../../../../test/service-kit.js';
import { createRunRecord, finishRunRecord, markRunning, saveRunProgress } from '../../../store/run-records.js';

interface ServerSentEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** Reads a server-sent event stream over a real socket until the server closes it; `onText` sees what came so far. */
function readEvents(url: string, cookie: string, onText?: (text: string) => void): Promise<{ status: number; type: string | undefined; events: ServerSentEvent[] }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { cookie, accept: 'text/event-stream' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        onText?.(text);
      });
      response.on('end', () => {
        const events = text
          .split('\n\n')
          .filter((block) => block.startsWith('event: '))
          .map((block) => {
            const [eventLine, dataLine] = block.split('\n');
            return { event: eventLine!.slice(7), data: JSON.parse(dataLine!.slice(6)) as Record<string, unknown> };
          });
        resolve({ status: response.statusCode!, type: response.headers['content-type'], events });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

for (const kind of DATABASES) {
  describe(`run events over a socket on ${kind}`, () => {
    let test: TestService;
    afterEach(async () => test?.close());

    it('streams progress and report lines of a run, then its end, and closes', async () => {
      test = await openTestService(kind);
      const { admin, viewer } = await adminAndViewer(test);
      const { app, service } = test;
      const rows = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i};First;Last`).join('\n');
      writeFileSync(join(service.engine.folder.files, 'u1.csv'), `username;firstname;lastname\n${rows('big', 20000)}\n`);
      writeFileSync(join(service.engine.folder.files, 'u2.csv'), `username;firstname;lastname\n${rows('small', 2500)}\n;No;Name\n`);
      await service.engine.settings.save({ users_filelocation: 'u*.csv' });
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const started = await app.inject({ method: 'POST', url: '/api/v1/runs', headers: admin.headers, payload: { processor: 'users/add' } });
      const [, second] = started.json().runs as { id: number }[];
      // The second run waits behind the first: its stream opens before it starts.
      const stream = await readEvents(`${address}/api/v1/runs/${second!.id}/events`, viewer.cookie);
      expect(stream.status).toBe(200);
      expect(stream.type).toBe('text/event-stream; charset=utf-8');
      const names = stream.events.map((event) => event.event);
      expect(names.at(-1)).toBe('end');
      expect(names.filter((name) => name === 'end')).toHaveLength(1);
      const progress = stream.events.filter((event) => event.event === 'progress').map((event) => event.data.rowsDone);
      expect(progress).toContain(2000);
      expect(progress.at(-1)).toBe(2501);
      const lines = stream.events.filter((event) => event.event === 'line').map((event) => event.data.text as string);
      expect(lines[0]).toMatch(/^tool-sync · users\/add · run #\d+$/);
      expect(lines.find((line) => line.startsWith('line 2 [created]'))).toContain('small0');
      expect(lines.some((line) => line.startsWith('line 2502 [error]'))).toBe(true);
      expect(stream.events.at(-1)!.data.run).toMatchObject({ id: second!.id, status: 'succeeded_with_errors', counters: { read: 2501, errors: 1 } });
    });

    it('answers a finished run’s end at once, and refuses a stream without a session', async () => {
      test = await openTestService(kind);
      const { admin } = await adminAndViewer(test);
      writeFileSync(join(test.service.engine.folder.files, 'userimport.csv'), 'username;firstname;lastname\njdoe;John;Doe\n');
      const { runs } = (await test.app.inject({ method: 'POST', url: '/api/v1/runs', headers: admin.headers, payload: { processor: 'users/add' } })).json();
      await waitForRun(test.app, runs[0].id, { cookie: admin.cookie });
      const address = await test.app.listen({ port: 0, host: '127.0.0.1' });
      const stream = await readEvents(`${address}/api/v1/runs/${runs[0].id}/events`, admin.cookie);
      expect(stream.events.map((event) => event.event)).toEqual(['end']);
      expect(stream.events[0]!.data.run).toMatchObject({ status: 'succeeded' });
      expect((await readEvents(`${address}/api/v1/runs/${runs[0].id}/events`, '')).status).toBe(401);
      expect((await readEvents(`${address}/api/v1/runs/999/events`, admin.cookie)).status).toBe(404);
    });

    it('follows a run another process executes through the store: its saved progress, then its end', async () => {
      test = await openTestService(kind);
      const { viewer } = await adminAndViewer(test);
      const { db } = test.service.engine.store;
      const id = await createRunRecord(db, { processor: 'users', action: 'add', input: 'x.csv', trigger: 'schedule', simulate: false, owner: 'other-host:1:1' });
      await markRunning(db, id);
      const address = await test.app.listen({ port: 0, host: '127.0.0.1' });
      let sawProgress: () => void;
      const progressed = new Promise<void>((resolve) => (sawProgress = resolve));
      const streaming = readEvents(`${address}/api/v1/runs/${id}/events`, viewer.cookie, (text) => {
        if (text.includes('"rowsDone":1500')) sawProgress();
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await saveRunProgress(db, id, 1500);
      await progressed;
      await finishRunRecord(db, id, { status: 'succeeded' });
      const stream = await streaming;
      expect(stream.events.map((event) => [event.event, event.data.rowsDone])).toEqual([['progress', 0], ['progress', 1500], ['end', undefined]]);
      expect(stream.events[2]!.data.run).toMatchObject({ id, status: 'succeeded' });
    });
  });
}
