import { createError } from '../../errors.js';

export const METACOURSES_NO_MASTER_COLUMN = createError(
  'METACOURSES_NO_MASTER_COLUMN',
  {
    en: '{file}, line {line}: the metacourse file needs a master column (or course, its older name) besides meta; found: {columns}.',
    fr: '{file}, ligne {line} : le fichier des métacours demande une colonne master (ou course, son ancien nom) en plus de meta ; trouvé : {columns}.',
  },
  422,
);
export const METACOURSES_TWO_MASTER_COLUMNS = createError(
  'METACOURSES_TWO_MASTER_COLUMNS',
  {
    en: '{file}, line {line}: the columns master and course both name the master course; keep one of them.',
    fr: '{file}, ligne {line} : les colonnes master et course désignent toutes deux le cours maître ; n’en gardez qu’une.',
  },
  422,
);
