import { createError } from '../errors.js';

export const SERVER_UNAUTHENTICATED = createError(
  'SERVER_UNAUTHENTICATED',
  { en: 'Log in first, or send an API token as "Authorization: Bearer <token>".', fr: 'Connectez-vous d’abord, ou envoyez un jeton d’API : « Authorization: Bearer <jeton> ».' },
  401,
);
export const SERVER_LOGIN_FAILED = createError(
  'SERVER_LOGIN_FAILED',
  { en: 'Wrong username or password.', fr: 'Identifiant ou mot de passe incorrect.' },
  401,
);
export const SERVER_FORBIDDEN = createError(
  'SERVER_FORBIDDEN',
  { en: 'Your role ({role}) may only read; this needs an administrator.', fr: 'Votre rôle ({role}) ne permet que la lecture ; il faut être administrateur.' },
  403,
);
export const SERVER_CSRF = createError(
  'SERVER_CSRF',
  {
    en: 'Missing or wrong X-CSRF-Token header: reload the page and try again.',
    fr: 'En-tête X-CSRF-Token absent ou incorrect : rechargez la page et réessayez.',
  },
  403,
);
export const SERVER_TOO_MANY_ATTEMPTS = createError(
  'SERVER_TOO_MANY_ATTEMPTS',
  { en: 'Too many log-in attempts; try again in {seconds} seconds.', fr: 'Trop de tentatives de connexion ; réessayez dans {seconds} secondes.' },
  429,
);
export const SERVER_SETUP_DONE = createError(
  'SERVER_SETUP_DONE',
  { en: 'The first administrator already exists; log in instead.', fr: 'Le premier administrateur existe déjà ; connectez-vous.' },
  410,
);
export const SERVER_SETUP_CODE = createError(
  'SERVER_SETUP_CODE',
  {
    en: 'Wrong setup code: use the link the service printed at start.',
    fr: 'Code d’installation incorrect : utilisez le lien affiché par le service au démarrage.',
  },
  403,
);
export const SERVER_INVALID = createError(
  'SERVER_INVALID',
  { en: 'Invalid request: {detail}', fr: 'Requête invalide : {detail}' },
  400,
);
export const SERVER_WEAK_PASSWORD = createError(
  'SERVER_WEAK_PASSWORD',
  { en: 'The password must have at least {min} characters.', fr: 'Le mot de passe doit compter au moins {min} caractères.' },
  400,
);
export const SERVER_ACCOUNT_EXISTS = createError(
  'SERVER_ACCOUNT_EXISTS',
  { en: 'An account named "{username}" already exists.', fr: 'Un compte nommé « {username} » existe déjà.' },
  409,
);
export const SERVER_LAST_ADMIN = createError(
  'SERVER_LAST_ADMIN',
  {
    en: '"{username}" is the last administrator: make another account administrator first.',
    fr: '« {username} » est le dernier administrateur : nommez d’abord un autre compte administrateur.',
  },
  409,
);
export const SERVER_NOT_FOUND = createError(
  'SERVER_NOT_FOUND',
  { en: 'Not found: {resource}.', fr: 'Introuvable : {resource}.' },
  404,
);
export const SERVER_PATH = createError(
  'SERVER_PATH',
  {
    en: '"{path}" is not a path inside the file area: no "..", no absolute path, no link leading out.',
    fr: '« {path} » n’est pas un chemin de la zone de fichiers : ni « .. », ni chemin absolu, ni lien qui en sort.',
  },
  400,
);
export const SERVER_FILE_EXISTS = createError(
  'SERVER_FILE_EXISTS',
  { en: '"{path}" already exists in the file area.', fr: '« {path} » existe déjà dans la zone de fichiers.' },
  409,
);
export const SERVER_UPLOAD_TOO_LARGE = createError(
  'SERVER_UPLOAD_TOO_LARGE',
  {
    en: 'The file "{file}" is larger than the upload limit of {limit} MB (TOOL_SYNC_UPLOAD_LIMIT_MB).',
    fr: 'Le fichier « {file} » dépasse la limite d’envoi de {limit} Mo (TOOL_SYNC_UPLOAD_LIMIT_MB).',
  },
  413,
);
export const SERVER_RUN_LOCKED = createError(
  'SERVER_RUN_LOCKED',
  {
    en: 'A {processor} run is already in progress (run #{run}); try again when it has finished.',
    fr: 'Une exécution {processor} est déjà en cours (exécution n° {run}) ; réessayez quand elle sera terminée.',
  },
  409,
);
export const SERVER_RUN_NOT_CANCELLABLE = createError(
  'SERVER_RUN_NOT_CANCELLABLE',
  {
    en: 'Run #{id} cannot be cancelled: it is {status}.',
    fr: 'L’exécution n° {id} ne peut pas être annulée : elle est {status}.',
  },
  409,
);
export const SERVER_NOT_IMPLEMENTED = createError(
  'SERVER_NOT_IMPLEMENTED',
  {
    en: '{what} is not available in this build (it comes with the courses processor).',
    fr: '{what} n’est pas disponible dans cette version (elle vient avec le traitement des cours).',
  },
  501,
);
export const SERVER_INTERNAL = createError(
  'SERVER_INTERNAL',
  {
    en: 'Unexpected error (reference {reference}); the service log says more.',
    fr: 'Erreur inattendue (référence {reference}) ; le journal du service en dit plus.',
  },
  500,
);
