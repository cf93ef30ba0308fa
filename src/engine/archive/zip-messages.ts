import { createError, type Bilingual } from '../../errors.js';

/** Report lines about zip entries the engine refuses before any processor sees them. */
export const ZIP_ENTRY_MESSAGES = {
  ZIP_ENTRY_UNSAFE_PATH: {
    en: 'refused: the entry path is absolute or goes up with ".."; nothing was read from it',
    fr: 'refusée : le chemin de l’entrée est absolu ou remonte avec « .. » ; rien n’en a été lu',
  },
  ZIP_ENTRY_LINK: {
    en: 'refused: the entry is a link or a special file, not a regular file',
    fr: 'refusée : l’entrée est un lien ou un fichier spécial, pas un fichier ordinaire',
  },
  ZIP_ENTRY_ENCRYPTED: {
    en: 'refused: the entry is encrypted',
    fr: 'refusée : l’entrée est chiffrée',
  },
  ZIP_ENTRY_COMPRESSION: {
    en: 'refused: compression method {method} is not supported (only stored and deflate)',
    fr: 'refusée : la méthode de compression {method} n’est pas prise en charge (seulement stockée et deflate)',
  },
  ZIP_ENTRY_TOO_LARGE: {
    en: 'refused: the entry holds {size} bytes, more than the limit of {limit} bytes',
    fr: 'refusée : l’entrée contient {size} octets, plus que la limite de {limit} octets',
  },
  ZIP_ENTRY_RATIO: {
    en: 'refused as a zip bomb: {compressed} compressed bytes expand to {size} bytes (more than {ratio} times)',
    fr: 'refusée comme bombe de décompression : {compressed} octets compressés donnent {size} octets (plus de {ratio} fois)',
  },
  ZIP_ENTRY_SIZE_MISMATCH: {
    en: 'refused: the entry does not hold the {size} bytes its header declares (the archive lies about its sizes)',
    fr: 'refusée : l’entrée ne contient pas les {size} octets déclarés dans son en-tête (l’archive ment sur ses tailles)',
  },
  ZIP_ENTRY_CORRUPT: {
    en: 'refused: the entry cannot be decompressed ({reason})',
    fr: 'refusée : l’entrée ne peut pas être décompressée ({reason})',
  },
} as const satisfies Record<string, Bilingual>;

export type ZipEntryCode = keyof typeof ZIP_ENTRY_MESSAGES;

export const ZIP_UNREADABLE = createError(
  'ZIP_UNREADABLE',
  {
    en: '{file} is not a readable zip archive ({reason}); nothing was processed and the file was kept.',
    fr: '{file} n’est pas une archive zip lisible ({reason}) ; rien n’a été traité et le fichier est conservé.',
  },
  422,
);
export const ZIP_TOO_MANY_ENTRIES = createError(
  'ZIP_TOO_MANY_ENTRIES',
  {
    en: '{file} holds {count} entries, more than the limit of {limit}: refused whole, nothing was read. Split it into several archives.',
    fr: '{file} contient {count} entrées, plus que la limite de {limit} : refusée en entier, rien n’a été lu. Découpez-la en plusieurs archives.',
  },
  422,
);
export const ZIP_TOO_LARGE = createError(
  'ZIP_TOO_LARGE',
  {
    en: '{file} declares {size} bytes once decompressed, more than the limit of {limit}: refused whole as a possible zip bomb, nothing was read.',
    fr: '{file} déclare {size} octets une fois décompressée, plus que la limite de {limit} : refusée en entier comme possible bombe de décompression, rien n’a été lu.',
  },
  422,
);
