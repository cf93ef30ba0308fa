import type { CsvRow } from '../csv/reader.js';
import type { ColumnSpec } from '../csv/header-check.js';
import type { Bilingual } from '../errors.js';
import type { Platform } from '../platform/platform.js';
import type { Settings } from '../settings/settings-store.js';

/** What happened to one row. `notExecuted` is for rows a run did not reach (a failed batch, a stopped run). */
export type RowStatus = 'created' | 'updated' | 'unchanged' | 'deleted' | 'skipped' | 'error' | 'notExecuted';

/** A further report line of a row: one of the things the row did besides its main outcome (an enrolment…). */
export interface RowDetail {
  /** Message code in the processor's catalogue. */
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /** `warning` marks something that went wrong without failing the row; `error`, a further problem of a failed row. */
  readonly level?: 'info' | 'warning' | 'error';
  /** Counter to add one to, such as `enrolment.created`. */
  readonly counter?: string;
}

/** Who a mail goes to: the address, and the recipient's names and language (English unless French). */
interface MailBase {
  readonly to: string;
  readonly lang: string;
}

/** The credentials of a new account, asked for by its row once the account is saved. */
export interface CredentialsMail extends MailBase {
  readonly kind: 'credentials';
  readonly params: {
    readonly username: string;
    readonly password: string;
    readonly firstname: string;
    readonly lastname: string;
  };
}

/** To a course's editing teacher after an enrolment run: the students who arrived (`list`, one per line). */
export interface EnrolmentDigestMail extends MailBase {
  readonly kind: 'enrolmentDigest';
  readonly params: { readonly firstname: string; readonly lastname: string; readonly course: string };
  readonly list: readonly string[];
}

/** To a course's editing teacher after a groups or group members run: the report lines about the course (`list`). */
export interface CourseReportMail extends MailBase {
  readonly kind: 'courseReport';
  readonly params: { readonly firstname: string; readonly lastname: string; readonly course: string; readonly file: string };
  readonly list: readonly string[];
}

/**
 * A mail tool-sync sends: the engine renders the template of `kind` in the recipient's language and sends it,
 * never in simulate.
 */
export type MailRequest = CredentialsMail | EnrolmentDigestMail | CourseReportMail;

/** What sending a mail gave; a delivery problem is a value, never a thrown error. */
export type MailResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The outcome of one row: a value, never a thrown error. The report line and the tryback file come from it. */
export interface RowOutcome {
  /** The row it is about (its line and original text). */
  readonly row: CsvRow;
  readonly status: RowStatus;
  /** Message code in the processor's catalogue. */
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /** Column the problem is in, when there is one. */
  readonly column?: string;
  /** Entity counted (`user`…): counters read `user.created`, `user.updated`… */
  readonly entity?: string;
  /** Whether the row goes to the tryback file; by default every `error` does. */
  readonly tryback?: boolean;
  /** Further report lines, after the main one. */
  readonly details?: readonly RowDetail[];
  /** Extra counters, such as `user.renamed` for an update that renamed the account. */
  readonly counters?: readonly string[];
  /** A mail to send for this row after its write (only on success, never in simulate). */
  readonly mail?: CredentialsMail;
}

/** What a processor is given for one run. */
export interface ProcessorContext {
  readonly platform: Platform;
  readonly settings: Settings;
  /** True in simulate runs; the platform given is then a simulation overlay, so a processor rarely needs this. */
  readonly simulate: boolean;
  /** The input file's path in the file area (mails and notices name it). */
  readonly input: string;
  /** The columns of the file's header, in order. */
  readonly columns: readonly string[];
  /**
   * A file of the command file area a row names (a course template's `.mbz`), by its path there; null when there is
   * none. The processor never sees the disk: the engine reads the file.
   */
  readAreaFile(path: string): Promise<Blob | null>;
  /** A report line about the whole file rather than a row (a profile field created once for the run…). */
  notice(code: string, params?: Readonly<Record<string, string | number>>): Promise<void>;
  /**
   * Sends a mail about the run rather than a row (a digest, at the end of the run), counting it in `mail.sent`
   * or `mail.error`; the processor reports the result with its own notice. Null in simulate runs.
   */
  readonly sendMail: ((request: MailRequest) => Promise<MailResult>) | null;
}

/**
 * One action of a processor on one kind of file (users/add reads `userimport.csv`).
 * It turns rows into platform operations and answers one outcome per row; it knows nothing of files, SQL or HTTP.
 */
export interface ProcessorAction {
  /** Processor name, such as `users`. */
  readonly processor: string;
  /** Action name, such as `add`. */
  readonly action: string;
  /** Setting holding the file location (`users_filelocation`). */
  readonly locationSetting: string;
  /** File used when the location setting is empty (`userimport.csv`). */
  readonly defaultFile: string;
  /** Columns the header may hold; some files' columns depend on settings (the identity column). */
  readonly columns: ColumnSpec | ((settings: Settings) => ColumnSpec);
  /** For files without a header: the names of their columns. */
  readonly headerless?: readonly string[];
  /** Rows per batch handed to `process`, when the action wants other than the reader's default (2,000). */
  readonly batchSize?: number;
  /**
   * Writes the tryback file whatever `filefailed` says: its rows are the action's result (the missing courses
   * of an existence check), not only failures to feed again.
   */
  readonly trybackAlways?: boolean;
  /** Report messages by code, in English and French. */
  readonly messages: Readonly<Record<string, Bilingual>>;
  /**
   * Processes the rows batch by batch, yielding the outcomes of each batch (every row of the batch gets exactly
   * one). Rows with a reading problem never reach the processor.
   */
  process(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncIterable<readonly RowOutcome[]>;
}
