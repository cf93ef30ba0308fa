import { createError } from '../../errors.js';

export const PICTURE_BAD_FIELD = createError(
  'PICTURE_BAD_FIELD',
  {
    en: 'Unknown user field "{field}": id, idnumber, username, email or hostedusername.',
    fr: 'Champ utilisateur inconnu « {field} » : id, idnumber, username, email ou hostedusername.',
  },
  400,
);
export const PICTURE_BAD_SIZE = createError(
  'PICTURE_BAD_SIZE',
  {
    en: 'Unknown picture size "{size}": f1 (100 px), f2 (35 px) or f3 (512 px).',
    fr: 'Taille d’image inconnue « {size} » : f1 (100 px), f2 (35 px) ou f3 (512 px).',
  },
  400,
);
export const PICTURE_USER_NOT_FOUND = createError(
  'PICTURE_USER_NOT_FOUND',
  {
    en: 'No single user with {field} "{key}" ({count} found).',
    fr: 'Aucun utilisateur unique de {field} « {key} » ({count} trouvés).',
  },
  404,
);
export const PICTURE_NOT_SET = createError(
  'PICTURE_NOT_SET',
  {
    en: 'The user with {field} "{key}" has no picture.',
    fr: 'L’utilisateur de {field} « {key} » n’a pas d’image.',
  },
  404,
);
