import type { Bilingual } from '../../errors.js';

/** Report wording of the users processor, by row code (the original's wording where it had one, spec 3.4). */
export const USERS_MESSAGES = {
  USERS_CREATED: {
    en: 'User account added: {username} ({firstname} {lastname})',
    fr: 'Compte utilisateur ajouté : {username} ({firstname} {lastname})',
  },
  USERS_UPDATED: {
    en: 'User account changed: {firstname} {lastname} as [{username}] ({idnumber}): {fields}',
    fr: 'Compte utilisateur modifié : {firstname} {lastname} en tant que [{username}] ({idnumber}) : {fields}',
  },
  USERS_UNCHANGED: {
    en: 'User account unchanged: {username}',
    fr: 'Compte utilisateur inchangé : {username}',
  },
  USERS_RENAMED: {
    en: 'User renamed: {old} {username}',
    fr: 'Utilisateur renommé : {old} {username}',
  },
  USERS_DELETED: {
    en: 'User account deleted: {username}',
    fr: 'Compte utilisateur supprimé : {username}',
  },
  USERS_SUSPENDED: {
    en: 'User account suspended: {username}',
    fr: 'Compte utilisateur suspendu : {username}',
  },
  USERS_RESTORED: {
    en: 'User account restored (no longer suspended): {username}',
    fr: 'Compte utilisateur réactivé (plus suspendu) : {username}',
  },
  USERS_ALREADY_SUSPENDED: {
    en: 'User account already suspended: {username}',
    fr: 'Compte utilisateur déjà suspendu : {username}',
  },
  USERS_NOT_SUSPENDED: {
    en: 'User account not suspended, nothing to restore: {username}',
    fr: 'Compte utilisateur non suspendu, rien à réactiver : {username}',
  },
  USERS_DELETE_NOT_FOUND: {
    en: 'no account with {field} "{value}" to delete',
    fr: 'aucun compte de {field} « {value} » à supprimer',
  },
  USERS_NOT_FOUND: {
    en: 'no account with {field} "{value}"',
    fr: 'aucun compte de {field} « {value} »',
  },
  USERS_SKIPPED_EXISTS: {
    en: 'account {username} exists and the upload mode adds new users only: not updated',
    fr: 'le compte {username} existe et le mode de chargement n’ajoute que les nouveaux : non modifié',
  },
  USERS_SKIPPED_MISSING: {
    en: 'no account {username} and the upload mode updates existing users only: not created',
    fr: 'aucun compte {username} et le mode de chargement ne met à jour que les existants : non créé',
  },
  USERS_VALUE_MISSING: {
    en: 'column {column}: a value is required',
    fr: 'colonne {column} : une valeur est obligatoire',
  },
  USERS_INVALID_VALUE: {
    en: 'column {column}: "{value}" is not valid; expected {expected}',
    fr: 'colonne {column} : « {value} » n’est pas valide ; attendu : {expected}',
  },
  USERS_INVALID_USERNAME: {
    en: 'column {column}: "{value}" is not a valid username (lower-case letters, digits and the characters _ - . @ only)',
    fr: 'colonne {column} : « {value} » n’est pas un identifiant valide (lettres minuscules, chiffres et les caractères _ - . @ seulement)',
  },
  USERS_INVALID_EMAIL: {
    en: 'column email: "{value}" is not an e-mail address',
    fr: 'colonne email : « {value} » n’est pas une adresse de courriel',
  },
  USERS_REMOTE_HOST: {
    en: 'column mnethostid: "{value}" is another MNet host; only local accounts (1) can be provisioned',
    fr: 'colonne mnethostid : « {value} » est un autre hôte MNet ; seuls les comptes locaux (1) peuvent être alimentés',
  },
  USERS_USERNAME_TAKEN: {
    en: 'username "{username}" belongs to another account ({identity} "{other}")',
    fr: 'l’identifiant « {username} » appartient à un autre compte ({identity} « {other} »)',
  },
  USERS_USERNAME_MISMATCH: {
    en: 'the account with {identity} "{value}" is named "{current}", not "{username}"; to rename an account use the oldusername column',
    fr: 'le compte de {identity} « {value} » s’appelle « {current} » et non « {username} » ; pour renommer un compte, utilisez la colonne oldusername',
  },
  USERS_EMAIL_TAKEN: {
    en: 'e-mail {email} already belongs to account "{other}"',
    fr: 'le courriel {email} appartient déjà au compte « {other} »',
  },
  USERS_AMBIGUOUS_IDENTITY: {
    en: '{count} accounts have {identity} "{value}": the row cannot tell which one it is about',
    fr: '{count} comptes ont {identity} « {value} » : la ligne ne permet pas de savoir lequel est visé',
  },
  USERS_RENAME_TARGET_TAKEN: {
    en: 'Error on account rename (target name exists): "{username}" already belongs to another account',
    fr: 'Erreur au renommage (le nom cible existe) : « {username} » appartient déjà à un autre compte',
  },
  USERS_RENAME_SOURCE_MISSING: {
    en: 'Error on account rename (source account missing): no account "{old}" to rename to "{username}"',
    fr: 'Erreur au renommage (compte source absent) : aucun compte « {old} » à renommer en « {username} »',
  },
  USERS_RENAME_NOT_ALLOWED: {
    en: 'column oldusername ignored: renaming is off (setting users_allowrename)',
    fr: 'colonne oldusername ignorée : le renommage est désactivé (réglage users_allowrename)',
  },
  USERS_UNKNOWN_COURSE: {
    en: 'column {column}: no course with {identity} "{value}"',
    fr: 'colonne {column} : aucun cours de {identity} « {value} »',
  },
  USERS_UNKNOWN_ROLE: {
    en: 'column {column}: no role "{value}"',
    fr: 'colonne {column} : aucun rôle « {value} »',
  },
  USERS_UNAVAILABLE_ENROL: {
    en: 'column {column}: course {course} has no enabled "{value}" enrolment method',
    fr: 'colonne {column} : le cours {course} n’a pas de méthode d’inscription « {value} » active',
  },
  USERS_ENROL_INCOMPLETE: {
    en: 'column {column}: course "{course}" without a role or an enrolment method; give {role} or {enrol}',
    fr: 'colonne {column} : cours « {course} » sans rôle ni méthode d’inscription ; renseignez {role} ou {enrol}',
  },
  USERS_INVALID_DATE: {
    en: 'column {column}: "{value}" is not a date; expected {forms}',
    fr: 'colonne {column} : « {value} » n’est pas une date ; attendu : {forms}',
  },
  USERS_ENROLLED: {
    en: 'User {username} enrolled in course {course} as {role} ({enrol})',
    fr: 'Utilisateur {username} inscrit au cours {course} comme {role} ({enrol})',
  },
  USERS_ENROLMENT_KEPT: {
    en: 'User {username} already enrolled in course {course} ({enrol}); dates and role brought up to date',
    fr: 'Utilisateur {username} déjà inscrit au cours {course} ({enrol}) ; dates et rôle mis à jour',
  },
  USERS_ROLE_ASSIGNED: {
    en: 'Role "{role}" added in course {course}',
    fr: 'Rôle « {role} » ajouté dans le cours {course}',
  },
  USERS_ROLE_KEPT: {
    en: 'Role "{role}" already held in course {course}',
    fr: 'Rôle « {role} » déjà détenu dans le cours {course}',
  },
  USERS_GROUP_CREATED: {
    en: 'Group "{group}" created in course {course}',
    fr: 'Groupe « {group} » créé dans le cours {course}',
  },
  USERS_GROUP_ADDED: {
    en: 'added to group "{group}" of course {course}',
    fr: 'ajouté au groupe « {group} » du cours {course}',
  },
  USERS_GROUP_KEPT: {
    en: 'already in group "{group}" of course {course}',
    fr: 'déjà dans le groupe « {group} » du cours {course}',
  },
  USERS_GROUP_NOT_ADDED: {
    en: 'not added to group "{group}" of course {course}: {reason}',
    fr: 'non ajouté au groupe « {group} » du cours {course} : {reason}',
  },
  USERS_GROUP_NOT_ENROLLED: {
    en: 'not added to group "{group}" of course {course}: the user is not enrolled in that course (a role alone does not allow group membership)',
    fr: 'non ajouté au groupe « {group} » du cours {course} : l’utilisateur n’est pas inscrit à ce cours (un rôle seul ne permet pas d’être membre d’un groupe)',
  },
  USERS_COHORT_CREATED: {
    en: 'Cohort "{cohort}" created',
    fr: 'Cohorte « {cohort} » créée',
  },
  USERS_COHORT_ADDED: {
    en: 'registered in cohort "{cohort}"',
    fr: 'inscrit dans la cohorte « {cohort} »',
  },
  USERS_COHORT_KEPT: {
    en: 'already in cohort "{cohort}"',
    fr: 'déjà dans la cohorte « {cohort} »',
  },
  USERS_PROFILE_FIELD_CREATED: {
    en: 'custom profile field "{field}" did not exist: created as a text field',
    fr: 'le champ de profil personnalisé « {field} » n’existait pas : créé comme champ texte',
  },
  USERS_COLUMN_IGNORED: {
    en: 'column {column} is ignored: Moodle 5 has no such user field',
    fr: 'la colonne {column} est ignorée : Moodle 5 n’a pas ce champ utilisateur',
  },
  USERS_REMOTE_COLUMN_IGNORED: {
    en: 'column {column} is ignored: propagating accounts to remote MNet hosts is not supported',
    fr: 'la colonne {column} est ignorée : la propagation des comptes vers des hôtes MNet distants n’est pas prise en charge',
  },
  USERS_PLATFORM_REJECTED: {
    en: 'the platform refused the account: {reason}',
    fr: 'la plateforme a refusé le compte : {reason}',
  },
  USERS_PLATFORM_REJECTED_STEP: {
    en: 'the account was saved, but the platform refused {step}: {reason}; feed the row again once fixed',
    fr: 'le compte est enregistré, mais la plateforme a refusé {step} : {reason} ; renvoyez la ligne une fois corrigée',
  },
} as const satisfies Record<string, Bilingual>;

export type UsersMessageCode = keyof typeof USERS_MESSAGES;
