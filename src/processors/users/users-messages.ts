import type { Bilingual } from '../../errors.js';

/** Report wording of the users processor, by row code. */
export const USERS_MESSAGES = {
  USERS_CREATED: {
    en: 'User account added: {username} ({firstname} {lastname})',
    fr: 'Compte utilisateur ajouté : {username} ({firstname} {lastname})',
  },
  USERS_UPDATED: {
    en: 'User account changed: {username} ({fields})',
    fr: 'Compte utilisateur modifié : {username} ({fields})',
  },
  USERS_UNCHANGED: {
    en: 'User account unchanged: {username}',
    fr: 'Compte utilisateur inchangé : {username}',
  },
  USERS_VALUE_MISSING: {
    en: 'column {column}: a value is required',
    fr: 'colonne {column} : une valeur est obligatoire',
  },
  USERS_INVALID_USERNAME: {
    en: 'column username: "{value}" is not a valid username (lower-case letters, digits and the characters _ - . @ only)',
    fr: 'colonne username : « {value} » n’est pas un identifiant valide (lettres minuscules, chiffres et les caractères _ - . @ seulement)',
  },
  USERS_INVALID_EMAIL: {
    en: 'column email: "{value}" is not an e-mail address',
    fr: 'colonne email : « {value} » n’est pas une adresse de courriel',
  },
  USERS_USERNAME_TAKEN: {
    en: 'username "{username}" belongs to another account ({identity} "{other}")',
    fr: 'l’identifiant « {username} » appartient à un autre compte ({identity} « {other} »)',
  },
  USERS_USERNAME_MISMATCH: {
    en: 'the account with {identity} "{value}" is named "{current}", not "{username}"; to rename an account use the oldusername column',
    fr: 'le compte de {identity} « {value} » s’appelle « {current} » et non « {username} » ; pour renommer un compte, utilisez la colonne oldusername',
  },
  USERS_EMAIL_TAKEN: {
    en: 'e-mail {email} already belongs to account "{other}"',
    fr: 'le courriel {email} appartient déjà au compte « {other} »',
  },
  USERS_PLATFORM_REJECTED: {
    en: 'the platform refused the account: {reason}',
    fr: 'la plateforme a refusé le compte : {reason}',
  },
} as const satisfies Record<string, Bilingual>;

export type UsersMessageCode = keyof typeof USERS_MESSAGES;
