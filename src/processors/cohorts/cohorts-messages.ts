import type { Bilingual } from '../../errors.js';

/** Report wording of the cohort file, by code (the original's wording where it had one, spec 7.2). */
export const COHORTS_MESSAGES = {
  // Row checks, before anything is looked up.
  COHORTS_BAD_COMMAND: {
    en: 'column cmd: "{value}" is not a command; expected add, del or free',
    fr: 'colonne cmd : « {value} » n’est pas une commande ; attendu add, del ou free',
  },
  COHORTS_NO_IDENTIFIER: {
    en: 'column {column}: Primary identifier ({column}) for cohort was not given. Cannot perform.',
    fr: 'colonne {column} : l’identifiant principal ({column}) de la cohorte n’est pas donné. Impossible de continuer.',
  },
  // Lookups.
  COHORTS_NOT_FOUND: {
    en: 'column {column}: Cohort {cohort} not found by {field}.',
    fr: 'colonne {column} : cohorte {cohort} introuvable par {field}.',
  },
  COHORTS_NOT_FOUND_NO_CREATE: {
    en: 'column {column}: Cohort {cohort} as {field} was not found. Script cannot create (cohorts_autocreate is off).',
    fr: 'colonne {column} : la cohorte {cohort} ({field}) est introuvable. Le script ne peut pas la créer (cohorts_autocreate est désactivé).',
  },
  COHORTS_NAME_REQUIRED: {
    en: 'column cname: cohort {cohort} does not exist and cannot be created without a name',
    fr: 'colonne cname : la cohorte {cohort} n’existe pas et ne peut pas être créée sans nom',
  },
  COHORTS_BAD_CATEGORY: {
    en: 'column {column}: Bad context (missing required category {value}) for cohort {cohort}',
    fr: 'colonne {column} : contexte invalide (catégorie requise {value} introuvable) pour la cohorte {cohort}',
  },
  COHORTS_CONFLICT_IDNUMBER: {
    en: 'column cidnumber: The cohort creation has been skipped because conflicting by idnumber: cohort [{id}] {name} already has the idnumber "{idnumber}".',
    fr: 'colonne cidnumber : la création de la cohorte a été ignorée pour conflit de numéro d’identification : la cohorte [{id}] {name} a déjà le numéro « {idnumber} ».',
  },
  COHORTS_CONFLICT_NAME: {
    en: 'column cname: The cohort creation has been skipped because conflicting by name: cohort [{id}] already has the name "{name}".',
    fr: 'colonne cname : la création de la cohorte a été ignorée pour conflit de nom : la cohorte [{id}] porte déjà le nom « {name} ».',
  },
  COHORTS_NO_SUCH_USER: {
    en: 'column userid: User {user} does not exist in moodle (no active account has {field} "{user}")',
    fr: 'colonne userid : l’utilisateur {user} n’existe pas dans moodle (aucun compte actif n’a {field} « {user} »)',
  },
  COHORTS_AMBIGUOUS_USER: {
    en: 'column userid: {count} accounts have {field} "{user}"; use an identifier that names one account',
    fr: 'colonne userid : {count} comptes ont {field} « {user} » ; utilisez un identifiant qui désigne un seul compte',
  },
  COHORTS_PLATFORM_REJECTED: {
    en: '{cmd} cohort {cohort}: refused by the platform: {reason}',
    fr: '{cmd} cohorte {cohort} : refusé par la plateforme : {reason}',
  },
  // Cohorts.
  COHORTS_CREATED: {
    en: 'Cohort {name} created',
    fr: 'Cohorte {name} créée',
  },
  COHORTS_UPDATED: {
    en: 'The cohort [{id}] {name} has been updated ({changes}).',
    fr: 'La cohorte [{id}] {name} a été mise à jour ({changes}).',
  },
  COHORTS_UNCHANGED: {
    en: 'Cohort [{id}] {name} unchanged',
    fr: 'Cohorte [{id}] {name} inchangée',
  },
  COHORTS_DELETED: {
    en: 'Cohort {name} deleted, with its cohort enrolment instances and the enrolments they made',
    fr: 'Cohorte {name} supprimée, avec ses méthodes d’inscription par cohorte et les inscriptions qu’elles avaient faites',
  },
  COHORTS_EMPTIED: {
    en: 'Cohort [{idnumber}] {name} emptied ({count} members removed)',
    fr: 'Cohorte [{idnumber}] {name} vidée ({count} membres retirés)',
  },
  COHORTS_ALREADY_EMPTY: {
    en: 'Cohort [{idnumber}] {name} has no member; nothing to free',
    fr: 'La cohorte [{idnumber}] {name} n’a aucun membre ; rien à vider',
  },
  // Members.
  COHORTS_MEMBER_ADDED: {
    en: 'Cohort member {user} ({idnumber}) added to cohort {cohort}',
    fr: 'Membre {user} ({idnumber}) ajouté à la cohorte {cohort}',
  },
  COHORTS_ALREADY_MEMBER: {
    en: 'Cohort member {user} ({idnumber}) already member of cohort {cohort}',
    fr: '{user} ({idnumber}) est déjà membre de la cohorte {cohort}',
  },
  COHORTS_MEMBER_REMOVED: {
    en: 'Cohort member {user} ({idnumber}) removed from cohort {cohort}',
    fr: 'Membre {user} ({idnumber}) retiré de la cohorte {cohort}',
  },
  COHORTS_NOT_MEMBER: {
    en: 'User {user} ({idnumber}) is not a member of cohort {cohort}; nothing to remove',
    fr: 'L’utilisateur {user} ({idnumber}) n’est pas membre de la cohorte {cohort} ; rien à retirer',
  },
  // End of the run (notices).
  COHORTS_EMPTY_DELETED: {
    en: 'Cohort cleanup: cohort [{id}] {name}, left without members by this run, deleted',
    fr: 'Nettoyage des cohortes : la cohorte [{id}] {name}, laissée sans membre par ce traitement, est supprimée',
  },
  COHORTS_EMPTY_DELETE_FAILED: {
    en: 'Cohort cleanup: cohort [{id}] {name} could not be deleted: {reason}',
    fr: 'Nettoyage des cohortes : la cohorte [{id}] {name} n’a pas pu être supprimée : {reason}',
  },
  COHORTS_SYNC_DONE: {
    en: 'Cohort enrolment sync of {courses} courses: {enrolled} enrolled, {unenrolled} unenrolled, {suspended} suspended, {reactivated} reactivated',
    fr: 'Synchronisation des inscriptions par cohorte de {courses} cours : {enrolled} inscrits, {unenrolled} désinscrits, {suspended} suspendus, {reactivated} réactivés',
  },
} satisfies Record<string, Bilingual>;

export type CohortsMessageCode = keyof typeof COHORTS_MESSAGES;
