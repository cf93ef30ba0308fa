import type { Lang } from '../../errors.js';
import type { MailRequest } from '../../processors/processor.js';

/**
 * One mail in one language. `{name}` placeholders are filled from the request's params and `{site}`.
 * A paragraph is a list of lines; `greeting` is used when the first name is known, `greetingNoName` otherwise.
 */
export interface MailTemplate {
  readonly subject: string;
  readonly greeting: string;
  readonly greetingNoName: string;
  readonly paragraphs: readonly (readonly string[])[];
}

/** Every mail of tool-sync, in English and French. */
export const MAIL_CATALOGUE: Readonly<Record<MailRequest['kind'], Readonly<Record<Lang, MailTemplate>>>> = {
  credentials: {
    en: {
      subject: 'Your credentials on {site}',
      greeting: 'Hello {firstname},',
      greetingNoName: 'Hello,',
      paragraphs: [
        ['An account has been created for you on {site}.'],
        ['Username: {username}', 'Password: {password}'],
        ['Please change this password the first time you log in, and keep this message private.'],
        ['Best regards,', '{site}'],
      ],
    },
    fr: {
      subject: 'Vos identifiants sur {site}',
      greeting: 'Bonjour {firstname},',
      greetingNoName: 'Bonjour,',
      paragraphs: [
        ['Un compte a été créé pour vous sur {site}.'],
        ['Nom d’utilisateur\u00a0: {username}', 'Mot de passe\u00a0: {password}'],
        ['Merci de changer ce mot de passe lors de votre première connexion et de garder ce message pour vous.'],
        ['Cordialement,', '{site}'],
      ],
    },
  },
};
