import { createError } from '../errors.js';

export const SETTINGS_UNKNOWN_KEY = createError(
  'SETTINGS_UNKNOWN_KEY',
  {
    en: 'Unknown setting "{key}". `tool-sync config list` shows every setting.',
    fr: 'Réglage inconnu « {key} ». `tool-sync config list` affiche tous les réglages.',
  },
  400,
);
export const SETTINGS_INVALID_VALUE = createError(
  'SETTINGS_INVALID_VALUE',
  {
    en: 'Setting "{key}": "{value}" is not valid; expected {expected}.',
    fr: 'Réglage « {key} » : « {value} » n’est pas valide ; attendu : {expected}.',
  },
  400,
);
