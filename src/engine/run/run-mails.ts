import type { Settings } from '../../settings/settings-store.js';
import type { Engine } from '../engine.js';
import { mailerFromSettings } from '../mail/mail-settings.js';
import { renderMail } from '../mail/templates.js';
import type { MailSender } from './outcome-recorder.js';

/** The mails of one run: rendered in the recipient's language and sent through the run's mailer. */
export interface RunMails {
  readonly send: MailSender;
  close(): Promise<void>;
}

/** Opens the mailer of a real run (SMTP when configured, else the outbox); simulations send nothing. */
export function openRunMails(engine: Engine, settings: Settings): RunMails {
  const { mailer, siteName } = mailerFromSettings(settings, { smtpUrl: engine.smtpUrl }, engine.folder.outbox);
  return {
    send: async (request) => {
      const result = await mailer.send({ to: request.to, ...renderMail(request, { name: siteName }) });
      return result.ok ? { ok: true } : { ok: false, reason: result.reason };
    },
    close: () => mailer.close(),
  };
}
