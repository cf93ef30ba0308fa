import type { Bilingual } from '../../errors.js';

/**
 * Report wording of the groups processor (group and grouping file, group members file), by code: the original's
 * wording where it had one (spec 8.2, 8.3), saying what was looked up by which field. `{course}` is the course's
 * shortname, `{user}` the account's username.
 */
export const GROUPS_MESSAGES = {
  // ---------------------------------------------------------------- rows of both files
  GROUPS_COURSE_MISSING: {
    en: 'Null or invalid course identifier: column {column} is empty',
    fr: 'Identifiant de cours nul ou invalide : la colonne {column} est vide',
  },
  GROUPS_COURSE_UNKNOWN: {
    en: 'No such course: no course with {field} "{value}" (column {column})',
    fr: 'Cours inconnu : aucun cours de {field} « {value} » (colonne {column})',
  },

  // ---------------------------------------------------------------- group and grouping file
  GROUPS_NAME_MISSING: {
    en: 'column {column}: a group or grouping name is required',
    fr: 'colonne {column} : un nom de groupe ou de groupement est obligatoire',
  },
  GROUPS_TYPE_UNKNOWN: {
    en: 'column type: "{value}" is neither group nor grouping; the row is read as a grouping, as the original plugin did',
    fr: 'colonne type : « {value} » n’est ni group ni grouping ; la ligne est lue comme un groupement, comme le faisait le plugin d’origine',
  },
  GROUPS_GROUP_CREATED: {
    en: 'Group "{group}" created in course {course}',
    fr: 'Groupe « {group} » créé dans le cours {course}',
  },
  GROUPS_GROUP_EXISTS: {
    en: 'Group "{group}" already exists in course {course} (found by {field} "{value}"): kept unchanged',
    fr: 'Le groupe « {group} » existe déjà dans le cours {course} (trouvé par {field} « {value} ») : conservé tel quel',
  },
  GROUPS_GROUP_UPDATED: {
    en: 'Group "{group}" updated in course {course} (found by {field} "{value}"): {fields}',
    fr: 'Groupe « {group} » modifié dans le cours {course} (trouvé par {field} « {value} ») : {fields}',
  },
  GROUPS_GROUP_UP_TO_DATE: {
    en: 'Group "{group}" of course {course} (found by {field} "{value}") is already up to date',
    fr: 'Le groupe « {group} » du cours {course} (trouvé par {field} « {value} ») est déjà à jour',
  },
  GROUPS_GROUP_CREATED_FOR_UPDATE: {
    en: 'No group with {field} "{value}" in course {course} to update: group "{group}" created',
    fr: 'Aucun groupe de {field} « {value} » à modifier dans le cours {course} : groupe « {group} » créé',
  },
  GROUPS_GROUP_REJECTED: {
    en: 'the platform refused group "{group}" in course {course}: {reason}',
    fr: 'la plateforme a refusé le groupe « {group} » dans le cours {course} : {reason}',
  },
  GROUPS_GROUPING_CREATED: {
    en: 'Grouping "{grouping}" created in course {course}',
    fr: 'Groupement « {grouping} » créé dans le cours {course}',
  },
  GROUPS_GROUPING_EXISTS: {
    en: 'Grouping "{grouping}" already exists in course {course} (found by {field} "{value}"): kept unchanged',
    fr: 'Le groupement « {grouping} » existe déjà dans le cours {course} (trouvé par {field} « {value} ») : conservé tel quel',
  },
  GROUPS_GROUPING_UPDATED: {
    en: 'Grouping "{grouping}" updated in course {course} (found by {field} "{value}"): {fields}',
    fr: 'Groupement « {grouping} » modifié dans le cours {course} (trouvé par {field} « {value} ») : {fields}',
  },
  GROUPS_GROUPING_UP_TO_DATE: {
    en: 'Grouping "{grouping}" of course {course} (found by {field} "{value}") is already up to date',
    fr: 'Le groupement « {grouping} » du cours {course} (trouvé par {field} « {value} ») est déjà à jour',
  },
  GROUPS_GROUPING_CREATED_FOR_UPDATE: {
    en: 'No grouping with {field} "{value}" in course {course} to update: grouping "{grouping}" created',
    fr: 'Aucun groupement de {field} « {value} » à modifier dans le cours {course} : groupement « {grouping} » créé',
  },
  GROUPS_GROUPING_REJECTED: {
    en: 'the platform refused grouping "{grouping}" in course {course}: {reason}',
    fr: 'la plateforme a refusé le groupement « {grouping} » dans le cours {course} : {reason}',
  },
  GROUPS_SELFGROUPING_CREATED: {
    en: 'Self-grouping group "{group}": grouping "{grouping}" created in course {course}',
    fr: 'Auto-groupement du groupe « {group} » : groupement « {grouping} » créé dans le cours {course}',
  },
  GROUPS_SELFGROUPING_REJECTED: {
    en: 'column selfgrouping: the platform refused to create grouping "{grouping}" in course {course}: {reason}; the group is kept, feed the row again once fixed',
    fr: 'colonne selfgrouping : la plateforme a refusé de créer le groupement « {grouping} » dans le cours {course} : {reason} ; le groupe est conservé, renvoyez la ligne une fois corrigée',
  },
  GROUPS_GROUPING_UNKNOWN: {
    en: 'column {column}: Unknown grouping IDNumber "{value}": no grouping of course {course} has this idnumber; the group is kept, feed the row again once the grouping exists',
    fr: 'colonne {column} : idnumber de groupement « {value} » inconnu : aucun groupement du cours {course} n’a cet idnumber ; le groupe est conservé, renvoyez la ligne une fois le groupement créé',
  },
  GROUPS_BOUND: {
    en: 'Binding group "{group}" to grouping "{grouping}"',
    fr: 'Rattachement du groupe « {group} » au groupement « {grouping} »',
  },
  GROUPS_ALREADY_BOUND: {
    en: 'Group "{group}" already bound to grouping "{grouping}"',
    fr: 'Le groupe « {group} » est déjà rattaché au groupement « {grouping} »',
  },
  GROUPS_BINDING_REJECTED: {
    en: 'the platform refused to bind group "{group}" to grouping "{grouping}": {reason}; the group is kept, feed the row again once fixed',
    fr: 'la plateforme a refusé de rattacher le groupe « {group} » au groupement « {grouping} » : {reason} ; le groupe est conservé, renvoyez la ligne une fois corrigée',
  },

  // ---------------------------------------------------------------- group members file
  GROUPS_GROUP_MISSING: {
    en: 'column {column}: a group identifier is required',
    fr: 'colonne {column} : un identifiant de groupe est obligatoire',
  },
  GROUPS_GROUP_UNKNOWN: {
    en: 'column {column}: no group with {field} "{value}" in course {course}',
    fr: 'colonne {column} : aucun groupe de {field} « {value} » dans le cours {course}',
  },
  GROUPS_USER_MISSING: {
    en: 'column {column}: a user identifier is required',
    fr: 'colonne {column} : un identifiant d’utilisateur est obligatoire',
  },
  GROUPS_USER_UNKNOWN: {
    en: 'column {column}: no account with {field} "{value}" (deleted accounts are not matched)',
    fr: 'colonne {column} : aucun compte de {field} « {value} » (les comptes supprimés ne sont pas retenus)',
  },
  GROUPS_USER_AMBIGUOUS: {
    en: 'column {column}: {count} accounts have {field} "{value}": the row cannot tell which one it is about',
    fr: 'colonne {column} : {count} comptes ont {field} « {value} » : la ligne ne permet pas de savoir lequel est visé',
  },
  GROUPS_COMMAND_UNKNOWN: {
    en: 'column {column}: unknown command "{value}"; expected {expected} (empty means add)',
    fr: 'colonne {column} : commande « {value} » inconnue ; attendu : {expected} (vide signifie add)',
  },
  GROUPS_MEMBER_ADDED: {
    en: 'User {user} added to group "{group}" of course {course}',
    fr: 'Utilisateur {user} ajouté au groupe « {group} » du cours {course}',
  },
  GROUPS_MEMBER_KEPT: {
    en: 'User {user} already in group "{group}" of course {course}',
    fr: 'Utilisateur {user} déjà dans le groupe « {group} » du cours {course}',
  },
  GROUPS_MEMBER_SHIFTED: {
    en: 'User {user} already in group "{group}" of course {course}; previous group assignments deleted',
    fr: 'Utilisateur {user} déjà dans le groupe « {group} » du cours {course} ; appartenances précédentes supprimées',
  },
  GROUPS_MEMBER_PREVIOUS_REMOVED: {
    en: 'Previous group assignment deleted for {user} in course {course}: group "{group}"',
    fr: 'Appartenance précédente supprimée pour {user} dans le cours {course} : groupe « {group} »',
  },
  GROUPS_MEMBER_OTHER_KEPT: {
    en: 'membership of {user} in group "{group}" kept: it is managed by {component}, which alone may remove it',
    fr: 'appartenance de {user} au groupe « {group} » conservée : elle est gérée par {component}, seul à pouvoir la retirer',
  },
  GROUPS_MEMBER_PREVIOUS_REJECTED: {
    en: 'membership of {user} in group "{group}" could not be deleted: {reason}',
    fr: 'l’appartenance de {user} au groupe « {group} » n’a pas pu être supprimée : {reason}',
  },
  GROUPS_MEMBER_NOT_ENROLLED: {
    en: 'user {user} is not enrolled in course {course}, so cannot be added to its group "{group}"',
    fr: 'l’utilisateur {user} n’est pas inscrit au cours {course} et ne peut donc pas être ajouté à son groupe « {group} »',
  },
  GROUPS_MEMBER_ADD_REJECTED: {
    en: 'the platform refused to add user {user} to group "{group}" of course {course}: {reason}',
    fr: 'la plateforme a refusé d’ajouter l’utilisateur {user} au groupe « {group} » du cours {course} : {reason}',
  },
  GROUPS_MEMBER_REMOVED: {
    en: 'User {user} removed from group "{group}" of course {course}',
    fr: 'Utilisateur {user} retiré du groupe « {group} » du cours {course}',
  },
  GROUPS_MEMBER_NOT_MEMBER: {
    en: 'User {user} is not a member of group "{group}" of course {course}: nothing to remove',
    fr: 'L’utilisateur {user} n’est pas membre du groupe « {group} » du cours {course} : rien à retirer',
  },
  GROUPS_MEMBER_REMOVE_REJECTED: {
    en: 'the platform refused to remove user {user} from group "{group}" of course {course}: {reason}',
    fr: 'la plateforme a refusé de retirer l’utilisateur {user} du groupe « {group} » du cours {course} : {reason}',
  },

  // ---------------------------------------------------------------- notices about a whole file
  GROUPS_GCMD_IGNORED: {
    en: 'columns cmd and gcmd are both present: cmd gives the commands, gcmd is ignored',
    fr: 'les colonnes cmd et gcmd sont toutes deux présentes : cmd donne les commandes, gcmd est ignorée',
  },
  GROUPS_PURGE_GROUP_DELETED: {
    en: 'Empty group "{group}" deleted from course {course}',
    fr: 'Groupe vide « {group} » supprimé du cours {course}',
  },
  GROUPS_PURGE_GROUP_FAILED: {
    en: 'Empty group "{group}" of course {course} could not be deleted: {reason}',
    fr: 'Le groupe vide « {group} » du cours {course} n’a pas pu être supprimé : {reason}',
  },
  GROUPS_PURGE_GROUPING_DELETED: {
    en: 'Empty grouping "{grouping}" deleted from course {course}',
    fr: 'Groupement vide « {grouping} » supprimé du cours {course}',
  },
  GROUPS_PURGE_GROUPING_FAILED: {
    en: 'Empty grouping "{grouping}" of course {course} could not be deleted: {reason}',
    fr: 'Le groupement vide « {grouping} » du cours {course} n’a pas pu être supprimé : {reason}',
  },
  GROUPS_PURGE_NOTHING: {
    en: 'Purge: nothing empty to delete in the {count} course(s) of the file',
    fr: 'Purge : rien de vide à supprimer dans le(s) {count} cours du fichier',
  },
  GROUPS_REPORT_MAILED: {
    en: 'report of course {course} mailed to {to}',
    fr: 'rapport du cours {course} envoyé par courriel à {to}',
  },
  GROUPS_REPORT_MAIL_FAILED: {
    en: 'the report of course {course} could not be mailed to {to}: {reason}',
    fr: 'le rapport du cours {course} n’a pas pu être envoyé par courriel à {to} : {reason}',
  },
  GROUPS_REPORT_NO_ADDRESS: {
    en: 'editing teacher {user} of course {course} has no e-mail address: the course report is not mailed to them',
    fr: 'l’enseignant éditeur {user} du cours {course} n’a pas d’adresse de courriel : le rapport du cours ne lui est pas envoyé',
  },
  GROUPS_REPORT_NO_TEACHER: {
    en: 'course {course} has no editing teacher: its report is not mailed',
    fr: 'le cours {course} n’a pas d’enseignant éditeur : son rapport n’est pas envoyé',
  },
} as const satisfies Record<string, Bilingual>;

export type GroupsMessageCode = keyof typeof GROUPS_MESSAGES;
