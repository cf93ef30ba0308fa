import type { Bilingual } from '../../errors.js';

/** Report wording of the course reset file (spec 5.9, fixed). */
export const COURSE_RESET_MESSAGES = {
  COURSERESET_EMPTY_IDENTIFIER: {
    en: 'column {column}: empty course identifier',
    fr: 'colonne {column} : identifiant de cours vide',
  },
  COURSERESET_MIXED_MODULES: {
    en: 'column modules: "{value}" mixes module names and exclusions; give all, a list of module names, or a list of -name exclusions',
    fr: 'colonne modules : « {value} » mêle des noms de modules et des exclusions ; indiquez all, une liste de noms de modules, ou une liste d’exclusions -nom',
  },
  COURSERESET_BAD_MODULE: {
    en: 'column modules: "{value}" is not a module name (lowercase letters, digits and _, such as forum or quiz)',
    fr: 'colonne modules : « {value} » n’est pas un nom de module (minuscules, chiffres et _, comme forum ou quiz)',
  },
  COURSERESET_NO_SUCH_COURSE: {
    en: 'column {column}: no course has {column} "{course}"',
    fr: 'colonne {column} : aucun cours n’a {column} « {course} »',
  },
  COURSERESET_NO_SUCH_ROLE: {
    en: 'column roles: no role has shortname "{role}"; nothing was reset for this course',
    fr: 'colonne roles : aucun rôle n’a le nom abrégé « {role} » ; rien n’a été réinitialisé pour ce cours',
  },
  COURSERESET_DONE: {
    en: 'Course {course} reset: {unenrolled} user(s) unenrolled, {unassigned} role assignment(s) removed, {groups} group(s) deleted, {members} group membership(s) removed, {groupings} grouping(s) deleted, {bindings} group(s) taken out of groupings',
    fr: 'Cours {course} réinitialisé : {unenrolled} utilisateur(s) désinscrit(s), {unassigned} attribution(s) de rôle supprimée(s), {groups} groupe(s) supprimé(s), {members} appartenance(s) à des groupes supprimée(s), {groupings} groupement(s) supprimé(s), {bindings} groupe(s) retiré(s) de groupements',
  },
  COURSERESET_RESET_BY_PLATFORM: {
    en: 'Course {course} reset by the {platform} platform: {parts}',
    fr: 'Cours {course} réinitialisé par la plateforme {platform} : {parts}',
  },
  COURSERESET_PLATFORM_STATUS: {
    en: '{component}: {item}',
    fr: '{component} : {item}',
  },
  COURSERESET_PLATFORM_STATUS_ERROR: {
    en: '{component}: {item} not reset: {error}',
    fr: '{component} : {item} non réinitialisé : {error}',
  },
  COURSERESET_LOGS_KEPT: {
    en: 'column logs: the {platform} platform keeps its logs (its course reset has not cleared them since Moodle 2.7)',
    fr: 'colonne logs : la plateforme {platform} conserve ses journaux (sa réinitialisation de cours ne les efface plus depuis Moodle 2.7)',
  },
  COURSERESET_NOTHING_TO_RESET: {
    en: 'Course {course}: nothing to reset',
    fr: 'Cours {course} : rien à réinitialiser',
  },
  COURSERESET_ROLES: {
    en: 'Users with the role(s) {roles}: those holding no other role unenrolled, the others lose these roles',
    fr: 'Utilisateurs ayant le(s) rôle(s) {roles} : ceux qui n’ont pas d’autre rôle sont désinscrits, les autres perdent ces rôles',
  },
  COURSERESET_KEPT_ENROLMENTS: {
    en: '{count} enrolment(s) through cohort or metacourse links kept: their synchronisation owns them',
    fr: '{count} inscription(s) par cohorte ou par liaison de métacours conservée(s) : leur synchronisation les gère',
  },
  COURSERESET_NOT_HELD: {
    en: 'Nothing to reset on the {platform} platform, which keeps none of: {parts}',
    fr: 'Rien à réinitialiser sur la plateforme {platform}, qui ne conserve rien de : {parts}',
  },
  COURSERESET_MODULES: {
    en: 'Modules to reset: {modules}; recorded for a Moodle platform, nothing to reset on the {platform} platform (it keeps no activities)',
    fr: 'Modules à réinitialiser : {modules} ; noté pour une plateforme Moodle, rien à réinitialiser sur la plateforme {platform} (elle ne conserve aucune activité)',
  },
  COURSERESET_IGNORED_VALUE: {
    en: 'column {column}: "{value}" is not a reset choice of this column, so that part is not reset',
    fr: 'colonne {column} : « {value} » n’est pas un choix de réinitialisation de cette colonne, cette partie n’est donc pas réinitialisée',
  },
  COURSERESET_PLATFORM_REJECTED: {
    en: 'Course {course}: the reset stopped, refused by the platform: {reason}',
    fr: 'Cours {course} : la réinitialisation s’est arrêtée, refusée par la plateforme : {reason}',
  },
} satisfies Record<string, Bilingual>;

export type CourseResetMessageCode = keyof typeof COURSE_RESET_MESSAGES;
