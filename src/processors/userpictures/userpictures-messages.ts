import type { Bilingual } from '../../errors.js';

/** Report lines of the user pictures processor, one per archive entry. */
export const USERPICTURES_MESSAGES = {
  USERPICTURES_CREATED: {
    en: 'picture of the user with {field} "{key}" set',
    fr: 'image de l’utilisateur de {field} « {key} » enregistrée',
  },
  USERPICTURES_REPLACED: {
    en: 'picture of the user with {field} "{key}" replaced',
    fr: 'image de l’utilisateur de {field} « {key} » remplacée',
  },
  USERPICTURES_EXISTS: {
    en: 'the user with {field} "{key}" already has a picture and "Overwrite existing pictures" is off: skipped',
    fr: 'l’utilisateur de {field} « {key} » a déjà une image et « Écraser les images existantes » est désactivé : ignorée',
  },
  USERPICTURES_USER_NOT_FOUND: {
    en: 'no user with {field} "{key}" (the file name without its extension names the user)',
    fr: 'aucun utilisateur de {field} « {key} » (le nom du fichier sans son extension désigne l’utilisateur)',
  },
  USERPICTURES_AMBIGUOUS_USER: {
    en: '{count} users have {field} "{key}": no picture set; name the image after a unique field',
    fr: '{count} utilisateurs ont {field} « {key} » : aucune image enregistrée ; nommez l’image d’après un champ unique',
  },
  USERPICTURES_BAD_ID: {
    en: '"{key}" is not a user id: a positive whole number is expected',
    fr: '« {key} » n’est pas un id d’utilisateur : un nombre entier positif est attendu',
  },
  USERPICTURES_BAD_HOSTED_USERNAME: {
    en: '"{key}" is not username@mnethostid (such as jdoe@1)',
    fr: '« {key} » n’est pas de la forme username@mnethostid (comme jdupont@1)',
  },
  USERPICTURES_NOT_AN_IMAGE_NAME: {
    en: 'ignored: not an image file name (.png, .jpg, .jpeg, .gif or .webp expected)',
    fr: 'ignoré : pas un nom de fichier image (.png, .jpg, .jpeg, .gif ou .webp attendu)',
  },
  USERPICTURES_SYSTEM_FILE: {
    en: 'ignored: a file the archiver added (__MACOSX folder or hidden file)',
    fr: 'ignoré : un fichier ajouté par l’archiveur (dossier __MACOSX ou fichier caché)',
  },
  USERPICTURES_FAKE_IMAGE: {
    en: 'refused: named like an image, but its content is not a PNG, JPEG, GIF or WebP image',
    fr: 'refusée : nommée comme une image, mais son contenu n’est pas une image PNG, JPEG, GIF ou WebP',
  },
  USERPICTURES_TOO_MANY_PIXELS: {
    en: 'refused: the image is {width}×{height} pixels, more than the limit of {limit} pixels',
    fr: 'refusée : l’image fait {width}×{height} pixels, plus que la limite de {limit} pixels',
  },
  USERPICTURES_UNREADABLE: {
    en: 'unreadable image ({reason})',
    fr: 'image illisible ({reason})',
  },
  USERPICTURES_REJECTED: {
    en: 'the platform refused the picture: {reason}',
    fr: 'la plateforme a refusé l’image : {reason}',
  },
} as const satisfies Record<string, Bilingual>;

export type UserPicturesCode = keyof typeof USERPICTURES_MESSAGES;
