import { createError } from '../../errors.js';

/** Errors that stop a run or a command when Moodle cannot be used at all (never a row's problem). */

export const MOODLE_NOT_CONFIGURED = createError(
  'MOODLE_NOT_CONFIGURED',
  {
    en: 'The platform is Moodle but {what} is missing: set {how}.',
    fr: 'La plateforme est Moodle mais {what} manque : renseignez {how}.',
  },
  500,
);
export const MOODLE_UNREACHABLE = createError(
  'MOODLE_UNREACHABLE',
  {
    en: 'Moodle at {url} did not answer {function} ({reason}) after {attempts} attempts.',
    fr: 'Moodle à {url} n’a pas répondu à {function} ({reason}) après {attempts} essais.',
  },
  502,
);
export const MOODLE_WS_DISABLED = createError(
  'MOODLE_WS_DISABLED',
  {
    en: 'Moodle at {url} refused the call (HTTP {status}): enable web services and the REST protocol (see the README, "Running against a real Moodle").',
    fr: 'Moodle à {url} a refusé l’appel (HTTP {status}) : activez les services web et le protocole REST (voir le README, « Utiliser un vrai Moodle »).',
  },
  502,
);
export const MOODLE_ACCESS_DENIED = createError(
  'MOODLE_ACCESS_DENIED',
  {
    en: 'Moodle refused the web service token for {function}: {reason}',
    fr: 'Moodle a refusé le jeton du service web pour {function} : {reason}',
  },
  502,
);
export const MOODLE_BAD_ANSWER = createError(
  'MOODLE_BAD_ANSWER',
  {
    en: 'Moodle answered {function} with something unexpected: {reason}',
    fr: 'Moodle a répondu à {function} de façon inattendue : {reason}',
  },
  502,
);
export const MOODLE_FUNCTION_MISSING = createError(
  'MOODLE_FUNCTION_MISSING',
  {
    en: 'Operation {operation} needs the Moodle function {function}, which the token may not call: add it to the external service of the token and grant the web service role {capabilities}.',
    fr: 'L’opération {operation} demande la fonction Moodle {function}, que le jeton ne peut pas appeler : ajoutez-la au service externe du jeton et donnez au rôle du service web {capabilities}.',
  },
  501,
);
export const MOODLE_PLUGIN_MISSING = createError(
  'MOODLE_PLUGIN_MISSING',
  {
    en: 'Operation {operation} needs {function} of the companion plugin local_toolsync, which the token may not call: install the plugin (moodle-plugin/local_toolsync), use its "tool_sync" service and grant the web service role {capabilities}.',
    fr: 'L’opération {operation} demande {function} du plugin compagnon local_toolsync, que le jeton ne peut pas appeler : installez le plugin (moodle-plugin/local_toolsync), utilisez son service « tool_sync » et donnez au rôle du service web {capabilities}.',
  },
  501,
);
export const MOODLE_NOT_SUPPORTED = createError(
  'MOODLE_NOT_SUPPORTED',
  {
    en: '{what} is not available when the platform is Moodle.',
    fr: '{what} n’est pas disponible quand la plateforme est Moodle.',
  },
  501,
);
