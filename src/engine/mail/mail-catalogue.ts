import type { Lang } from '../../errors.js';
import type { MailRequest } from '../../processors/processor.js';

/**
 * One mail in one language. `{name}` placeholders are filled from the request's params and `{site}`.
 * A paragraph is a list of lines; `['{list}']` is where the request's list goes; `greeting` is used when the
 * first name is known, `greetingNoName` otherwise.
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
  enrolmentDigest: {
    en: {
      subject: '{site}: new students in {course}',
      greeting: 'Hello {firstname},',
      greetingNoName: 'Hello,',
      paragraphs: [
        ['The last enrolment synchronisation enrolled these students in your course {course}:'],
        ['{list}'],
        ['This message was sent automatically by the enrolment synchronisation of {site}.'],
      ],
    },
    fr: {
      subject: '{site} : nouveaux étudiants dans {course}',
      greeting: 'Bonjour {firstname},',
      greetingNoName: 'Bonjour,',
      paragraphs: [
        ['La dernière synchronisation des inscriptions a inscrit ces étudiants dans votre cours {course}\u00a0:'],
        ['{list}'],
        ['Ce message a été envoyé automatiquement par la synchronisation des inscriptions de {site}.'],
      ],
    },
  },
  courseReport: {
    en: {
      subject: '{site}: group synchronisation of {course}',
      greeting: 'Hello {firstname},',
      greetingNoName: 'Hello,',
      paragraphs: [
        ['The group synchronisation file {file} was processed. What it did in your course {course}:'],
        ['{list}'],
        ['This message was sent automatically by the group synchronisation of {site}.'],
      ],
    },
    fr: {
      subject: '{site} : synchronisation des groupes de {course}',
      greeting: 'Bonjour {firstname},',
      greetingNoName: 'Bonjour,',
      paragraphs: [
        ['Le fichier de synchronisation des groupes {file} a été traité. Ce qu’il a fait dans votre cours {course}\u00a0:'],
        ['{list}'],
        ['Ce message a été envoyé automatiquement par la synchronisation des groupes de {site}.'],
      ],
    },
  },
};
