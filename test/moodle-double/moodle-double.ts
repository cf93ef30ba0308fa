import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmbeddedPlatform } from '../../src/platform/embedded/embedded-platform.js';
import type { FetchLike } from '../../src/platform/moodle/ws-client.js';
import type { Store } from '../../src/store/database.js';
import { CORE_COHORT_FUNCTIONS } from './core-cohorts.js';
import { CORE_COURSE_WRITE_FUNCTIONS } from './core-course-writes.js';
import { COURSE_COPY_FUNCTIONS } from './course-copies.js';
import { CORE_COURSE_FUNCTIONS } from './core-courses.js';
import { CORE_ENROL_FUNCTIONS } from './core-enrol.js';
import { CORE_GROUP_FUNCTIONS } from './core-groups.js';
import { CORE_META_FUNCTIONS } from './core-meta.js';
import { CORE_USER_FUNCTIONS } from './core-users.js';
import type { DoubleEnv, WsFunctionHandler } from './double-env.js';
import { LOCAL_TOOLSYNC_FUNCTIONS } from './local-toolsync.js';
import { LOCAL_TOOLSYNC_COURSE_FUNCTIONS } from './local-toolsync-courses.js';
import { MoodleError } from './moodle-exceptions.js';
import { parsePhpForm, type PhpValue } from './php-form.js';

/** Every function the double answers, core's and the companion plugin's. */
export const DOUBLE_FUNCTIONS: Record<string, WsFunctionHandler> = {
  ...CORE_USER_FUNCTIONS, ...CORE_COURSE_FUNCTIONS, ...CORE_COURSE_WRITE_FUNCTIONS, ...CORE_ENROL_FUNCTIONS, ...CORE_META_FUNCTIONS, ...CORE_GROUP_FUNCTIONS, ...CORE_COHORT_FUNCTIONS, ...LOCAL_TOOLSYNC_FUNCTIONS,
  ...LOCAL_TOOLSYNC_COURSE_FUNCTIONS, ...COURSE_COPY_FUNCTIONS,
};

/** How the double Moodle is set up. */
export interface MoodleDoubleOptions {
  /** The one valid token (default `test-token`). */
  readonly token?: string;
  /** PHP max_input_vars (default 5000): fields beyond are dropped silently. */
  readonly maxInputVars?: number;
  /** `debugusers` on for the web-service user: errors carry debuginfo (default true). */
  readonly debug?: boolean;
  /** The service's "Can upload files" (default true). */
  readonly uploadfiles?: boolean;
  /** Functions of the external service (default every function of the double). */
  readonly functions?: readonly string[];
}

/** One call as the double received it. */
export interface ReceivedCall {
  readonly wsfunction: string;
  /** Form fields received, before PHP's cut. */
  readonly fields: number;
  /** Fields PHP dropped (max_input_vars). */
  readonly dropped: number;
  /** The parameters PHP kept, as the function read them. */
  readonly params?: Readonly<Record<string, PhpValue>>;
}

/**
 * A Moodle 5.1 seen through its REST web services, for tests only (spec/moodle-ws.md): every answer is HTTP 200,
 * errors included (`exception`/`errorcode`/`message`, `debuginfo` only with debugging on); ALL functions apply a
 * whole batch or nothing, ITEM functions answer warnings, PARTIAL ones keep what came before a failure; PHP's
 * max_input_vars cut drops the end of an oversized call without a word. Its state is Moodle's data model, kept
 * in the lms_* tables of a store (so test factories seed it); its rules are the embedded platform's.
 *
 * @example
 * const moodle = new MoodleDouble(store);
 * const platform = new MoodlePlatform(new WsClient({ url: 'http://moodle.test', token: 'test-token', fetch: moodle.fetch }), …);
 */
export class MoodleDouble {
  readonly calls: ReceivedCall[] = [];
  readonly #env: DoubleEnv;
  readonly #token: string;
  readonly #maxInputVars: number;
  readonly #debug: boolean;
  readonly #functions: ReadonlySet<string>;
  readonly #uploads: boolean;
  #lastDraft = 1000;
  #server: Server | undefined;

  constructor(store: Store, options: MoodleDoubleOptions = {}) {
    this.#env = { store, platform: new EmbeddedPlatform(store), drafts: new Map() };
    this.#uploads = options.uploadfiles ?? true;
    this.#token = options.token ?? 'test-token';
    this.#maxInputVars = options.maxInputVars ?? 5000;
    this.#debug = options.debug ?? true;
    this.#functions = new Set(options.functions ?? ['core_webservice_get_site_info', ...Object.keys(DOUBLE_FUNCTIONS)]);
  }

  /** Calls of write functions received (for "simulate writes nothing" checks). */
  writeCalls(isWrite: (wsfunction: string) => boolean): ReceivedCall[] {
    return this.calls.filter((call) => isWrite(call.wsfunction));
  }

