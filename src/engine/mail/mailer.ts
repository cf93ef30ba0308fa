import { createTransport } from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import { deliveryReason, redact } from './delivery-reason.js';
import { writeOutboxFile } from './outbox-file.js';

/** One mail to send. */
export interface MailMessage {
  /** A single address, such as `ada@example.org`. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** An HTML alternative of `text`. */
  readonly html?: string;
  /** Files joined to the mail (a run's report), given as content: the mailer never reads a path. */
  readonly attachments?: readonly { readonly filename: string; readonly content: Buffer; readonly contentType?: string }[];
}

/** The outcome of one send: never thrown, so that one bad address or a dead server never stops a run. */
export type SendResult = { readonly ok: true; readonly id: string } | { readonly ok: false; readonly reason: string };

/** Sends mails through an SMTP server, or writes them into the outbox folder. */
export interface Mailer {
  /**
   * Sends one mail. `id` is the Message-ID for SMTP, the `.eml` file name for the outbox. `reason` is readable
   * English that never holds the SMTP password.
   */
  send(message: MailMessage): Promise<SendResult>;
  /** Lets the mails under way finish, then closes the SMTP connections. Later sends answer `ok: false`. */
  close(): Promise<void>;
}

export interface MailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; absent or empty: mails are written into `outbox`. */
  readonly smtpUrl?: string;
  /** Folder of the `.eml` files (created when missing). */
  readonly outbox: string;
  /** Sender, such as `noreply@school.example` or `Moodle <noreply@school.example>`. */
  readonly from: string;
}

/**
 * Defaults a URL query may override (`smtp://…/?greetingTimeout=20000`); short so that a dead server fails a
 * mail in seconds instead of holding a run for minutes.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 15_000 } as const;

// One address, nothing that could add a second recipient or a header.
const SINGLE_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+$/u;

/** A mailer through `smtpUrl` (pooled connections) when given, else into the outbox folder. */
export function createMailer(options: MailerOptions): Mailer {
  const secrets = secretsOf(options.smtpUrl);
  const deliver = options.smtpUrl ? smtpDelivery(options.smtpUrl) : outboxDelivery(options.outbox);
  const underWay = new Set<Promise<SendResult>>();
  let closed = false;

  const sendOne = async (message: MailMessage): Promise<SendResult> => {
    try {
      const id = await deliver.send({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        ...(message.attachments ? { attachments: message.attachments.map((attachment) => ({ ...attachment })) } : {}),
        // RFC 3834: tells auto-responders (holiday replies…) not to answer a robot.
        headers: { 'Auto-Submitted': 'auto-generated' },
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return { ok: true, id };
    } catch (error) {
      return { ok: false, reason: deliveryReason(error, message.to, secrets) };
    }
  };

  return {
    async send(message) {
      if (closed) return { ok: false, reason: 'the mailer is closed' };
      if (!SINGLE_ADDRESS.test(message.to)) {
        return { ok: false, reason: redact(`"${message.to}" is not a single mail address`, secrets) };
      }
      const sending = sendOne(message);
      underWay.add(sending);
      try {
        return await sending;
      } finally {
        underWay.delete(sending);
      }
    },
    async close() {
      closed = true;
      await Promise.allSettled([...underWay]);
      deliver.close();
    },
  };
}

interface Delivery {
  /** Delivers one mail and answers its id; throws nodemailer's or the file system's error. */
  send(mail: SendMailOptions): Promise<string>;
  close(): void;
}

function smtpDelivery(smtpUrl: string): Delivery {
  const transport = createTransport({ ...SMTP_TIMEOUTS, url: smtpUrl, pool: true, maxConnections: 2 });
  // Failures reach each send's promise; an 'error' event without a listener would crash the service.
  transport.on('error', () => {});
  return {
    async send(mail) {
      return (await transport.sendMail(mail)).messageId;
    },
    close: () => transport.close(),
  };
}

function outboxDelivery(outbox: string): Delivery {
  // CRLF: an .eml file is an RFC 5322 message as a server would receive it.
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail) {
      const { message } = await transport.sendMail(mail);
      if (!Buffer.isBuffer(message)) throw new Error('the mail was not composed in memory');
      try {
        return await writeOutboxFile(outbox, message);
      } catch (error) {
        throw new Error(`could not write it into the outbox: ${(error as Error).message}`, { cause: error });
      }
    },
    close: () => transport.close(),
  };
}

/** The password of an SMTP URL as written (percent-encoded) and decoded, to mask it in reasons. */
function secretsOf(smtpUrl: string | undefined): string[] {
  if (!smtpUrl) return [];
  try {
    const password = new URL(smtpUrl).password;
    return [password, safeDecode(password)];
  } catch {
    // An unparsable URL: nodemailer fails its sends, whose reasons must not quote it.
    return [smtpUrl];
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
