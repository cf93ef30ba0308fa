import type { Bilingual } from '../../errors.js';

/** Report wording of the cohort → course binding file, by code (the original's wording where it had one, spec 7.3). */
export const COHORT_BINDINGS_MESSAGES = {
  // Row checks, before anything is looked up.
  COHORTBINDINGS_BAD_COMMAND: {
    en: 'column cmd: "{value}" is not a command; expected add, del, restore or fulldel',
    fr: 'colonne cmd : « {value} » n’est pas une commande ; attendu add, del, restore ou fulldel',
  },
  COHORTBINDINGS_TOO_FEW_VALUES: {
    en: 'the row has fewer values than the {count} columns of the header',
    fr: 'la ligne a moins de valeurs que les {count} colonnes de l’en-tête',
  },
  COHORTBINDINGS_EMPTY_VALUE: {
    en: 'column {column}: empty identifier',
    fr: 'colonne {column} : identifiant vide',
  },
  COHORTBINDINGS_UNSUPPORTED_METHOD: {
    en: 'column enrol: the enrol method "{enrol}" is not supported; only cohort bindings can be managed by this file',
    fr: 'colonne enrol : la méthode d’inscription « {enrol} » n’est pas prise en charge ; ce fichier ne gère que les liaisons de méthode cohort',
  },
  COHORTBINDINGS_ALL_ROLES_ON_ADD: {
    en: 'column role: "*" (every role) is only allowed with del, restore or fulldel; add needs one role',
    fr: 'colonne role : « * » (tous les rôles) n’est permis qu’avec del, restore ou fulldel ; add demande un rôle',
  },
  COHORTBINDINGS_BAD_MAKEGROUP: {
    en: 'column makegroup: "{value}" is not a yes/no value; expected 1, yes, true, 0, no, false or empty',
    fr: 'colonne makegroup : « {value} » n’est pas une valeur oui/non ; attendu 1, yes, true, 0, no, false ou vide',
  },
  COHORTBINDINGS_BAD_DATE: {
    en: 'column {column}: "{value}" is not a date; expected {forms}',
    fr: 'colonne {column} : « {value} » n’est pas une date ; attendu {forms}',
  },
  COHORTBINDINGS_DATES_REVERSED: {
    en: 'column enrolend: the end ({end}) is before the start ({start})',
    fr: 'colonne enrolend : la fin ({end}) précède le début ({start})',
  },
  // Lookups.
  COHORTBINDINGS_NO_SUCH_COHORT: {
    en: 'The expected cohort {cohort} could not be found (no cohort has {field} "{cohort}"). Skipping.',
    fr: 'La cohorte attendue {cohort} est introuvable (aucune cohorte n’a {field} « {cohort} »). Ligne ignorée.',
  },
  COHORTBINDINGS_AMBIGUOUS_COHORT: {
    en: 'column cohort: {count} cohorts have {field} "{cohort}"; use an identifier that names one cohort',
    fr: 'colonne cohort : {count} cohortes ont {field} « {cohort} » ; utilisez un identifiant qui désigne une seule cohorte',
  },
  COHORTBINDINGS_NO_SUCH_COURSE: {
    en: 'The expected course {course} could not be found (no course has {field} "{course}"). Skipping.',
    fr: 'Le cours attendu {course} est introuvable (aucun cours n’a {field} « {course} »). Ligne ignorée.',
  },
  COHORTBINDINGS_NO_SUCH_ROLE: {
    en: 'The explicit role {role} could not be found (no role has {field} "{role}"). Skipping.',
    fr: 'Le rôle explicite {role} est introuvable (aucun rôle n’a {field} « {role} »). Ligne ignorée.',
  },
  // Commands.
  COHORTBINDINGS_ADDED: {
    en: 'Cohort {cohort} added in course {course} with role {role}',
    fr: 'Cohorte {cohort} ajoutée au cours {course} avec le rôle {role}',
  },
  COHORTBINDINGS_EXISTS: {
    en: 'Cohort {cohort} is already bound to course {course} with role {role} (binding left as it is)',
    fr: 'La cohorte {cohort} est déjà liée au cours {course} avec le rôle {role} (liaison laissée telle quelle)',
  },
  COHORTBINDINGS_REENABLED: {
    en: 'Cohort {cohort} added in course {course} with role {role}: its disabled binding was enabled again',
    fr: 'Cohorte {cohort} ajoutée au cours {course} avec le rôle {role} : sa liaison désactivée a été réactivée',
  },
  COHORTBINDINGS_GROUP_CREATED: {
    en: 'Group {group} created in course {course} for the cohort',
    fr: 'Groupe {group} créé dans le cours {course} pour la cohorte',
  },
  COHORTBINDINGS_GROUP_REUSED: {
    en: 'Group {group} of course {course} used for the cohort',
    fr: 'Groupe {group} du cours {course} utilisé pour la cohorte',
  },
  COHORTBINDINGS_DISENGAGED: {
    en: 'Cohort {cohort} disengaged from course {course} for role {role}',
    fr: 'Cohorte {cohort} désengagée du cours {course} pour le rôle {role}',
  },
  COHORTBINDINGS_ALREADY_DISENGAGED: {
    en: 'Cohort {cohort} is already disengaged from course {course} for role {role}',
    fr: 'La cohorte {cohort} est déjà désengagée du cours {course} pour le rôle {role}',
  },
  COHORTBINDINGS_RESTORED: {
    en: 'Cohort {cohort} restored in course {course} for role {role}',
    fr: 'Cohorte {cohort} rétablie dans le cours {course} pour le rôle {role}',
  },
  COHORTBINDINGS_ALREADY_ACTIVE: {
    en: 'Cohort {cohort} is already active in course {course} for role {role}',
    fr: 'La cohorte {cohort} est déjà active dans le cours {course} pour le rôle {role}',
  },
  COHORTBINDINGS_FULLY_DELETED: {
    en: '{count} binding(s) of cohort {cohort} deleted from course {course} for role {role}, with the enrolments they made',
    fr: '{count} liaison(s) de la cohorte {cohort} supprimée(s) du cours {course} pour le rôle {role}, avec les inscriptions qu’elles avaient faites',
  },
  COHORTBINDINGS_NOT_BOUND: {
    en: 'Cohort {cohort} is not bound to course {course} for role {role}: nothing to {cmd}',
    fr: 'La cohorte {cohort} n’est pas liée au cours {course} pour le rôle {role} : rien à faire pour {cmd}',
  },
  COHORTBINDINGS_PLATFORM_REJECTED: {
    en: '{cmd} cohort {cohort} in course {course}: refused by the platform: {reason}',
    fr: '{cmd} cohorte {cohort} dans le cours {course} : refusé par la plateforme : {reason}',
  },
  // Notices about the whole file.
  COHORTBINDINGS_SYNCED: {
    en: 'Cohort enrolment sync of the {courses} course(s) of the file: {enrolled} enrolled, {unenrolled} unenrolled, {suspended} suspended, {reactivated} reactivated',
    fr: 'Synchronisation des inscriptions par cohorte des {courses} cours du fichier : {enrolled} inscrits, {unenrolled} désinscrits, {suspended} suspendus, {reactivated} réactivés',
  },
} satisfies Record<string, Bilingual>;

export type CohortBindingsMessageCode = keyof typeof COHORT_BINDINGS_MESSAGES;
