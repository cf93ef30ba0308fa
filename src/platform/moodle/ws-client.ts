import { MOODLE_ACCESS_DENIED, MOODLE_BAD_ANSWER, MOODLE_UNREACHABLE, MOODLE_WS_DISABLED } from './moodle-errors.js';
import { encodeParams, formBody, type WsParams } from './ws-encode.js';
import { isErrorBody, MoodleException } from './ws-exception.js';

/** The part of `fetch` the client uses, so that tests and other transports can stand in for it. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string | FormData; signal: AbortSignal },
) => Promise<{ readonly status: number; text(): Promise<string> }>;

/** How the client reaches one Moodle. */
export interface WsClientOptions {
  /** The site's wwwroot, such as `https://moodle.example.edu`. */
  readonly url: string;
  /** The web-service token (a secret: never logged nor put in an error). */
  readonly token: string;
  /** Default: the global fetch. */
  readonly fetch?: FetchLike;
  /** Requests in flight at once (default 4: more gives nothing on a 2-core Moodle). */
  readonly concurrency?: number;
  /** Milliseconds before a call is abandoned (default 120 000: a big batch may take a minute). */
  readonly timeoutMs?: number;
  /** Further attempts of a call that may be retried (default 3). */
  readonly retries?: number;
  /** First wait before a retry, doubled at each one (default 500 ms). */
  readonly backoffMs?: number;
}

/**
 * Whether a call changes Moodle: a write is retried only when it provably never reached Moodle; an upload (a new
 * draft area each time, which Moodle's cron purges) is retried like a read and counted as a write.
 */
export type CallKind = 'read' | 'write' | 'upload';

/** What a transport failure was; `unsent` means the request provably never reached the server. */
type Failure = { readonly reason: string; readonly unsent: boolean; readonly retryable: boolean };

/** Network errors raised before any byte was sent: the server cannot have run the call. */
const UNSENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * A failure of a write whose outcome is unknown (timeout, connection lost after sending): it is not retried,
 * since Moodle may have applied it, and the items of the call are reported as such.
 */
export class UncertainWrite extends Error {
  constructor(readonly wsfunction: string, reason: string) {
    super(`no complete answer from Moodle to ${wsfunction} (${reason}): it may or may not have been applied; check before running again`);
    this.name = 'UncertainWrite';
  }
}

/** Counts of calls, for tests and the bench. */
export interface CallCounts {
  reads: number;
  writes: number;
  readonly byFunction: Map<string, number>;
}

/**
 * The REST client of one Moodle: POSTs form-encoded calls with `moodlewsrestformat=json`, detects errors in HTTP
 * 200 bodies, keeps at most `concurrency` requests in flight, abandons a call after `timeoutMs`, and retries with
 * exponential backoff reads that failed in transit and writes that provably never reached Moodle — never a write
 * that might have been applied, so nothing is ever created twice.
 *
 * @example
 * const client = new WsClient({ url: 'https://moodle.example.edu', token });
 * const info = await client.call('core_webservice_get_site_info', {}, 'read');
 */
