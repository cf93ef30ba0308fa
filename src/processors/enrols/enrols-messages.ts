import type { Bilingual } from '../../errors.js';

/** Report wording of the enrolment file, by code (the original's wording where it had one, spec 6.3 and 6.4). */
export const ENROLS_MESSAGES = {
  // Row checks, before anything is written.
  ENROLS_BAD_COMMAND: {
    en: 'column cmd: "{value}" is not a command; expected add, del (or delete), shift, enable or disable',
    fr: 'colonne cmd : « {value} » n’est pas une commande ; attendu add, del (ou delete), shift, enable ou disable',
  },
  ENROLS_BAD_GROUP_COMMAND: {
    en: 'column gcmd: "{value}" is not a group command; expected gadd, gaddcreate, greplace, greplacecreate or gdel',
    fr: 'colonne gcmd : « {value} » n’est pas une commande de groupe ; attendu gadd, gaddcreate, greplace, greplacecreate ou gdel',
  },
  ENROLS_BAD_DATE: {
    en: 'column {column}: "{value}" is not a date; expected {forms}',
    fr: 'colonne {column} : « {value} » n’est pas une date ; attendu {forms}',
  },
  ENROLS_DATES_REVERSED: {
    en: 'column endtime: the end ({end}) is before the start ({start})',
    fr: 'colonne endtime : la fin ({end}) précède le début ({start})',
  },
  ENROLS_NO_USER_ID: {
    en: 'column uid: empty user identifier',
    fr: 'colonne uid : identifiant d’utilisateur vide',
  },
  ENROLS_NO_SUCH_USER: {
    en: '{cmd} {role} {user} {course}: No such user (no active account has {field} "{user}")',
    fr: '{cmd} {role} {user} {course} : utilisateur inconnu (aucun compte actif n’a {field} « {user} »)',
  },
  ENROLS_AMBIGUOUS_USER: {
    en: 'column uid: {count} accounts have {field} "{user}"; use an identifier that names one account',
    fr: 'colonne uid : {count} comptes ont {field} « {user} » ; utilisez un identifiant qui désigne un seul compte',
  },
  ENROLS_NO_COURSE_ID: {
    en: 'Null or invalid course identifier.',
    fr: 'Identifiant de cours vide ou invalide.',
  },
  ENROLS_NO_SUCH_COURSE: {
    en: '{cmd} {role} {user} {course}: No such course (no course has {field} "{course}")',
    fr: '{cmd} {role} {user} {course} : cours inconnu (aucun cours n’a {field} « {course} »)',
  },
  ENROLS_ROLE_REQUIRED: {
    en: 'column rolename: {cmd} needs a role; you need to mention a role shortname (student, editingteacher…)',
    fr: 'colonne rolename : {cmd} demande un rôle ; indiquez le nom abrégé d’un rôle (student, editingteacher…)',
  },
  ENROLS_UNKNOWN_ROLE: {
    en: 'column rolename: no role has the shortname "{role}"',
    fr: 'colonne rolename : aucun rôle n’a le nom abrégé « {role} »',
  },
  ENROLS_METHOD_UNAVAILABLE: {
    en: 'column enrol: the required enrol method "{enrol}" is not active in the course {course}',
    fr: 'colonne enrol : la méthode d’inscription « {enrol} » n’est pas active dans le cours {course}',
  },
  ENROLS_SYNC_METHOD: {
    en: 'column enrol: the "sync" method belongs to the enrol_sync Moodle plugin, which tool-sync does not drive; use manual',
    fr: 'colonne enrol : la méthode « sync » appartient au plugin Moodle enrol_sync, que tool-sync ne pilote pas ; utilisez manual',
  },
  ENROLS_PLATFORM_REJECTED: {
    en: '{cmd} {role} {user} {course}: refused by the platform: {reason}',
    fr: '{cmd} {role} {user} {course} : refusé par la plateforme : {reason}',
  },

  // Commands with an enrolment method.
  ENROLS_ENROLLED: {
    en: 'User {user} enrolled in course {course} as {role} ({enrol})',
    fr: 'Utilisateur {user} inscrit au cours {course} comme {role} ({enrol})',
  },
  ENROLS_ENROLMENT_UPDATED: {
    en: 'User {user} already enrolled in course {course} ({enrol}): {changes}',
    fr: 'Utilisateur {user} déjà inscrit au cours {course} ({enrol}) : {changes}',
  },
  ENROLS_ALREADY_ENROLLED: {
    en: 'User {user} already enrolled in course {course} as {role} ({enrol}), nothing to change',
    fr: 'Utilisateur {user} déjà inscrit au cours {course} comme {role} ({enrol}), rien à changer',
  },
  ENROLS_UNENROLLED: {
    en: 'User {user} unenrolled from course {course} ({enrol})',
    fr: 'Utilisateur {user} désinscrit du cours {course} ({enrol})',
  },
  ENROLS_NOT_ENROLLED: {
    en: 'User {user} is not enrolled in course {course} through {enrol}, nothing to {cmd}',
    fr: 'Utilisateur {user} non inscrit au cours {course} par {enrol}, rien à faire pour {cmd}',
  },
  ENROLS_ROLE_SHIFTED: {
    en: 'User {user} now has the role {role} in course {course} (removed: {removed}); the enrolment is kept',
    fr: 'Utilisateur {user} a maintenant le rôle {role} dans le cours {course} (retirés : {removed}) ; l’inscription est conservée',
  },
  ENROLS_ENABLED: {
    en: 'User {user} enrolment in course {course} has been enabled ({enrol})',
    fr: 'Inscription de l’utilisateur {user} au cours {course} réactivée ({enrol})',
  },
  ENROLS_DISABLED: {
    en: 'User {user} enrolment in course {course} has been disabled ({enrol})',
    fr: 'Inscription de l’utilisateur {user} au cours {course} suspendue ({enrol})',
  },
  ENROLS_ALREADY_ENABLED: {
    en: 'User {user} enrolment in course {course} is already enabled ({enrol})',
    fr: 'Inscription de l’utilisateur {user} au cours {course} déjà active ({enrol})',
  },
  ENROLS_ALREADY_DISABLED: {
    en: 'User {user} enrolment in course {course} is already disabled ({enrol})',
    fr: 'Inscription de l’utilisateur {user} au cours {course} déjà suspendue ({enrol})',
  },

  // Commands without an enrolment method: roles only.
  ENROLS_ROLE_ADDED: {
    en: 'Role "{role}" added for {user} in course {course}',
    fr: 'Rôle « {role} » attribué à {user} dans le cours {course}',
  },
  ENROLS_ROLE_ALREADY: {
    en: 'User {user} already assigned to {role} in course {course}',
    fr: 'Utilisateur {user} a déjà le rôle {role} dans le cours {course}',
  },
  ENROLS_ROLE_REMOVED: {
    en: 'The {role} role assignment of {user} in course {course} is deleted',
    fr: 'Le rôle {role} de {user} dans le cours {course} est retiré',
  },
  ENROLS_ROLE_NOT_HELD: {
    en: 'User {user} has no {role} role in course {course}, nothing to remove',
    fr: 'Utilisateur {user} n’a pas le rôle {role} dans le cours {course}, rien à retirer',
  },
  ENROLS_ALL_ROLES_REMOVED: {
    en: 'All role deletion for {user} in course {course}: {removed}',
    fr: 'Retrait de tous les rôles de {user} dans le cours {course} : {removed}',
  },
  ENROLS_ROLE_SHIFTED_ONLY: {
    en: 'User {user} now has the role {role} in course {course} (removed: {removed})',
    fr: 'Utilisateur {user} a maintenant le rôle {role} dans le cours {course} (retirés : {removed})',
  },
  ENROLS_NO_ROLES: {
    en: 'User {user} has no role given by hand in course {course}, nothing to remove',
    fr: 'Utilisateur {user} n’a aucun rôle attribué à la main dans le cours {course}, rien à retirer',
  },
  ENROLS_NO_ENROLMENT: {
    en: 'User {user} has no enrolment in course {course}, nothing to {cmd}',
    fr: 'Utilisateur {user} n’a aucune inscription au cours {course}, rien à faire pour {cmd}',
  },

  // Group commands (details of a row).
  ENROLS_GROUP_CREATED: {
    en: 'Group {group} created in course {course}',
    fr: 'Groupe {group} créé dans le cours {course}',
  },
  ENROLS_GROUP_NOT_CREATED: {
    en: 'Group {group} not created in course {course}: {reason}',
    fr: 'Groupe {group} non créé dans le cours {course} : {reason}',
  },
  ENROLS_GROUP_UNKNOWN: {
    en: 'This group {group} is not known in {course} and cannot be created (use gaddcreate or greplacecreate)',
    fr: 'Le groupe {group} n’existe pas dans {course} et ne peut pas être créé (utilisez gaddcreate ou greplacecreate)',
  },
  ENROLS_GROUP_ADDED: {
    en: 'User {user} added to group {group}',
    fr: 'Utilisateur {user} ajouté au groupe {group}',
  },
  ENROLS_GROUP_KEPT: {
    en: 'User {user} already in group {group}',
    fr: 'Utilisateur {user} déjà dans le groupe {group}',
  },
  ENROLS_GROUP_NOT_ENROLLED: {
    en: 'User {user} NOT added to group {group}: not enrolled in course {course}',
    fr: 'Utilisateur {user} NON ajouté au groupe {group} : pas inscrit au cours {course}',
  },
  ENROLS_GROUP_NOT_ADDED: {
    en: 'User {user} NOT added to group {group}: {reason}',
    fr: 'Utilisateur {user} NON ajouté au groupe {group} : {reason}',
  },
  ENROLS_GROUPS_CLEARED: {
    en: 'Previous group assignments deleted for {user} in course {course}: {groups}',
    fr: 'Anciennes appartenances aux groupes retirées pour {user} dans le cours {course} : {groups}',
  },
  ENROLS_GROUPS_KEPT_PROTECTED: {
    en: 'Group memberships of {user} kept in course {course} (protected or owned by another plugin): {groups}',
    fr: 'Appartenances de {user} conservées dans le cours {course} (protégées ou gérées par un autre plugin) : {groups}',
  },
  ENROLS_GROUP_REMOVED: {
    en: 'User {user} removed from group {group}',
    fr: 'Utilisateur {user} retiré du groupe {group}',
  },
  ENROLS_GROUP_NOT_MEMBER: {
    en: 'User {user} is not in group {group}, nothing to remove',
    fr: 'Utilisateur {user} n’est pas dans le groupe {group}, rien à retirer',
  },
  ENROLS_GROUP_NOT_REMOVED: {
    en: 'User {user} not removed from group {group}: {reason}',
    fr: 'Utilisateur {user} non retiré du groupe {group} : {reason}',
  },
  ENROLS_GROUP_NOT_FOUND: {
    en: 'Group {group} does not exist in course {course}, nothing to remove',
    fr: 'Le groupe {group} n’existe pas dans le cours {course}, rien à retirer',
  },

  // The end of the run.
  ENROLS_CLEANUP_DELETED: {
    en: 'Group cleanup: empty group {group} deleted from course {course}',
    fr: 'Nettoyage des groupes : groupe vide {group} supprimé du cours {course}',
  },
  ENROLS_CLEANUP_FAILED: {
    en: 'Group cleanup: empty group {group} of course {course} not deleted: {reason}',
    fr: 'Nettoyage des groupes : groupe vide {group} du cours {course} non supprimé : {reason}',
  },
  ENROLS_DIGEST_SENT: {
    en: 'Enrolment digest of course {course} ({count} new students) mailed to {to}',
    fr: 'Récapitulatif des inscriptions du cours {course} ({count} nouveaux étudiants) envoyé à {to}',
  },
  ENROLS_DIGEST_FAILED: {
    en: 'Enrolment digest of course {course} could not be mailed to {to}: {reason}',
    fr: 'Le récapitulatif des inscriptions du cours {course} n’a pas pu être envoyé à {to} : {reason}',
  },
  ENROLS_DIGEST_NO_TEACHER: {
    en: 'Course {course} received {count} new students but has no editing teacher with an e-mail address: no digest sent',
    fr: 'Le cours {course} a reçu {count} nouveaux étudiants mais n’a aucun enseignant éditeur avec une adresse de courriel : aucun récapitulatif envoyé',
  },
  ENROLS_DIGEST_SIMULATED: {
    en: 'Enrolment digest of course {course} ({count} new students) would be mailed to its editing teachers',
    fr: 'Le récapitulatif des inscriptions du cours {course} ({count} nouveaux étudiants) serait envoyé à ses enseignants éditeurs',
  },
} as const satisfies Record<string, Bilingual>;

export type EnrolsMessageCode = keyof typeof ENROLS_MESSAGES;
