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
