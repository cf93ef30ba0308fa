import { describe, expect, it } from 'vitest';
import { ToolSyncError } from '../../errors.js';
import { UncertainWrite, WsClient, type FetchLike } from './ws-client.js';
import { MoodleException } from './ws-exception.js';

/**
 * A fetch that answers each request with the next scripted step (a body, an HTTP status, a network error, or a
 * function for an answer that never comes), counting the requests and what was in flight; like fetch, it gives
 * up when the request's signal aborts.
 */
function scripted(...steps: (string | number | Error | (() => Promise<never>))[]) {
  const seen = { requests: 0, inFlight: 0, maxInFlight: 0, bodies: [] as string[] };
  const fetch: FetchLike = async (_url, init) => {
    const step = steps[Math.min(seen.requests, steps.length - 1)]!;
    seen.requests++;
    seen.bodies.push(String(init.body));
    seen.inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (step instanceof Error) throw step;
      if (typeof step === 'function') {
        return await Promise.race([step(), new Promise<never>((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)))]);
      }
      if (typeof step === 'number') return { status: step, text: async () => '' };
      return { status: 200, text: async () => step };
    } finally {
      seen.inFlight--;
    }
  };
  return { fetch, seen };
}

const refused = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
const client = (fetch: FetchLike, options: { concurrency?: number; timeoutMs?: number } = {}) =>
  new WsClient({ url: 'https://moodle.example.edu/', token: 'secret-token', fetch, backoffMs: 1, retries: 2, ...options });

describe('Moodle REST client', () => {
  it('posts form-encoded calls with the token, the function and moodlewsrestformat=json', async () => {
    const { fetch, seen } = scripted('[{"id":5,"username":"jdoe"}]');
    const answer = await client(fetch).call('core_user_get_users_by_field', { field: 'username', values: ['jdoe', 'a b'] }, 'read');
    expect(answer).toEqual([{ id: 5, username: 'jdoe' }]);
    expect(seen.bodies[0]).toBe('wstoken=secret-token&wsfunction=core_user_get_users_by_field&moodlewsrestformat=json&field=username&values%5B0%5D=jdoe&values%5B1%5D=a%20b');
  });

  it('turns an error in an HTTP 200 body into a MoodleException whose message carries debuginfo when Moodle sent it', async () => {
    expect.assertions(4);
    const body = '{"exception":"core\\\\exception\\\\invalid_parameter_exception","errorcode":"invalidparameter","message":"Invalid parameter value detected","debuginfo":"Username already exists: jdoe"}';
    try {
      await client(scripted(body).fetch).call('core_user_create_users', {}, 'write');
    } catch (error) {
      expect(error).toBeInstanceOf(MoodleException);
      expect((error as MoodleException).errorcode).toBe('invalidparameter');
      expect((error as MoodleException).readable).toBe('Invalid parameter value detected: Username already exists: jdoe');
    }
    const bare = '{"exception":"core\\\\exception\\\\invalid_parameter_exception","errorcode":"invalidparameter","message":"Invalid parameter value detected"}';
    await expect(client(scripted(bare).fetch).call('core_user_create_users', {}, 'write')).rejects.toMatchObject({
      readable: expect.stringContaining('set debugusers'),
    });
  });

  it('stops with one clear error for a refused token, disabled web services or a body that is not JSON', async () => {
    await expect(client(scripted('{"exception":"moodle_exception","errorcode":"invalidtoken","message":"Invalid token - token not found"}').fetch)
      .call('core_webservice_get_site_info', {}, 'read')).rejects.toMatchObject({ code: 'MOODLE_ACCESS_DENIED', message: expect.not.stringContaining('secret-token') });
    await expect(client(scripted(403).fetch).call('core_webservice_get_site_info', {}, 'read')).rejects.toMatchObject({ code: 'MOODLE_WS_DISABLED' });
    await expect(client(scripted('<html>').fetch).call('core_webservice_get_site_info', {}, 'read')).rejects.toMatchObject({ code: 'MOODLE_BAD_ANSWER' });
  });

  it('retries reads with backoff after network failures and gateway errors', async () => {
    const { fetch, seen } = scripted(refused('ECONNRESET'), 502, '{"ok":1}');
    expect(await client(fetch).call('core_course_get_courses_by_field', {}, 'read')).toEqual({ ok: 1 });
    expect(seen.requests).toBe(3);
  });

  it('gives up after the retries with one line naming the site and the function, never the token', async () => {
    const { fetch, seen } = scripted(refused('ECONNREFUSED'));
    const failure = client(fetch).call('core_webservice_get_site_info', {}, 'read');
    await expect(failure).rejects.toBeInstanceOf(ToolSyncError);
    await expect(failure).rejects.toMatchObject({ code: 'MOODLE_UNREACHABLE', message: expect.stringMatching(/moodle\.example\.edu.*core_webservice_get_site_info.*3 attempts/) });
    expect(seen.requests).toBe(3);
  });

  it('retries a write only when it provably never reached Moodle (connection refused)', async () => {
    const { fetch, seen } = scripted(refused('ECONNREFUSED'), 'null');
    expect(await client(fetch).call('enrol_manual_enrol_users', {}, 'write')).toBeNull();
    expect(seen.requests).toBe(2);
  });

  it('never retries a write that may have been applied: timeout, reset connection, gateway error', async () => {
    for (const step of [refused('ECONNRESET'), 504, () => new Promise<never>(() => {})]) {
      const { fetch, seen } = scripted(step, 'null');
      await expect(client(fetch, { timeoutMs: 50 }).call('core_user_create_users', {}, 'write')).rejects.toBeInstanceOf(UncertainWrite);
      expect(seen.requests).toBe(1);
    }
  });

  it('abandons a read after the timeout and retries it', async () => {
    const { fetch, seen } = scripted(() => new Promise<never>(() => {}), '[]');
    expect(await client(fetch, { timeoutMs: 30 }).call('core_group_get_course_groups', { courseid: 2 }, 'read')).toEqual([]);
    expect(seen.requests).toBe(2);
  });

  it('keeps at most `concurrency` requests in flight and counts calls by kind and function', async () => {
    const { fetch, seen } = scripted('null');
    const ws = client(fetch, { concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, index) => ws.call(index % 2 ? 'core_group_add_group_members' : 'core_group_get_groups', {}, index % 2 ? 'write' : 'read')));
    expect(seen.maxInFlight).toBe(3);
    expect(ws.counts).toMatchObject({ reads: 6, writes: 6 });
    expect(ws.counts.byFunction.get('core_group_add_group_members')).toBe(6);
  });
});
