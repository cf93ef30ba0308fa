import type { Deployment } from '../../settings/deployment.js';
import type { Settings } from '../../settings/settings-store.js';
import { createMailer } from './mailer.js';
import type { Mailer } from './mailer.js';

/** Sender used when `mail_from` is empty. */
export const DEFAULT_MAIL_FROM = 'noreply@localhost';
/** Site name used when `mail_sitename` is empty and no Moodle address is known. */
export const DEFAULT_SITE_NAME = 'Moodle';

/**
 * The mailer of a run and the site name its mails give. The sender is `mail_from`; the site name is
 * `mail_sitename`, else the Moodle address when the platform is Moodle (as the setting's help promises),
 * else `Moodle`.
 */
export function mailerFromSettings(
  settings: Settings,
  deployment: Pick<Deployment, 'smtpUrl'>,
  outbox: string,
): { mailer: Mailer; siteName: string } {
  const from = settings.text('mail_from') || DEFAULT_MAIL_FROM;
  const mailer = createMailer({ outbox, from, ...(deployment.smtpUrl ? { smtpUrl: deployment.smtpUrl } : {}) });
  return { mailer, siteName: siteNameOf(settings) };
}

function siteNameOf(settings: Settings): string {
  const configured = settings.text('mail_sitename');
  if (configured !== '') return configured;
  const moodleUrl = settings.text('moodle_url').replace(/\/+$/u, '');
  if (settings.choice('platform') === 'moodle' && moodleUrl !== '') return moodleUrl;
  return DEFAULT_SITE_NAME;
}
