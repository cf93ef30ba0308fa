import type { Bilingual } from '../../errors.js';

/** Report lines the engine adds to rows itself (mails sent after a row's write). */
export const RUN_MESSAGES = {
  MAIL_SENT: {
    en: 'credentials mailed to {to}',
    fr: 'identifiants envoyés par courriel à {to}',
  },
  MAIL_FAILED: {
    en: 'the mail to {to} could not be sent ({reason}); the account itself was saved',
    fr: 'le courriel à {to} n’a pas pu être envoyé ({reason}) ; le compte lui-même est enregistré',
  },
} as const satisfies Record<string, Bilingual>;