  /** Answers one request to webservice/rest/server.php: HTTP status and body. */
  async handle(body: string): Promise<{ status: number; body: string }> {
    const { params, fields, dropped } = parsePhpForm(body, this.#maxInputVars);
    const wsfunction = String(params.wsfunction ?? '');
    this.calls.push({ wsfunction, fields, dropped, params });
    try {
      if (params.moodlewsrestformat !== 'json') return { status: 200, body: '<?xml version="1.0" encoding="UTF-8" ?>\n<RESPONSE></RESPONSE>' };
      if (params.wstoken !== this.#token) throw new MoodleError('moodle_exception', 'invalidtoken', 'Invalid token - token not found');
      if (!this.#functions.has(wsfunction)) {
        throw new MoodleError('webservice_access_exception', 'accessexception', 'Access control exception', `Access to the function ${wsfunction}() is not allowed.`);
      }
      const { wstoken: _token, wsfunction: _function, moodlewsrestformat: _format, ...rest } = params;
      const result = wsfunction === 'core_webservice_get_site_info' ? this.#siteInfo() : await DOUBLE_FUNCTIONS[wsfunction]!(rest, this.#env);
      return { status: 200, body: JSON.stringify(result ?? null) };
    } catch (error) {
      if (!(error instanceof MoodleError)) throw error;
      const answer = { exception: error.exception, errorcode: error.errorcode, message: error.message, ...(this.#debug && error.debuginfo ? { debuginfo: error.debuginfo } : {}) };
      return { status: 200, body: JSON.stringify(answer) };
    }
  }

  /**
   * webservice/upload.php: the files of the form go to a new draft area of the web-service user; answers their
   * records, or the AJAX error shape (`error`, `errorcode`) for a bad token or a service without uploads.
   */
  async upload(form: FormData): Promise<{ status: number; body: string }> {
    this.calls.push({ wsfunction: 'upload.php', fields: [...form.keys()].length, dropped: 0 });
    if (form.get('token') !== this.#token) return { status: 200, body: JSON.stringify({ error: 'Invalid token - token not found', errorcode: 'invalidtoken' }) };
    if (!this.#uploads) return { status: 200, body: JSON.stringify({ error: 'Access control exception', errorcode: 'accessexception' }) };
    // Taken at once: uploads arrive concurrently.
    const itemid = ++this.#lastDraft;
    const files: { filename: string; mimetype: string; content: Uint8Array }[] = [];
    for (const value of form.values()) {
      if (typeof value === 'string') continue;
      files.push({ filename: value.name, mimetype: value.type, content: new Uint8Array(await value.arrayBuffer()) });
    }
    this.#env.drafts.set(itemid, files);
    return {
      status: 200,
      body: JSON.stringify(files.map((file) => ({ component: 'user', contextid: 5, userid: 2, filearea: 'draft', filename: file.filename, filepath: '/', itemid, license: 'unknown', author: '', source: '', filesize: file.content.length }))),
    };
  }

  /** The double as a fetch function (no socket), for the WsClient of tests. */
  readonly fetch: FetchLike = async (url, init) => {
    const answer = typeof init.body === 'string' ? await this.handle(init.body) : url.endsWith('/webservice/upload.php') ? await this.upload(init.body) : { status: 404, body: '' };
    return { status: answer.status, text: async () => answer.body };
  };

  /** Serves the double over HTTP on 127.0.0.1 (a free port); answers the site's wwwroot. */
  async listen(): Promise<string> {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const answer = request.url?.startsWith('/webservice/rest/server.php')
          ? this.handle(body.toString('utf8'))
          : request.url?.startsWith('/webservice/upload.php')
            ? new Request('http://moodle.test/', { method: 'POST', headers: request.headers as Record<string, string>, body }).formData().then((form) => this.upload(form))
            : Promise.resolve({ status: 404, body: '' });
        answer.then(
          (answer) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body),
          () => response.writeHead(500).end(),
        );
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await this.#env.platform.close();
    if (this.#server) await new Promise<void>((resolve) => this.#server!.close(() => resolve()));
  }

  #siteInfo() {
    return {
      sitename: 'Moodle double', username: 'wsuser', firstname: 'Web', lastname: 'Service', fullname: 'Web Service', lang: 'en', userid: 2,
      siteurl: 'http://moodle.test', userpictureurl: '', functions: [...this.#functions].map((name) => ({ name, version: '2025100600' })),
      downloadfiles: 1, uploadfiles: this.#uploads ? 1 : 0, release: '5.1+ (Build: 20251017)', version: '2025100600.02', mobilecssurl: '', advancedfeatures: [],
      usercanmanageownfiles: true, userquota: 0, usermaxuploadfilesize: -1, userhomepage: 1, siteid: 1, sitecalendartype: 'gregorian',
      usercalendartype: 'gregorian', userissiteadmin: false, theme: 'boost', limitconcurrentlogins: 0,
    };
  }
}
