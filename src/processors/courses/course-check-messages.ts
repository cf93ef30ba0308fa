import type { Bilingual } from '../../errors.js';

/** Report wording of the course existence check file (spec 5.8, with the names the original's placeholders lost). */
export const COURSE_CHECK_MESSAGES = {
  COURSECHECK_FOUND: {
    en: 'Course with {field} "{course}"{description} found as: fullname = {fullname}, shortname = {shortname}, idnumber = {idnumber}, id = {id}',
    fr: 'Cours de {field} « {course} »{description} trouvé : nom complet = {fullname}, nom abrégé = {shortname}, numéro d’identification = {idnumber}, id = {id}',
  },
  COURSECHECK_MISSING: {
    en: 'Course with {field} "{course}"{description} not found in this platform',
    fr: 'Cours de {field} « {course} »{description} introuvable sur cette plateforme',
  },
  COURSECHECK_TOTALS: {
    en: '{found} course(s) found, {missing} missing; the missing ones are listed in the tryback file (the lines as given), ready to be fed to the course creation file',
    fr: '{found} cours trouvé(s), {missing} manquant(s) ; les manquants sont listés dans le fichier de reprise (lignes telles que données), prêts à alimenter le fichier de création des cours',
  },
} satisfies Record<string, Bilingual>;
