/**
 * An error Moodle answered in an HTTP 200 body (`{exception, errorcode, message, debuginfo?}`): the call ran and
 * was refused. Batch runners turn it into item errors; it is never retried.
 */
export class MoodleException extends Error {
  /** Moodle's language string key, what to match on (the exception class changed names in 4.4). */
  readonly errorcode: string;
  /** The PHP exception class, for the log. */
  readonly exception: string;
  /** Only present when debugging is on for the web-service user (`debugusers`). */
  readonly debuginfo: string | undefined;

  constructor(body: { exception?: string; errorcode?: string; message?: string; debuginfo?: string; error?: string }) {
    super(body.message ?? body.error ?? body.errorcode ?? 'Moodle error');
    this.name = 'MoodleException';
    this.errorcode = body.errorcode ?? '';
    this.exception = body.exception ?? '';
    this.debuginfo = body.debuginfo || undefined;
  }

  /** The table a MUST_EXIST lookup missed (`dml_missing_record_exception`), when Moodle names it. */
  get missingTable(): string | undefined {
    if (!this.errorcode.startsWith('invalidrecord')) return undefined;
    return /database table (\w+)/.exec(this.message)?.[1] ?? 'unknown';
  }

  /** What a row's report says: the reason, which `invalidparameter` only gives in debuginfo. */
  get readable(): string {
    const message = this.message.trim();
    if (this.debuginfo) return `${message}: ${this.debuginfo.trim()}`;
    if (this.errorcode === 'invalidparameter') {
      return `${message} (Moodle gives the reason only with debugging on for the web service user: set debugusers)`;
    }
    return message;
  }
}

/** Whether a decoded body is Moodle's error shape (web services: `exception`/`errorcode`; upload.php: `error`). */
export function isErrorBody(body: unknown): body is { exception?: string; errorcode?: string; message?: string; debuginfo?: string } {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && ('exception' in body || 'errorcode' in body);
}