export class WsClient {
  readonly counts: CallCounts = { reads: 0, writes: 0, byFunction: new Map() };
  readonly #options: Required<Omit<WsClientOptions, 'fetch'>> & { fetch: FetchLike };
  #inFlight = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(options: WsClientOptions) {
    this.#options = Object.freeze({
      url: options.url.replace(/\/+$/, ''),
      token: options.token,
      fetch: options.fetch ?? (globalThis.fetch as unknown as FetchLike),
      concurrency: options.concurrency ?? 4,
      timeoutMs: options.timeoutMs ?? 120_000,
      retries: options.retries ?? 3,
      backoffMs: options.backoffMs ?? 500,
    });
  }

  /** The site's address, for messages (the token never appears in them). */
  get url(): string {
    return this.#options.url;
  }

  /**
   * Calls a web-service function and answers its decoded result; throws a MoodleException when Moodle refused
   * it, an UncertainWrite when a write's outcome is unknown, a ToolSyncError when Moodle cannot be used.
   */
  async call<T>(wsfunction: string, params: WsParams, kind: Exclude<CallKind, 'upload'>): Promise<T> {
    const body = formBody([['wstoken', this.#options.token], ['wsfunction', wsfunction], ['moodlewsrestformat', 'json'], ...encodeParams(params)]);
    return this.#post(wsfunction, 'webservice/rest/server.php', () => body, kind);
  }

  /**
   * Uploads files into a new draft area of the web-service user (webservice/upload.php: the service must allow
   * uploads) and answers the area's itemid; a refused file throws a MoodleException.
   */
  async upload(files: readonly { readonly filename: string; readonly content: Uint8Array | Blob; readonly mimetype?: string }[]): Promise<number> {
    const form = () => {
      const data = new FormData();
      data.set('token', this.#options.token);
      data.set('itemid', '0');
      data.set('filepath', '/');
      files.forEach((file, index) => data.set(`file_${index}`, new Blob([file.content], { type: file.mimetype ?? 'application/octet-stream' }), file.filename));
      return data;
    };
    const answer = await this.#post<{ itemid?: number; errortype?: string; error?: string }[]>('upload.php', 'webservice/upload.php', form, 'upload');
    const refused = answer.find((file) => file.errortype);
    if (refused) throw new MoodleException({ errorcode: refused.errortype, message: refused.error ?? refused.errortype });
    if (!answer[0]?.itemid) throw MOODLE_BAD_ANSWER({ function: 'upload.php', reason: 'no draft item id' });
    return answer[0].itemid;
  }

  async #post<T>(wsfunction: string, path: string, body: () => string | FormData, kind: CallKind): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#withSlot(() => this.#send(wsfunction, path, body(), kind));
      if (!('failure' in outcome)) return outcome.value as T;
      const { failure } = outcome;
      const mayRetry = failure.retryable && (kind !== 'write' || failure.unsent);
      if (kind === 'write' && !failure.unsent) throw new UncertainWrite(wsfunction, failure.reason);
      if (!mayRetry || attempt >= this.#options.retries) {
        throw MOODLE_UNREACHABLE({ url: this.#options.url, function: wsfunction, reason: failure.reason, attempts: attempt + 1 });
      }
      await new Promise((resolve) => setTimeout(resolve, this.#options.backoffMs * 2 ** attempt));
    }
  }

  async #send(wsfunction: string, path: string, body: string | FormData, kind: CallKind): Promise<{ value: unknown } | { failure: Failure }> {
    if (kind === 'read') this.counts.reads++;
    else this.counts.writes++;
    this.counts.byFunction.set(wsfunction, (this.counts.byFunction.get(wsfunction) ?? 0) + 1);
    let status: number;
    let text: string;
    try {
      const response = await this.#options.fetch(`${this.#options.url}/${path}`, {
        method: 'POST',
        // FormData sets its own multipart boundary.
        headers: typeof body === 'string' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body,
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      return { failure: transportFailure(error, this.#options.timeoutMs) };
    }
    if (status === 403 || status === 404) throw MOODLE_WS_DISABLED({ url: this.#options.url, status });
    // A gateway error says nothing about whether Moodle ran the call behind it.
    if (status >= 500) return { failure: { reason: `HTTP ${status}`, unsent: false, retryable: true } };
    if (status !== 200) throw MOODLE_BAD_ANSWER({ function: wsfunction, reason: `HTTP ${status}` });
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw MOODLE_BAD_ANSWER({ function: wsfunction, reason: `not JSON: ${text.slice(0, 120)}` });
    }
    if (isErrorBody(value)) {
      const exception = new MoodleException(value);
      if (ACCESS_CODES.has(exception.errorcode)) throw MOODLE_ACCESS_DENIED({ function: wsfunction, reason: exception.readable });
      throw exception;
    }
    return { value };
  }

  async #withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.#inFlight >= this.#options.concurrency) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#inFlight++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiting call, or is freed.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#inFlight--;
    }
  }
}

/** Errors about the token or the service, not about an item: the run stops with one clear line. */
const ACCESS_CODES = new Set(['invalidtoken', 'accessexception', 'sitemaintenance', 'wsaccessusersuspended', 'wsaccessusernologin', 'usernotconfirmed']);

function transportFailure(error: unknown, timeoutMs: number): Failure {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return { reason: `no answer within ${timeoutMs / 1000} s`, unsent: false, retryable: true };
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code ?? '';
  return { reason: code || (error as Error).message, unsent: UNSENT_CODES.has(code), retryable: true };
}
