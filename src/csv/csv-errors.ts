import { createError, type Bilingual } from '../errors.js';

/** Whole-file problems: the run stops with one of these. */
export const CSV_FILE_UNREADABLE = createError(
  'CSV_FILE_UNREADABLE',
  { en: '{file}: cannot be read ({reason})', fr: '{file} : lecture impossible ({reason})' },
  422,
);
export const CSV_INVALID_ENCODING = createError(
  'CSV_INVALID_ENCODING',
  {
    en: '{file}, line {line}: bytes that are not valid {encoding}. Save the file as {encoding}, or set the source encoding to ISO-8859-1, Windows-1252 or auto.',
    fr: "{file}, ligne {line} : octets invalides en {encoding}. Enregistrez le fichier en {encoding}, ou réglez l'encodage source sur ISO-8859-1, Windows-1252 ou auto.",
  },
  422,
);
export const CSV_BINARY_CONTENT = createError(
  'CSV_BINARY_CONTENT',
  {
    en: '{file}, line {line}: a NUL byte was found; this is not a text file (a spreadsheet or an archive?). Export it as CSV.',
    fr: '{file}, ligne {line} : octet NUL trouvé ; ce n’est pas un fichier texte (un tableur ou une archive ?). Exportez-le en CSV.',
  },
  422,
);
export const CSV_UNCLOSED_QUOTE = createError(
  'CSV_UNCLOSED_QUOTE',
  {
    en: '{file}, line {line}, column {column}: a quoted value opens here and is never closed, so the rest of the file cannot be read. Close the quote, double it ("") inside a quoted value, or remove it.',
    fr: '{file}, ligne {line}, colonne {column} : une valeur entre guillemets s’ouvre ici et n’est jamais fermée ; la suite du fichier est illisible. Fermez le guillemet, doublez-le ("") dans une valeur entre guillemets, ou supprimez-le.',
  },
  422,
);
export const CSV_EMPTY_FILE = createError(
  'CSV_EMPTY_FILE',
  {
    en: '{file}: no header line (the file is empty or holds only comments and blank lines). Expected a header with the columns {required}.',
    fr: '{file} : pas de ligne d’en-tête (fichier vide ou seulement des commentaires et des lignes vides). En-tête attendu avec les colonnes {required}.',
  },
  422,
);
export const CSV_MISSING_COLUMN = createError(
  'CSV_MISSING_COLUMN',
  {
    en: '{file}, line {line}: required column "{column}" is missing from the header. Required columns: {required}.',
    fr: '{file}, ligne {line} : la colonne obligatoire « {column} » manque dans l’en-tête. Colonnes obligatoires : {required}.',
  },
  422,
);
export const CSV_UNKNOWN_COLUMN = createError(
  'CSV_UNKNOWN_COLUMN',
  {
    en: '{file}, line {line}, column {position}: unknown column "{column}". Check its spelling, or turn on "Do not check column names" to ignore extra columns.',
    fr: '{file}, ligne {line}, colonne {position} : colonne inconnue « {column} ». Vérifiez son orthographe, ou activez « Ne pas vérifier les noms de colonnes » pour ignorer les colonnes en trop.',
  },
  422,
);
export const CSV_DUPLICATE_COLUMN = createError(
  'CSV_DUPLICATE_COLUMN',
  {
    en: '{file}, line {line}, column {position}: column "{column}" appears twice in the header.',
    fr: '{file}, ligne {line}, colonne {position} : la colonne « {column} » figure deux fois dans l’en-tête.',
  },
  422,
);
export const CSV_EMPTY_COLUMN_NAME = createError(
  'CSV_EMPTY_COLUMN_NAME',
  {
    en: '{file}, line {line}, column {position}: empty column name in the header.',
    fr: '{file}, ligne {line}, colonne {position} : nom de colonne vide dans l’en-tête.',
  },
  422,
);
export const CSV_WRONG_SEPARATOR = createError(
  'CSV_WRONG_SEPARATOR',
  {
    en: '{file}, line {line}: the header holds "{found}" but the configured separator is "{expected}". Change the CSV field separator setting or the file.',
    fr: '{file}, ligne {line} : l’en-tête contient « {found} » alors que le séparateur configuré est « {expected} ». Changez le réglage du séparateur de champs ou le fichier.',
  },
  422,
);

/** Row-level problems found while reading: the row fails, the run goes on. */
export const CSV_ROW_MESSAGES = {
  CSV_TOO_MANY_VALUES: {
    en: '{count} values found, the header has {expected} columns (an unquoted separator inside a value?)',
    fr: '{count} valeurs trouvées, l’en-tête a {expected} colonnes (un séparateur non protégé dans une valeur ?)',
  },
  CSV_TOO_FEW_VALUES: {
    en: '{count} values found, the header has {expected} columns',
    fr: '{count} valeurs trouvées, l’en-tête a {expected} colonnes',
  },
  CSV_TEXT_AFTER_QUOTE: {
    en: 'column {position}: text after the closing quote of a quoted value',
    fr: 'colonne {position} : du texte suit le guillemet fermant d’une valeur entre guillemets',
  },
  CSV_COMMENT_LOOKS_LIKE_DATA: {
    en: 'skipped as a comment line although it has as many values as the header (it starts with "{char}")',
    fr: 'ignorée comme commentaire bien qu’elle ait autant de valeurs que l’en-tête (elle commence par « {char} »)',
  },
} as const satisfies Record<string, Bilingual>;

export type CsvRowCode = keyof typeof CSV_ROW_MESSAGES;
