import { createError } from '../errors.js';

export const ENGINE_FILE_NOT_FOUND = createError(
  'ENGINE_FILE_NOT_FOUND',
  {
    en: 'File {file} not found in the command file area (setting {setting}).',
    fr: 'Fichier {file} introuvable dans la zone des fichiers de commande (réglage {setting}).',
  },
  404,
);
export const ENGINE_PATH_OUTSIDE_AREA = createError(
  'ENGINE_PATH_OUTSIDE_AREA',
  {
    en: '"{path}" is outside the command file area: use a path inside it, without "..".',
    fr: '« {path} » est hors de la zone des fichiers de commande : utilisez un chemin à l’intérieur, sans « .. ».',
  },
  400,
);
export const ENGINE_REMOTE_LOCATION = createError(
  'ENGINE_REMOTE_LOCATION',
  {
    en: 'File location "{location}" is a URL; remote files are not fetched. Put the file in the drop folder or the file area.',
    fr: 'L’emplacement « {location} » est une URL ; les fichiers distants ne sont pas récupérés. Déposez le fichier dans le dossier de dépôt ou la zone de fichiers.',
  },
  400,
);
export const ENGINE_RUN_BUSY = createError(
  'ENGINE_RUN_BUSY',
  {
    en: 'A {processor} run is already in progress ({owner}, run #{run}); try again when it has finished.',
    fr: 'Une exécution {processor} est déjà en cours ({owner}, exécution n° {run}) ; réessayez quand elle sera terminée.',
  },
  409,
);
export const ENGINE_UNKNOWN_PROCESSOR = createError(
  'ENGINE_UNKNOWN_PROCESSOR',
  {
    en: 'Unknown processor or action "{name}". Available: {available}.',
    fr: 'Traitement ou action inconnu « {name} ». Disponibles : {available}.',
  },
  400,
);
export const ENGINE_INTERNAL = createError(
  'ENGINE_INTERNAL',
  {
    en: 'The run stopped on an unexpected error (reference {reference}); the input file was kept. See the service log.',
    fr: 'L’exécution s’est arrêtée sur une erreur inattendue (référence {reference}) ; le fichier d’entrée est conservé. Voir le journal du service.',
  },
  500,
);
export const ENGINE_COURSES_UNNAMED = createError(
  'ENGINE_COURSES_UNNAMED',
  {
    en: 'The file names courses by {field}, and course(s) {ids} have none; nothing was written. Give them one, or choose another identifier in the course settings.',
    fr: 'Le fichier désigne les cours par {field}, et le(s) cours {ids} n’en ont pas ; rien n’a été écrit. Renseignez-le, ou choisissez un autre identifiant dans les réglages des cours.',
  },
  422,
);

export const ENGINE_UNKNOWN_COURSES = createError(
  'ENGINE_UNKNOWN_COURSES',
  {
    en: 'No course has {field} {values}; nothing was written.',
    fr: 'Aucun cours n’a pour {field} {values} ; rien n’a été écrit.',
  },
  404,
);
