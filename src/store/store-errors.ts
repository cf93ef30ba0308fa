import { createError } from '../errors.js';

export const STORE_MIGRATION_FAILED = createError(
  'STORE_MIGRATION_FAILED',
  {
    en: 'The store could not be brought up to date (migration {migration} failed). See the log for the cause.',
    fr: 'La base n’a pas pu être mise à jour (échec de la migration {migration}). La cause figure dans le journal.',
  },
  500,
);
export const STORE_UNREACHABLE = createError(
  'STORE_UNREACHABLE',
  {
    en: 'The database at {target} cannot be reached: {reason}',
    fr: 'La base de données {target} est injoignable : {reason}',
  },
  503,
);
export const STORE_COMMIT_FAILED = createError(
  'STORE_COMMIT_FAILED',
  {
    en: 'The store could not commit the last seconds of work, which are lost: {reason}',
    fr: 'La base n’a pas pu valider les dernières secondes de travail, qui sont perdues : {reason}',
  },
  500,
);
