import type { Bilingual } from '../../errors.js';

/** Report wording of the course creation file, by code (the original's wording where it had one, spec 5.3). */
export const UPLOAD_COURSES_MESSAGES = {
  // Row checks, before anything is looked up.
  COURSES_UPLOAD_EMPTY: {
    en: 'column {column}: a value is required',
    fr: 'colonne {column} : une valeur est requise',
  },
  COURSES_UPLOAD_TOO_LONG: {
    en: 'column {column}: Invalid value for field {column} ("{value}"); expected at most {max} characters',
    fr: 'colonne {column} : valeur invalide pour le champ {column} (« {value} ») ; attendu au plus {max} caractères',
  },
  COURSES_UPLOAD_BAD_FLAG: {
    en: 'column {column}: Invalid value for field {column} ("{value}"); expected 0 or 1',
    fr: 'colonne {column} : valeur invalide pour le champ {column} (« {value} ») ; attendu 0 ou 1',
  },
  COURSES_UPLOAD_BAD_NUMBER: {
    en: 'column {column}: Invalid value for field {column} ("{value}"); expected a whole number from {min} to {max}',
    fr: 'colonne {column} : valeur invalide pour le champ {column} (« {value} ») ; attendu un nombre entier de {min} à {max}',
  },
  COURSES_UPLOAD_BAD_CHOICE: {
    en: 'column {column}: Invalid value for field {column} ("{value}"); expected one of {choices}',
    fr: 'colonne {column} : valeur invalide pour le champ {column} (« {value} ») ; attendu l’une des valeurs {choices}',
  },
  COURSES_UPLOAD_BAD_DATE: {
    en: 'column {column}: Invalid value for field {column} ("{value}"); expected a date ({forms})',
    fr: 'colonne {column} : valeur invalide pour le champ {column} (« {value} ») ; attendu une date ({forms})',
  },
  COURSES_UPLOAD_BAD_CATEGORY_PATH: {
    en: 'column category: "{value}" is not a category path; expected names separated by / (such as Faculty/Department/Year), none empty, each at most 255 characters',
    fr: 'colonne category : « {value} » n’est pas un chemin de catégories ; attendu des noms séparés par / (par exemple Faculté/Département/Année), aucun vide, chacun d’au plus 255 caractères',
  },
  COURSES_UPLOAD_BAD_DEFAULT_CATEGORY: {
    en: 'column category: no category given, and the setting courses_defaultcategory ("{value}") is not a category id or path; fix the setting',
    fr: 'colonne category : aucune catégorie donnée, et le réglage courses_defaultcategory (« {value} ») n’est ni un identifiant ni un chemin de catégorie ; corrigez le réglage',
  },
  // Lookups and collisions.
  COURSES_UPLOAD_NOT_BY_ID: {
    en: 'column id: no course has id {id}; a course cannot be created by its id (courses_fileuploadidentifier is id): identify rows by shortname or idnumber to create courses',
    fr: 'colonne id : aucun cours n’a l’identifiant {id} ; un cours ne peut pas être créé par son identifiant interne (courses_fileuploadidentifier vaut id) : identifiez les lignes par shortname ou idnumber pour créer des cours',
  },
  COURSES_UPLOAD_SHORTNAME_COLLISION: {
    en: 'column shortname: course identified by {identifier} has colliding shortname {shortname} with another existing course ({fullname}).',
    fr: 'colonne shortname : le cours identifié par {identifier} a le nom abrégé {shortname}, déjà pris par un autre cours ({fullname}).',
  },
  COURSES_UPLOAD_IDNUMBER_COLLISION: {
    en: 'column idnumber: course identified by {identifier} has colliding idnumber {idnumber} with another existing course [{shortname}] {fullname}.',
    fr: 'colonne idnumber : le cours identifié par {identifier} a le numéro d’identification {idnumber}, déjà pris par un autre cours [{shortname}] {fullname}.',
  },
  COURSES_UPLOAD_CATEGORY_NOT_FOUND: {
    en: 'column {column}: Course category {by} {value} not found',
    fr: 'colonne {column} : catégorie de cours {by} {value} introuvable',
  },
  COURSES_UPLOAD_CATEGORY_FAILED: {
    en: 'column category: Course with shortname {shortname} could not be created because parent category(ies) failed: {reason}',
    fr: 'colonne category : le cours de nom abrégé {shortname} n’a pas pu être créé, car la création des catégories parentes a échoué : {reason}',
  },
  COURSES_UPLOAD_TEMPLATE_NOT_FOUND: {
    en: 'column template: Could not find template course with shortname {template}. Course {shortname} failed.',
    fr: 'colonne template : cours gabarit de nom abrégé {template} introuvable. Le cours {shortname} a échoué.',
  },
  COURSES_UPLOAD_TEMPLATE_MBZ: {
    en: 'column template: {template} is a Moodle backup file (.mbz); restoring backups is a feature of the Moodle platform, not of the {platform} platform: name a template course by its shortname',
    fr: 'colonne template : {template} est une sauvegarde Moodle (.mbz) ; la restauration de sauvegardes est une fonction de la plateforme Moodle, pas de la plateforme {platform} : désignez le cours gabarit par son nom abrégé',
  },
  COURSES_UPLOAD_TEACHER_NOT_FOUND: {
    en: 'column {column}: no active user has id, username, idnumber or email "{account}"',
    fr: 'colonne {column} : aucun utilisateur actif n’a l’identifiant, le nom d’utilisateur, le numéro d’identification ou le courriel « {account} »',
  },
  COURSES_UPLOAD_TEACHER_AMBIGUOUS: {
    en: 'column {column}: "{account}" names {count} users (by username, idnumber or email); give a value that names one user, such as the user id',
    fr: 'colonne {column} : « {account} » désigne {count} utilisateurs (par nom d’utilisateur, numéro d’identification ou courriel) ; donnez une valeur qui désigne un seul utilisateur, par exemple son identifiant',
  },
  COURSES_UPLOAD_ROLE_NOT_FOUND: {
    en: 'column {column}: no role has the shortname "{role}"',
    fr: 'colonne {column} : aucun rôle n’a le nom abrégé « {role} »',
  },
  COURSES_UPLOAD_PLATFORM_REJECTED: {
    en: '{action} course [{shortname}]: refused by the platform: {reason}',
    fr: '{action} du cours [{shortname}] : refusé par la plateforme : {reason}',
  },
  // Outcomes.
  COURSES_UPLOAD_CREATED: {
    en: 'Course [{shortname}] {fullname} has been created in category {category}.',
    fr: 'Le cours [{shortname}] {fullname} a été créé dans la catégorie {category}.',
  },
  COURSES_UPLOAD_TEMPLATE_MBZ_MISSING: {
    en: 'column template: no backup file {template} in the command file area; a .mbz template is read from there, by its path in the area (such as templates/course.mbz)',
    fr: 'colonne template : aucun fichier de sauvegarde {template} dans la zone des fichiers de commande ; un gabarit .mbz y est lu, par son chemin dans la zone (comme templates/cours.mbz)',
  },
  COURSES_UPLOAD_BACKUP_RESTORED: {
    en: 'Backup {template} restored into the new course by the {platform} platform, then the row’s values written on it',
    fr: 'Sauvegarde {template} restaurée dans le nouveau cours par la plateforme {platform}, puis les valeurs de la ligne écrites dessus',
  },
  COURSES_UPLOAD_BACKUP_ADDED: {
    en: 'Backup {template} restored into the course by the {platform} platform: its content added to the course’s',
    fr: 'Sauvegarde {template} restaurée dans le cours par la plateforme {platform} : son contenu ajouté à celui du cours',
  },
  COURSES_UPLOAD_BACKUP_REPLACED: {
    en: 'Backup {template} restored into the course by the {platform} platform: its content in place of the course’s (users, groups and enrolment methods kept)',
    fr: 'Sauvegarde {template} restaurée dans le cours par la plateforme {platform} : son contenu à la place de celui du cours (utilisateurs, groupes et méthodes d’inscription conservés)',
  },
  COURSES_UPLOAD_CREATED_FROM_TEMPLATE: {
    en: 'Course [{shortname}] {fullname} has been created in category {category} on template {template}.',
    fr: 'Le cours [{shortname}] {fullname} a été créé dans la catégorie {category} sur le gabarit {template}.',
  },
  COURSES_UPLOAD_UPDATED: {
    en: 'Course [{shortname}] {idnumber} {fullname} updated ({changes}).',
    fr: 'Cours [{shortname}] {idnumber} {fullname} mis à jour ({changes}).',
  },
  COURSES_UPLOAD_UNCHANGED: {
    en: 'Course [{shortname}] {idnumber} {fullname} unchanged.',
    fr: 'Cours [{shortname}] {idnumber} {fullname} inchangé.',
  },
  COURSES_UPLOAD_EXISTS: {
    en: 'Course [{shortname}] {idnumber} {fullname} already exists (courses_forceupdate is off).',
    fr: 'Le cours [{shortname}] {idnumber} {fullname} existe déjà (courses_forceupdate est désactivé).',
  },
  // Further lines of a row.
  COURSES_UPLOAD_CATEGORY_CREATED: {
    en: 'Category {path} created',
    fr: 'Catégorie {path} créée',
  },
  COURSES_UPLOAD_CATEGORY_KEPT: {
    en: 'Category kept (courses_protectcategory is on)',
    fr: 'Catégorie conservée (courses_protectcategory est activé)',
  },
  COURSES_UPLOAD_SECTIONS_WRITTEN: {
    en: 'Sections written: {sections}',
    fr: 'Sections écrites : {sections}',
  },
  COURSES_UPLOAD_TEMPLATE_COPIED: {
    en: 'Template {template} copied: {sections} sections, {groups} groups, {groupings} groupings, {methods} enrolment methods',
    fr: 'Gabarit {template} copié : {sections} sections, {groups} groupes, {groupings} groupements, {methods} méthodes d’inscription',
  },
  COURSES_UPLOAD_TEMPLATE_ADDED: {
    en: 'Template {template} content added: {sections} sections, {groups} groups, {groupings} groupings, {methods} enrolment methods',
    fr: 'Contenu du gabarit {template} ajouté : {sections} sections, {groups} groupes, {groupings} groupements, {methods} méthodes d’inscription',
  },
  COURSES_UPLOAD_TEMPLATE_REPLACED: {
    en: 'Course content replaced by template {template}: {sections} sections, {groups} groups, {groupings} groupings, {methods} enrolment methods',
    fr: 'Contenu du cours remplacé par le gabarit {template} : {sections} sections, {groups} groupes, {groupings} groupements, {methods} méthodes d’inscription',
  },
  COURSES_UPLOAD_TEMPLATE_IGNORED: {
    en: 'Template {template} not applied to the existing course (courses_template_mode is 0)',
    fr: 'Gabarit {template} non appliqué au cours existant (courses_template_mode vaut 0)',
  },
  COURSES_UPLOAD_METHOD_ADDED: {
    en: 'Enrolment method {enrol} added',
    fr: 'Méthode d’inscription {enrol} ajoutée',
  },
  COURSES_UPLOAD_METHOD_ADDED_DISABLED: {
    en: 'Enrolment method {enrol} added, disabled',
    fr: 'Méthode d’inscription {enrol} ajoutée, désactivée',
  },
  COURSES_UPLOAD_METHOD_ENABLED: {
    en: 'Enrolment method {enrol} enabled',
    fr: 'Méthode d’inscription {enrol} activée',
  },
  COURSES_UPLOAD_METHOD_DISABLED: {
    en: 'Enrolment method {enrol} disabled',
    fr: 'Méthode d’inscription {enrol} désactivée',
  },
  COURSES_UPLOAD_TEACHER_ENROLLED: {
    en: 'User {user} enrolled with role {role}',
    fr: 'Utilisateur {user} inscrit avec le rôle {role}',
  },
  COURSES_UPLOAD_TEACHER_ALREADY: {
    en: 'User {user} already enrolled (role {role})',
    fr: 'Utilisateur {user} déjà inscrit (rôle {role})',
  },
  COURSES_UPLOAD_STEP_FAILED: {
    en: '{step}: refused by the platform: {reason}',
    fr: '{step} : refusé par la plateforme : {reason}',
  },
} satisfies Record<string, Bilingual>;

export type UploadMessageCode = keyof typeof UPLOAD_COURSES_MESSAGES;
