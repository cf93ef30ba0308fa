import { createError } from '../../errors.js';

export const SCHEDULE_INVALID_CRON = createError(
  'SCHEDULE_INVALID_CRON',
  {
    en: 'Schedule "{cron}" of task {task} is not a valid cron expression ({reason}); expected five fields: minute hour day-of-month month day-of-week, such as "0 */6 * * *".',
    fr: 'La planification « {cron} » de la tâche {task} n’est pas une expression cron valide ({reason}) ; cinq champs sont attendus : minute heure jour-du-mois mois jour-de-la-semaine, par exemple « 0 */6 * * * ».',
  },
  400,
);
export const SCHEDULE_UNKNOWN_TASK = createError(
  'SCHEDULE_UNKNOWN_TASK',
  {
    en: 'Unknown scheduled task "{task}". Available: {available}.',
    fr: 'Tâche planifiée inconnue « {task} ». Disponibles : {available}.',
  },
  404,
);
