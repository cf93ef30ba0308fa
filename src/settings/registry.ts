import type { SettingDefinition } from './setting-definition.js';
import { SERVICE_SETTINGS } from './service-settings.js';

/**
 * Every setting of tool-sync, one entry per key, in the order of SETTING_SECTIONS.
 *
 * Keys, stored values and defaults are the original plugin's (spec/tool_sync.md 2.1, 3.1, 4.1, 5.1, 6.1, 7.1, 8.1),
 * with its invalid defaults and wrong labels fixed (section 11, items 17 and 18). Help texts describe what tool-sync
 * does, which is what the original's labels promise. Entries marked `extension` do not exist in the original.
 *
 * @example
 * SETTINGS.find((s) => s.key === 'users_primaryidentity')?.default; // 'idnumber'
 */
export const SETTINGS: readonly SettingDefinition[] = [
  // ---------------------------------------------------------------- courses (spec 5.1)
  {
    key: 'courses_fileuploadlocation',
    section: 'courses',
    type: 'text',
    default: '',
    label: { en: 'Course creation file', fr: 'Fichier de création des cours' },
    help: {
      en: 'Path of the course creation and update file inside the command file area, such as uploadcourses.csv or incoming/courses.csv; empty means uploadcourses.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier de création et de mise à jour des cours dans la zone des fichiers de commande, par exemple uploadcourses.csv ou entrees/cours.csv ; vide, c'est uploadcourses.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'courses_fileuploadidentifier',
    section: 'courses',
    type: 'select',
    default: 'shortname',
    options: [
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'shortname', label: { en: 'Short name (shortname)', fr: 'Nom abrégé (shortname)' } },
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
    ],
    // The original labels this select "Course creation file" (spec 11.18).
    label: { en: 'Course creation/update identifier', fr: 'Identifiant de création/mise à jour des cours' },
    help: {
      en: 'Course field used to decide whether a row of the course creation file updates an existing course or creates a new one. With "Internal id", rows can only match existing courses: a row for an unknown course is rejected, because an internal id cannot be chosen when creating a course.',
      fr: "Champ de cours qui décide si une ligne du fichier de création met à jour un cours existant ou crée un nouveau cours. Avec « Identifiant interne », les lignes ne peuvent désigner que des cours existants : une ligne pour un cours inconnu est rejetée, car l'identifiant interne ne peut pas être choisi à la création d'un cours.",
    },
  },
  {
    key: 'courses_coursecategoryidentifier',
    section: 'courses',
    type: 'select',
    default: 'idname',
    options: [
      { value: 'idnumber', label: { en: 'ID number', fr: "Numéro d'identification" } },
      {
        value: 'idname',
        label: {
          en: 'Category id or full pathed name (for creation)',
          fr: 'Identifiant de catégorie ou chemin complet des noms (pour la création)',
        },
      },
    ],
    label: { en: 'Course category identifier', fr: 'Identifiant des catégories de cours' },
    help: {
      en: 'How the category column of the course creation file is read. "Category id or full pathed name" takes a number as the id of an existing category, and anything else as a path of names such as Faculty/Department/Year whose missing levels are created. "ID number" looks up an existing category by its ID number and rejects the row when none matches.',
      fr: "Façon de lire la colonne category du fichier de création des cours. « Identifiant de catégorie ou chemin complet » prend un nombre pour l'identifiant d'une catégorie existante, et toute autre valeur pour un chemin de noms tel que Faculté/Département/Année dont les niveaux manquants sont créés. « Numéro d'identification » cherche une catégorie existante par son numéro d'identification et rejette la ligne si aucune ne correspond.",
    },
  },
  {
    key: 'courses_defaultcategory',
    section: 'courses',
    extension: true,
    type: 'text',
    default: '',
    label: { en: 'Default course category', fr: 'Catégorie de cours par défaut' },
    help: {
      en: 'Category id or path of names (such as Faculty/Department) used when a row of the course creation file has no category column or an empty category. Empty means the top category "Miscellaneous".',
      fr: "Identifiant ou chemin de noms de catégorie (par exemple Faculté/Département) utilisé quand une ligne du fichier de création des cours n'a pas de colonne category ou une catégorie vide. Vide, c'est la catégorie de premier niveau « Divers ».",
    },
  },
  {
    key: 'courses_newcategoriesvisible',
    section: 'courses',
    type: 'boolean',
    default: true,
    label: { en: 'New categories are visible', fr: 'Les nouvelles catégories sont visibles' },
    help: {
      en: 'When on, the categories created from a category path are visible; when off, they are created hidden.',
      fr: "Si activé, les catégories créées à partir d'un chemin de catégorie sont visibles ; sinon elles sont créées cachées.",
    },
  },
  {
    key: 'courses_protectcategory',
    section: 'courses',
    type: 'boolean',
    default: false,
    label: { en: 'Protect category on existing courses', fr: 'Protéger la catégorie des cours existants' },
    help: {
      en: 'When on, a forced update never moves an existing course to another category, even when its row names a different one.',
      fr: "Si activé, une mise à jour forcée ne déplace jamais un cours existant dans une autre catégorie, même si sa ligne en indique une autre.",
    },
  },
  {
    key: 'courses_filedeletelocation',
    section: 'courses',
    type: 'text',
    default: '',
    label: { en: 'Course deletion file', fr: 'Fichier de suppression des cours' },
    help: {
      en: 'Path of the course deletion file (no header, one course identifier per line) inside the command file area; empty means deletecourses.csv at the root, the name the deletion file generator writes. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier de suppression des cours (sans en-tête, un identifiant de cours par ligne) dans la zone des fichiers de commande ; vide, c'est deletecourses.csv à la racine, le nom qu'écrit le générateur de fichier de suppression. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'courses_filedeleteidentifier',
    section: 'courses',
    type: 'select',
    // No form default in the original; its code uses shortname when the setting is empty.
    default: 'shortname',
    options: [
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'shortname', label: { en: 'Short name (shortname)', fr: 'Nom abrégé (shortname)' } },
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
    ],
    label: { en: 'File deletion identifier', fr: 'Identifiant de cours pour la suppression' },
    help: {
      en: 'Course field that the identifiers of the course deletion file refer to.',
      fr: 'Champ de cours auquel se rapportent les identifiants du fichier de suppression des cours.',
    },
  },
  {
    key: 'courses_fileexistlocation',
    section: 'courses',
    type: 'text',
    default: '',
    label: { en: 'Course existence check command file', fr: "Fichier de test d'existence des cours" },
    help: {
      en: 'Path of the course existence check file (no header, one course identifier per line, optionally followed by a description) inside the command file area; empty means courses.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier de test d'existence des cours (sans en-tête, un identifiant de cours par ligne, éventuellement suivi d'une description) dans la zone des fichiers de commande ; vide, c'est courses.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'courses_existfileidentifier',
    section: 'courses',
    type: 'select',
    // No form default in the original; its code uses shortname when the setting is empty.
    default: 'shortname',
    options: [
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'shortname', label: { en: 'Short name (shortname)', fr: 'Nom abrégé (shortname)' } },
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
    ],
    label: { en: 'Existence identifier', fr: "Identifiant de test d'existence" },
    help: {
      en: 'Course field that the identifiers of the course existence check file refer to.',
      fr: "Champ de cours auquel se rapportent les identifiants du fichier de test d'existence des cours.",
    },
  },
  {
    key: 'courses_fileresetlocation',
    section: 'courses',
    type: 'text',
    default: '',
    label: { en: 'Course reset command file', fr: 'Fichier de réinitialisation des cours' },
    help: {
      en: 'Path of the course reset file inside the command file area; empty means resetcourses.csv at the root, the name the reset file generator writes. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier de réinitialisation des cours dans la zone des fichiers de commande ; vide, c'est resetcourses.csv à la racine, le nom qu'écrit le générateur de fichier de réinitialisation. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'courses_fileresetidentifier',
    section: 'courses',
    type: 'select',
    // No default in the original, whose code always looked courses up by shortname and whose generator writes a
    // shortname column: shortname keeps every reset file that worked with the original working.
    default: 'shortname',
    options: [
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'shortname', label: { en: 'Short name (shortname)', fr: 'Nom abrégé (shortname)' } },
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
    ],
    label: { en: 'Reset file course identifier', fr: 'Identifiant de cours pour la réinitialisation' },
    help: {
      en: 'Course field used to find the course of each row of the reset file; the file must have a column of that name (shortname, idnumber or id).',
      fr: 'Champ de cours utilisé pour trouver le cours de chaque ligne du fichier de réinitialisation ; le fichier doit avoir une colonne de ce nom (shortname, idnumber ou id).',
    },
  },
  {
    key: 'courses_filemetabindinglocation',
    section: 'courses',
    type: 'text',
    default: '',
    label: { en: 'Metacourse binding file', fr: 'Fichier des liaisons de métacours' },
    help: {
      en: 'Path of the metacourse binding file (columns master, meta and optionally cmd) inside the command file area; empty means metacourses.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier des liaisons de métacours (colonnes master, meta et éventuellement cmd) dans la zone des fichiers de commande ; vide, c'est metacourses.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'courses_filemetabindingidentifier',
    section: 'courses',
    type: 'select',
    // No default in the original: the form shows its first option.
    default: 'idnumber',
    options: [
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'shortname', label: { en: 'Short name (shortname)', fr: 'Nom abrégé (shortname)' } },
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
    ],
    label: { en: 'Course identifier for metacourse bindings', fr: 'Identifiant de cours pour les liaisons de métacours' },
    help: {
      en: 'Course field that the master and meta columns of the metacourse binding file refer to; an unknown course is a row error.',
      fr: 'Champ de cours auquel se rapportent les colonnes master et meta du fichier des liaisons de métacours ; un cours inconnu est une erreur de ligne.',
    },
  },
  {
    key: 'courses_forceupdate',
    section: 'courses',
    type: 'boolean',
    // The original's radio has no default; unset means "No".
    default: false,
    label: { en: 'Force course update', fr: 'Forcer la mise à jour des cours' },
    help: {
      en: 'When on, a row of the course creation file that matches an existing course updates it with the columns present in the file; absent columns leave the course as it is. When off, existing courses are reported and left unchanged.',
      fr: "Si activé, une ligne du fichier de création qui désigne un cours existant le met à jour avec les colonnes présentes dans le fichier ; les colonnes absentes laissent le cours tel quel. Sinon, les cours existants sont signalés et laissés inchangés.",
    },
  },
  {
    key: 'courses_template_mode',
    section: 'courses',
    type: 'select',
    // The original's radio has no default; unset behaves as 0.
    default: '0',
    options: [
      { value: '0', label: { en: '(Do nothing)', fr: '(Ne rien faire)' } },
      { value: '1', label: { en: 'Add content to course', fr: 'Ajouter le contenu au cours' } },
      { value: '2', label: { en: 'Replace course content', fr: 'Remplacer le contenu du cours' } },
    ],
    label: { en: 'Template content integration mode', fr: "Mode d'intégration du contenu des gabarits" },
    help: {
      en: "What a forced update does with the template column of a row for an existing course: nothing, add the template's content to the course, or delete the course's content and then restore the template into it.",
      fr: "Ce que fait une mise à jour forcée de la colonne template d'une ligne désignant un cours existant : rien, ajouter le contenu du gabarit au cours, ou supprimer le contenu du cours puis y restaurer le gabarit.",
    },
  },

  // ---------------------------------------------------------------- users (spec 3.1)
  {
    key: 'users_filelocation',
    section: 'users',
    type: 'text',
    default: '',
    label: { en: 'File for syncing users in the File manager', fr: 'Fichier de synchronisation des utilisateurs' },
    help: {
      en: 'Path of the user creation and update file inside the command file area, such as userimport.csv or incoming/users.csv; empty means userimport.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier de création et de mise à jour des utilisateurs dans la zone des fichiers de commande, par exemple userimport.csv ou entrees/utilisateurs.csv ; vide, c'est userimport.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'users_createpasswords',
    section: 'users',
    type: 'boolean',
    default: false,
    label: { en: 'Create passwords', fr: 'Créer les mots de passe' },
    help: {
      en: 'When on, an account created from a file without a password column gets a generated password, sent to the user by mail, and must change it at first login. An existing account never gets a new password this way.',
      fr: "Si activé, un compte créé à partir d'un fichier sans colonne password reçoit un mot de passe généré, envoyé par courriel à l'utilisateur, qu'il devra changer à sa première connexion. Un compte existant ne reçoit jamais de nouveau mot de passe de cette façon.",
    },
  },
  {
    key: 'users_sendpasswordtousers',
    section: 'users',
    type: 'boolean',
    default: false,
    label: { en: 'Send password by mail to users', fr: 'Envoyer les mots de passe aux utilisateurs' },
    help: {
      en: "When on, a user whose row gives a password receives it by mail, at the account's e-mail address, once the account has been saved. No mail is sent in simulation, nor to addresses containing NOMAIL or NO MAIL.",
      fr: "Si activé, un utilisateur dont la ligne fournit un mot de passe le reçoit par courriel, à l'adresse de son compte, une fois le compte enregistré. Aucun courriel n'est envoyé en simulation, ni aux adresses contenant NOMAIL ou NO MAIL.",
    },
  },
  {
    key: 'users_allowrename',
    section: 'users',
    type: 'boolean',
    default: false,
    label: { en: 'Allow renaming users', fr: 'Autoriser le renommage' },
    help: {
      en: "When on, a row with a value in the oldusername column renames the account that has this username to the row's username; the row is rejected when that account is missing or the new username is taken. When off, the oldusername column is ignored.",
      fr: "Si activé, une ligne ayant une valeur dans la colonne oldusername renomme le compte qui porte ce nom d'utilisateur avec le nom d'utilisateur de la ligne ; la ligne est rejetée si ce compte n'existe pas ou si le nouveau nom est déjà pris. Sinon, la colonne oldusername est ignorée.",
    },
  },
  {
    key: 'users_protectemails',
    section: 'users',
    type: 'boolean',
    default: true,
    label: { en: 'Protect emails', fr: 'Protéger les adresses de courriel' },
    help: {
      en: 'When on, an update never changes the e-mail address of an existing account; an account without an address gets the one from the file. When off, an account takes the address given in the file, provided no other account uses it.',
      fr: "Si activé, une mise à jour ne modifie jamais l'adresse de courriel d'un compte existant ; un compte sans adresse reçoit celle du fichier. Sinon, le compte prend l'adresse donnée par le fichier, à condition qu'aucun autre compte ne l'utilise.",
    },
  },
  {
    key: 'users_primaryidentity',
    section: 'users',
    type: 'select',
    default: 'idnumber',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'username', label: { en: 'Username (username)', fr: "Nom d'utilisateur (username)" } },
      { value: 'email', label: { en: 'Email address (email)', fr: 'Adresse de courriel (email)' } },
    ],
    label: { en: 'User primary identity field', fr: "Champ d'identité primaire des utilisateurs" },
    help: {
      en: "User field used to recognise the existing account of each row of the user files (creation, deletion, suspension and restore); those files need a column of that name. When a row's value for that field is empty, the account is looked up by username.",
      fr: "Champ utilisateur qui permet de reconnaître le compte existant de chaque ligne des fichiers d'utilisateurs (création, suppression, suspension et réactivation) ; ces fichiers doivent avoir une colonne de ce nom. Si la valeur de ce champ est vide sur une ligne, le compte est cherché par nom d'utilisateur.",
    },
  },
  {
    key: 'courses_primaryidentity',
    section: 'users',
    type: 'select',
    default: 'shortname',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'shortname', label: { en: 'Short name (shortname)', fr: 'Nom abrégé (shortname)' } },
    ],
    label: { en: 'Course primary identity field', fr: "Champ d'identité primaire des cours" },
    help: {
      en: 'Course field that the course1, course2… columns of the user file refer to when enrolling the users; an unknown course is a row error.',
      fr: "Champ de cours auquel se rapportent les colonnes course1, course2… du fichier des utilisateurs pour les inscriptions ; un cours inconnu est une erreur de ligne.",
    },
  },
  {
    key: 'users_deletefilelocation',
    section: 'users',
    type: 'text',
    default: '',
    label: { en: 'User deletion file', fr: 'Fichier de suppression des utilisateurs' },
    help: {
      en: 'Path of the user deletion file (accounts found by the primary identity field are deleted) inside the command file area; empty means userdelete.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier de suppression des utilisateurs (les comptes trouvés par le champ d'identité primaire sont supprimés) dans la zone des fichiers de commande ; vide, c'est userdelete.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'users_suspendfilelocation',
    section: 'users',
    type: 'text',
    default: '',
    // The original has no form field (nor label) for this key.
    label: { en: 'User suspension file', fr: 'Fichier de suspension des utilisateurs' },
    help: {
      en: 'Path of the user suspension file (accounts found by the primary identity field are suspended and logged out) inside the command file area; empty means usersuspend.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier de suspension des utilisateurs (les comptes trouvés par le champ d'identité primaire sont suspendus et déconnectés) dans la zone des fichiers de commande ; vide, c'est usersuspend.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'users_restorefilelocation',
    section: 'users',
    extension: true,
    type: 'text',
    default: '',
    label: { en: 'User restore file', fr: 'Fichier de réactivation des utilisateurs' },
    help: {
      en: 'Path of the user restore file (suspended accounts found by the primary identity field are reactivated) inside the command file area; empty means userrestore.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier de réactivation des utilisateurs (les comptes suspendus trouvés par le champ d'identité primaire sont réactivés) dans la zone des fichiers de commande ; vide, c'est userrestore.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },  {
    key: 'users_uploadmode',
    section: 'users',
    type: 'select',
    default: 'addupdate',
    options: [
      { value: 'addupdate', label: { en: 'Add new and update existing users', fr: 'Ajouter les nouveaux et mettre à jour les existants' } },
      { value: 'addnew', label: { en: 'Add new users only, skip existing ones', fr: 'Ajouter seulement les nouveaux, ignorer les existants' } },
      { value: 'update', label: { en: 'Update existing users only', fr: 'Mettre à jour seulement les existants' } },
    ],
    label: { en: 'Upload mode', fr: 'Mode de chargement' },
    help: {
      en: 'What the users file may do, as Moodle\'s own upload tool offers it. "Add new only" skips rows whose account exists; "Update existing only" skips rows whose account does not exist. Skipped rows are reported, not errors.',
      fr: "Ce que le fichier des utilisateurs peut faire, comme le propose l'outil de chargement de Moodle. « Ajouter seulement » ignore les lignes dont le compte existe ; « Mettre à jour seulement » ignore les lignes dont le compte n'existe pas. Les lignes ignorées figurent au rapport, sans erreur.",
    },
    extension: true,
  },
  {
    key: 'users_updatemode',
    section: 'users',
    type: 'select',
    default: 'all',
    options: [
      { value: 'all', label: { en: 'Update with the values of the file', fr: 'Mettre à jour avec les valeurs du fichier' } },
      { value: 'missingonly', label: { en: 'Fill in missing values only', fr: 'Compléter seulement les valeurs manquantes' } },
    ],
    label: { en: 'Update mode', fr: 'Mode de mise à jour' },
    help: {
      en: 'How existing accounts are updated. "Fill in missing values only" writes a value of the file only where the account has none, and never changes a value already there.',
      fr: "Comment les comptes existants sont mis à jour. « Compléter seulement les valeurs manquantes » n'écrit une valeur du fichier que là où le compte n'en a pas, et ne change jamais une valeur déjà présente.",
    },
    extension: true,
  },


  // ---------------------------------------------------------------- enrols (spec 6.1)
  {
    key: 'enrols_filelocation',
    section: 'enrols',
    type: 'text',
    default: '',
    label: { en: 'Enrol file location', fr: "Fichier d'inscriptions" },
    help: {
      en: 'Path of the enrolment file inside the command file area; empty means enrols.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier d'inscriptions dans la zone des fichiers de commande ; vide, c'est enrols.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'enrols_courseidentifier',
    section: 'enrols',
    type: 'select',
    // No default in the original: the form shows its first option.
    default: 'id',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'shortname', label: { en: 'Short name (shortname)', fr: 'Nom abrégé (shortname)' } },
    ],
    label: { en: 'Course identifier field', fr: 'Identifiant pour désigner les cours' },
    help: {
      en: 'Course field that the cid column of the enrolment file refers to.',
      fr: "Champ de cours auquel se rapporte la colonne cid du fichier d'inscriptions.",
    },
  },
  {
    key: 'enrols_useridentifier',
    section: 'enrols',
    type: 'select',
    // No default in the original: the form shows its first option.
    default: 'id',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'username', label: { en: 'Username (username)', fr: "Nom d'utilisateur (username)" } },
      { value: 'email', label: { en: 'Email address (email)', fr: 'Adresse de courriel (email)' } },
    ],
    label: { en: 'User identifier field', fr: 'Identifiant pour désigner les utilisateurs' },
    help: {
      en: 'User field that the uid column of the enrolment file refers to; deleted accounts are never matched.',
      fr: "Champ utilisateur auquel se rapporte la colonne uid du fichier d'inscriptions ; les comptes supprimés ne sont jamais retenus.",
    },
  },
  {
    key: 'enrols_protectgroups',
    section: 'enrols',
    type: 'boolean',
    default: false,
    label: { en: 'Protect manual groups on enrol syncs', fr: "Protéger les groupes manuels lors des synchronisations d'inscriptions" },
    help: {
      en: 'When on, the group memberships that the enrolment file creates are marked as owned by tool-sync, so they cannot be removed by hand in the course. The gdel and greplace group commands then only remove memberships that tool-sync created, and keep those added by hand.',
      fr: "Si activé, les appartenances aux groupes créées par le fichier d'inscriptions sont marquées comme gérées par tool-sync et ne peuvent pas être retirées à la main dans le cours. Les commandes de groupe gdel et greplace ne retirent alors que les appartenances créées par tool-sync et conservent celles ajoutées à la main.",
    },
  },
  {
    key: 'enrols_enableenrolondisabled',
    section: 'enrols',
    type: 'boolean',
    default: false,
    label: { en: 'Allow enrol on disabled instances', fr: "Autoriser l'inscription sur les méthodes désactivées" },
    help: {
      en: "When on, a row may use an instance of the course's enrolment method even when that instance is disabled. When off, only enabled instances are used.",
      fr: "Si activé, une ligne peut utiliser une instance de la méthode d'inscription du cours même si elle est désactivée. Sinon, seules les instances actives sont utilisées.",
    },
  },
  {
    key: 'enrols_mailadmins',
    section: 'enrols',
    type: 'boolean',
    default: false,
    label: { en: 'Notify enrolments to course admins', fr: 'Notifier les inscriptions aux administrateurs du cours' },
    help: {
      en: 'When on, after each enrolment run, the editing teachers of every course that received new students get one mail listing them. No mail is sent in simulation.',
      fr: "Si activé, après chaque traitement du fichier d'inscriptions, les enseignants éditeurs de chaque cours ayant reçu de nouveaux étudiants reçoivent un courriel récapitulatif qui les liste. Aucun courriel n'est envoyé en simulation.",
    },
  },
  {
    key: 'enrols_defaultcmd',
    section: 'enrols',
    // A free text in the original (with no form field); a select keeps an invalid command out of the settings.
    type: 'select',
    default: 'add',
    options: [
      { value: 'add', label: { en: 'add (enrol or assign the role)', fr: 'add (inscrire ou attribuer le rôle)' } },
      { value: 'del', label: { en: 'del (unenrol or unassign the role)', fr: 'del (désinscrire ou retirer le rôle)' } },
      { value: 'shift', label: { en: 'shift (change the role)', fr: 'shift (changer de rôle)' } },
      { value: 'enable', label: { en: 'enable (reactivate the enrolment)', fr: "enable (réactiver l'inscription)" } },
      { value: 'disable', label: { en: 'disable (suspend the enrolment)', fr: "disable (suspendre l'inscription)" } },
    ],
    label: { en: 'Default value for the command column', fr: 'Valeur par défaut de la colonne de commande' },
    help: {
      en: 'Command applied to a row of the enrolment file when the cmd column is absent or its value is empty.',
      fr: "Commande appliquée à une ligne du fichier d'inscriptions quand la colonne cmd est absente ou que sa valeur est vide.",
    },
  },

  // ---------------------------------------------------------------- userpictures (spec 4.1)
  {
    key: 'userpictures_fileprefix',
    section: 'userpictures',
    type: 'text',
    default: 'userpictures_',
    label: { en: 'Picture files prefix', fr: "Préfixe des fichiers d'images" },
    help: {
      en: 'Every ZIP file of the command file area, in any folder, whose name starts with this prefix and ends in .zip is processed, in name order (for example userpictures_20240901.zip, then userpictures_20240902.zip). The prefix is taken literally.',
      fr: "Chaque fichier ZIP de la zone des fichiers de commande, dans n'importe quel dossier, dont le nom commence par ce préfixe et se termine par .zip est traité, dans l'ordre des noms (par exemple userpictures_20240901.zip, puis userpictures_20240902.zip). Le préfixe est pris à la lettre.",
    },
  },
  {
    key: 'userpictures_userfield',
    section: 'userpictures',
    type: 'select',
    // The original initialises this key to 1, which is not an option (spec 11.17). It is a leftover of the plugin's
    // first version, whose list was [0 => username, 1 => idnumber, 2 => id] (copied from Moodle's picture upload):
    // 1 meant idnumber.
    default: 'idnumber',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'username', label: { en: 'Username (username)', fr: "Nom d'utilisateur (username)" } },
      {
        value: 'hostedusername',
        label: { en: 'Username and MNet host id (username@mnethostid)', fr: "Nom d'utilisateur et id d'hôte MNet (username@mnethostid)" },
      },
      { value: 'email', label: { en: 'Email address (email)', fr: 'Adresse de courriel (email)' } },
    ],
    // The original labels this select "Existance identifier" (spec 11.18).
    label: { en: 'User identification field', fr: "Champ d'identification des utilisateurs" },
    help: {
      en: 'User field matched against the name of each image file without its extension: with username, jdoe.jpg is the picture of the user jdoe. With username@mnethostid, images are named like jdoe@1.png.',
      fr: "Champ utilisateur comparé au nom de chaque fichier image sans son extension : avec le nom d'utilisateur, jdupont.jpg est l'image de l'utilisateur jdupont. Avec username@mnethostid, les images sont nommées comme jdupont@1.png.",
    },
  },
  {
    key: 'userpictures_overwrite',
    section: 'userpictures',
    type: 'boolean',
    default: true,
    label: { en: 'Overwrite existing pictures', fr: 'Écraser les images existantes' },
    help: {
      en: "When on, an image of the archive replaces the user's current picture. When off, users who already have a picture are skipped.",
      fr: "Si activé, une image de l'archive remplace l'image actuelle de l'utilisateur. Sinon, les utilisateurs qui ont déjà une image sont ignorés.",
    },
  },
  {
    key: 'userpictures_forcedeletion',
    section: 'userpictures',
    type: 'boolean',
    default: true,
    label: { en: 'Force archive deletion after job', fr: 'Forcer la suppression des archives après traitement' },
    help: {
      en: 'When on, each picture archive is deleted from the command file area once processed, even when the global "Control files cleanup" setting is off; it is still archived first when "Control files archiving" is on. Nothing is deleted in simulation.',
      fr: "Si activé, chaque archive d'images est supprimée de la zone des fichiers de commande une fois traitée, même si le réglage global « Nettoyage des fichiers de contrôle » est désactivé ; elle est d'abord archivée si « Archivage des fichiers de contrôle » est activé. Rien n'est supprimé en simulation.",
    },
  },

  // ---------------------------------------------------------------- cohorts (spec 7.1)
  {
    key: 'cohorts_filelocation',
    section: 'cohorts',
    type: 'text',
    default: '',
    label: { en: 'Cohorts file location', fr: 'Emplacement du fichier de cohortes' },
    help: {
      en: 'Path of the cohort file (cohorts and their members) inside the command file area; empty means cohorts.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier de cohortes (cohortes et membres) dans la zone des fichiers de commande ; vide, c'est cohorts.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'cohorts_useridentifier',
    section: 'cohorts',
    type: 'select',
    default: 'idnumber',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'username', label: { en: 'Username (username)', fr: "Nom d'utilisateur (username)" } },
      { value: 'email', label: { en: 'Email address (email)', fr: 'Adresse de courriel (email)' } },
    ],
    label: { en: 'Cohort user identifier', fr: 'Identifiant des membres des cohortes' },
    help: {
      en: 'User field that the userid column of the cohort file refers to.',
      fr: 'Champ utilisateur auquel se rapporte la colonne userid du fichier de cohortes.',
    },
  },
  {
    key: 'cohorts_cohortidentifier',
    section: 'cohorts',
    type: 'select',
    default: 'idnumber',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'name', label: { en: 'Name (name)', fr: 'Nom (name)' } },
    ],
    label: { en: 'Cohort identifier', fr: 'Identifiant de cohorte' },
    help: {
      en: 'Cohort field used to find cohorts in the cohort file and in the cohort column of the binding file. In the cohort file it also names the identifier column: cid for the internal id, cidnumber for the ID number, cname for the name.',
      fr: "Champ de cohorte utilisé pour trouver les cohortes dans le fichier de cohortes et dans la colonne cohort du fichier de liaisons. Dans le fichier de cohortes, il désigne aussi la colonne d'identification : cid pour l'identifiant interne, cidnumber pour le numéro d'identification, cname pour le nom.",
    },
  },
  {
    key: 'cohorts_coursebindingfilelocation',
    section: 'cohorts',
    type: 'text',
    default: '',
    label: { en: 'Cohorts to course file location', fr: 'Fichier des liaisons des cohortes aux cours' },
    help: {
      en: 'Path of the cohort-to-course binding file inside the command file area; empty means cohortscourses.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier des liaisons des cohortes aux cours dans la zone des fichiers de commande ; vide, c'est cohortscourses.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'cohorts_courseidentifier',
    section: 'cohorts',
    type: 'select',
    default: 'idnumber',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'shortname', label: { en: 'Short name (shortname)', fr: 'Nom abrégé (shortname)' } },
    ],
    label: { en: 'Course identifier', fr: 'Identifiant de cours' },
    help: {
      en: 'Course field that the course column of the cohort-to-course binding file refers to.',
      fr: 'Champ de cours auquel se rapporte la colonne course du fichier des liaisons des cohortes aux cours.',
    },
  },
  {
    key: 'cohorts_roleidentifier',
    section: 'cohorts',
    type: 'select',
    // The original's default is idnumber, which roles do not have and the select does not offer (spec 11.17).
    default: 'shortname',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'shortname', label: { en: 'Short name (shortname)', fr: 'Nom abrégé (shortname)' } },
    ],
    label: { en: 'Role identifier', fr: 'Identifiant de rôle' },
    help: {
      en: 'Role field that the role column of the cohort-to-course binding file refers to; an empty or absent role means student.',
      fr: 'Champ de rôle auquel se rapporte la colonne role du fichier des liaisons des cohortes aux cours ; un rôle vide ou absent vaut student (étudiant).',
    },
  },
  {
    key: 'cohorts_autocreate',
    section: 'cohorts',
    type: 'boolean',
    default: true,
    label: { en: 'Create missing cohorts', fr: 'Créer les cohortes manquantes' },
    help: {
      en: 'When on, an add row naming an unknown cohort creates it, in the category given by ccatcontext or ccatcontextidnumber, or else at system level. When off, such rows are rejected.',
      fr: "Si activé, une ligne add désignant une cohorte inconnue la crée, dans la catégorie indiquée par ccatcontext ou ccatcontextidnumber, sinon au niveau du système. Sinon, ces lignes sont rejetées.",
    },
  },
  {
    key: 'cohorts_syncdelete',
    section: 'cohorts',
    type: 'boolean',
    default: true,
    label: { en: 'Cleanup empty cohorts when syncing', fr: 'Supprimer les cohortes vides lors des synchronisations' },
    help: {
      en: 'When on, at the end of a cohort file run, the cohorts whose last members were removed by that run are deleted, which also removes the course enrolments made through them. No cohort is deleted in simulation.',
      fr: "Si activé, à la fin du traitement d'un fichier de cohortes, les cohortes dont ce traitement a retiré les derniers membres sont supprimées, ce qui retire aussi les inscriptions aux cours faites par leur intermédiaire. Aucune cohorte n'est supprimée en simulation.",
    },
  },

  // ---------------------------------------------------------------- groups (spec 8.1)
  {
    key: 'groups_filelocation',
    section: 'groups',
    type: 'text',
    default: '',
    label: { en: 'Group file location', fr: 'Emplacement du fichier des groupes' },
    help: {
      en: 'Path of the group and grouping definition file inside the command file area; empty means groups.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier de définition des groupes et groupements dans la zone des fichiers de commande ; vide, c'est groups.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'groupmembers_filelocation',
    section: 'groups',
    type: 'text',
    default: '',
    label: { en: 'Group members file location', fr: 'Emplacement du fichier des membres de groupes' },
    help: {
      en: 'Path of the group membership file inside the command file area; empty means groupmembers.csv at the root. A comma-separated list names candidate files: the first one that exists is processed. A "*" in the file name processes every matching file, in name order, one run each.',
      fr: "Chemin du fichier des membres de groupes dans la zone des fichiers de commande ; vide, c'est groupmembers.csv à la racine. Une liste séparée par des virgules désigne des fichiers candidats : le premier qui existe est traité. Un « * » dans le nom de fichier traite chaque fichier correspondant, dans l'ordre des noms, une exécution par fichier.",
    },
  },
  {
    key: 'groups_courseidentifier',
    section: 'groups',
    type: 'select',
    // No default in the original: the form shows its first option.
    default: 'id',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'shortname', label: { en: 'Short name (shortname)', fr: 'Nom abrégé (shortname)' } },
    ],
    label: { en: 'Course identifier', fr: 'Identifiant de cours' },
    help: {
      en: 'Course field that the courseid column of the group file and of the group members file refers to.',
      fr: 'Champ de cours auquel se rapporte la colonne courseid du fichier des groupes et du fichier des membres de groupes.',
    },
  },
  {
    key: 'groups_useridentifier',
    section: 'groups',
    type: 'select',
    // No default in the original: the form shows its first option.
    default: 'id',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'username', label: { en: 'Username (username)', fr: "Nom d'utilisateur (username)" } },
      { value: 'email', label: { en: 'Email address (email)', fr: 'Adresse de courriel (email)' } },
    ],
    label: { en: 'User identifier', fr: "Identifiant d'utilisateur" },
    help: {
      en: 'User field that the userid column of the group members file refers to.',
      fr: 'Champ utilisateur auquel se rapporte la colonne userid du fichier des membres de groupes.',
    },
  },
  {
    key: 'groups_groupidentifier',
    section: 'groups',
    type: 'select',
    // No default in the original: the form shows its first option.
    default: 'id',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'name', label: { en: 'Name (name)', fr: 'Nom (name)' } },
    ],
    label: { en: 'Group identifier', fr: 'Identifiant de groupe' },
    help: {
      en: "Group field that the groupid column of the group members file, and the updateid column of the group file on group rows, refer to; groups are always looked up within the row's course.",
      fr: "Champ de groupe auquel se rapportent la colonne groupid du fichier des membres de groupes et la colonne updateid du fichier des groupes sur les lignes de groupe ; les groupes sont toujours cherchés dans le cours de la ligne.",
    },
  },
  {
    key: 'groups_groupingidentifier',
    section: 'groups',
    type: 'select',
    // No default in the original: the form shows its first option.
    default: 'id',
    options: [
      { value: 'id', label: { en: 'Internal id (id)', fr: 'Identifiant interne (id)' } },
      { value: 'idnumber', label: { en: 'ID number (idnumber)', fr: "Numéro d'identification (idnumber)" } },
      { value: 'name', label: { en: 'Name (name)', fr: 'Nom (name)' } },
    ],
    label: { en: 'Grouping identifier', fr: 'Identifiant de groupement' },
    help: {
      en: "Grouping field that the updateid column of the group file refers to on grouping rows; groupings are always looked up within the row's course.",
      fr: 'Champ de groupement auquel se rapporte la colonne updateid du fichier des groupes sur les lignes de groupement ; les groupements sont toujours cherchés dans le cours de la ligne.',
    },
  },
  {
    key: 'groups_autogrouping',
    section: 'groups',
    type: 'boolean',
    default: false,
    label: { en: 'Auto grouping groups', fr: 'Regroupement automatique des groupes' },
    help: {
      en: 'Kept for compatibility: the original plugin never used this setting and it has no effect. To put a group into a grouping of the same name, fill the selfgrouping column of the group file.',
      fr: "Conservé pour compatibilité : le plugin d'origine n'utilisait pas ce réglage, qui n'a aucun effet. Pour placer un groupe dans un groupement du même nom, renseignez la colonne selfgrouping du fichier des groupes.",
    },
  },
  {
    key: 'groups_purgeemptygroups',
    section: 'groups',
    type: 'select',
    default: '0',
    options: [
      { value: '0', label: { en: 'No purge', fr: 'Pas de purge' } },
      { value: '1', label: { en: 'Empty groups', fr: 'Groupes vides' } },
      { value: '2', label: { en: 'Empty groups and groupings', fr: 'Groupes et groupements vides' } },
    ],
    label: { en: 'Purge empty groups', fr: 'Purger les groupes vides' },
    help: {
      en: 'After a group members file run, delete the groups left without members, and optionally the groupings left without groups, only in the courses named in the file.',
      fr: "Après le traitement d'un fichier des membres de groupes, supprime les groupes restés sans membres, et au choix les groupements restés sans groupes, uniquement dans les cours cités par le fichier.",
    },
  },
  {
    key: 'groups_mailadmins',
    section: 'groups',
    type: 'boolean',
    default: false,
    // "administors" fixed.
    label: { en: 'Email course administrators with import results', fr: "Envoyer les résultats de l'import aux administrateurs du cours" },
    help: {
      en: 'When on, after a group file or group members file run, the editing teachers of each course named in the file get one mail with the report lines about their course. No mail is sent in simulation.',
      fr: "Si activé, après le traitement d'un fichier des groupes ou des membres de groupes, les enseignants éditeurs de chaque cours cité par le fichier reçoivent un courriel avec les lignes du rapport qui concernent leur cours. Aucun courriel n'est envoyé en simulation.",
    },
  },

  // ---------------------------------------------------------------- fileformat (spec 2.1, "Input files format configuration")
  {
    key: 'encoding',
    section: 'fileformat',
    type: 'select',
    default: 'UTF-8',
    // The original offers UTF-8 and ISO-8859-1; Windows-1252 and auto are added values of the same key.
    options: [
      { value: 'UTF-8', label: { en: 'UTF-8', fr: 'UTF-8' } },
      { value: 'ISO-8859-1', label: { en: 'ISO-8859-1', fr: 'ISO-8859-1' } },
      { value: 'Windows-1252', label: { en: 'Windows-1252', fr: 'Windows-1252' } },
      { value: 'auto', label: { en: 'Automatic (UTF-8, else Windows-1252)', fr: 'Automatique (UTF-8, sinon Windows-1252)' } },
    ],
    label: { en: 'Source file encoding', fr: 'Encodage des fichiers source' },
    help: {
      en: 'Character encoding of every input file; it is converted once, and a UTF-8 byte order mark is accepted in every mode. Automatic reads a file as UTF-8 when it is valid UTF-8 and as Windows-1252 otherwise. Tryback files are written in the encoding of their input file.',
      fr: "Encodage des caractères de tous les fichiers d'entrée ; il est converti une seule fois, et une marque d'ordre des octets UTF-8 (BOM) est acceptée dans tous les modes. Automatique lit un fichier en UTF-8 s'il est en UTF-8 valide, sinon en Windows-1252. Les fichiers de reprise sont écrits dans l'encodage de leur fichier d'entrée.",
    },
  },
  {
    key: 'csvseparator',
    section: 'fileformat',
    type: 'select',
    default: ';',
    // The original offers ";" and ","; the tab is an added value of the same key.
    options: [
      { value: ';', label: { en: '; (semicolon)', fr: '; (point-virgule)' } },
      { value: ',', label: { en: ', (comma)', fr: ', (virgule)' } },
      { value: '\t', label: { en: 'Tab', fr: 'Tabulation' } },
    ],
    label: { en: 'CSV field separator', fr: 'Séparateur de champs CSV' },
    help: {
      en: 'Field separator of every CSV input file, also used for tryback files and generated files. A value that starts with a double quote may contain the separator, doubled quotes and line breaks up to its closing quote.',
      fr: "Séparateur de champs de tous les fichiers CSV d'entrée, utilisé aussi pour les fichiers de reprise et les fichiers générés. Une valeur qui commence par un guillemet droit peut contenir le séparateur, des guillemets doublés et des retours à la ligne jusqu'à son guillemet fermant.",
    },
  },
  {
    key: 'discardfileonfailure',
    section: 'fileformat',
    type: 'boolean',
    default: false,
    label: {
      en: 'Discard input file on failure (processing exceptions)',
      fr: "Écarter le fichier d'entrée en cas d'échec (erreurs de traitement)",
    },
    help: {
      en: 'When on, if a run stopped before its end (crash or server restart), the next run of that processor renames the file it was processing to <name>-tryback-failed.<ext> and skips this turn, so that the same file is not applied twice blindly. When off, the file is processed again at the next run.',
      fr: "Si activé, quand un traitement s'est arrêté avant la fin (plantage ou redémarrage du serveur), le traitement suivant du même type renomme le fichier en cours en <nom>-tryback-failed.<ext> et saute ce tour, pour ne pas appliquer deux fois le même fichier à l'aveugle. Sinon, le fichier est traité de nouveau au traitement suivant.",
    },
  },
  {
    key: 'invalidnamesnocheck',
    section: 'fileformat',
    type: 'boolean',
    default: false,
    // Grammar of the original label ("let additional unused columns in file") fixed.
    label: {
      en: 'Do not check column names (allow additional unused columns in the file)',
      fr: 'Ne pas vérifier les noms de colonnes (autoriser des colonnes supplémentaires inutilisées)',
    },
    help: {
      en: 'When on, every processor ignores the columns it does not know instead of stopping the run with a message naming the column. Required columns are still checked.',
      fr: "Si activé, chaque traitement ignore les colonnes qu'il ne connaît pas au lieu de s'arrêter avec un message nommant la colonne. Les colonnes obligatoires restent vérifiées.",
    },
  },
  {
    key: 'dates_timezone',
    section: 'fileformat',
    extension: true,
    type: 'text',
    default: '',
    label: { en: 'Time zone of dates', fr: 'Fuseau horaire des dates' },
    help: {
      en: "IANA time zone name, such as Europe/Paris, used to read the dates of input files given without a time zone (YYYY-MM-DD or YYYY-MM-DD hh:mm[:ss]); Unix timestamps are not affected. Empty means the server's time zone.",
      fr: "Nom de fuseau horaire IANA, par exemple Europe/Paris, utilisé pour lire les dates des fichiers d'entrée données sans fuseau (AAAA-MM-JJ ou AAAA-MM-JJ hh:mm[:ss]) ; les horodatages Unix ne sont pas concernés. Vide, c'est le fuseau horaire du serveur.",
    },
  },
  {
    key: 'reportlang',
    section: 'fileformat',
    extension: true,
    type: 'select',
    default: 'en',
    options: [
      { value: 'en', label: { en: 'English', fr: 'Anglais' } },
      { value: 'fr', label: { en: 'French', fr: 'Français' } },
    ],
    label: { en: 'Report language', fr: 'Langue des rapports' },
    help: {
      en: 'Language of the run reports, of the messages written in tryback files and of the notification mails.',
      fr: 'Langue des rapports de traitement, des messages écrits dans les fichiers de reprise et des courriels de notification.',
    },
  },

  // ---------------------------------------------------------------- postprocess (spec 2.1, "Post-processing")
  {
    key: 'enrolcleanup',
    section: 'postprocess',
    type: 'boolean',
    default: false,
    label: { en: 'Group cleanup', fr: 'Nettoyage des groupes' },
    help: {
      en: 'Clear groups that are present but empty of users: when on, after an enrolment file run, the groups left without members in the courses named in the file are deleted. Nothing is deleted in simulation.',
      fr: "Efface les groupes présents mais vides d'utilisateurs : si activé, après le traitement d'un fichier d'inscriptions, les groupes restés sans membres dans les cours cités par le fichier sont supprimés. Rien n'est supprimé en simulation.",
    },
  },
  {
    key: 'storereport',
    section: 'postprocess',
    type: 'boolean',
    default: false,
    label: { en: 'Store report file', fr: 'Enregistrer le fichier de rapport' },
    help: {
      en: 'When on, the report of each run is saved in the command file area as reports/<YYYYMMDD-HHMM>_report_<input file name>.',
      fr: "Si activé, le rapport de chaque traitement est enregistré dans la zone des fichiers de commande sous reports/<AAAAMMJJ-HHMM>_report_<nom du fichier d'entrée>.",
    },
  },
  {
    key: 'filearchive',
    section: 'postprocess',
    type: 'boolean',
    default: false,
    label: { en: 'Control files archiving', fr: 'Archivage des fichiers de contrôle' },
    help: {
      en: 'When on, each processed input file is copied to archives/<YYYYMMDD-HHMM>_<file name> in the command file area. Nothing is archived in simulation.',
      fr: "Si activé, chaque fichier d'entrée traité est copié sous archives/<AAAAMMJJ-HHMM>_<nom du fichier> dans la zone des fichiers de commande. Rien n'est archivé en simulation.",
    },
  },
  {
    key: 'filefailed',
    section: 'postprocess',
    type: 'boolean',
    default: false,
    label: { en: 'Tryback file', fr: 'Fichier de reprise' },
    help: {
      en: 'When on, the failed rows of a run are written, after the original header line, to <name>_tryback_<YYYYMMDD-HHMM>.<ext> next to the input file, in its encoding and separator, ready to be corrected and fed again.',
      fr: "Si activé, les lignes en échec d'un traitement sont écrites, après la ligne d'en-tête d'origine, dans <nom>_tryback_<AAAAMMJJ-HHMM>.<ext> à côté du fichier d'entrée, dans son encodage et avec son séparateur, prêtes à être corrigées et retraitées.",
    },
  },
  {
    key: 'filecleanup',
    section: 'postprocess',
    type: 'boolean',
    default: false,
    label: { en: 'Control files cleanup', fr: 'Nettoyage des fichiers de contrôle' },
    help: {
      en: 'When on, each input file is deleted from the command file area once its run has finished and its report, tryback file and archive are written. Nothing is deleted in simulation.',
      fr: "Si activé, chaque fichier d'entrée est supprimé de la zone des fichiers de commande une fois son traitement terminé et son rapport, son fichier de reprise et son archive écrits. Rien n'est supprimé en simulation.",
    },
  },
  {
    key: 'fileareacleanupdelay',
    section: 'postprocess',
    type: 'integer',
    default: 90,
    min: 0,
    label: { en: 'Remove stored files older than (in days)', fr: 'Supprimer les fichiers stockés plus anciens que (en jours)' },
    help: {
      en: 'Every day, the reports, archives and tryback files older than this number of days are deleted from the command file area; configured input files are never deleted. 0 disables this cleanup.',
      fr: "Chaque jour, les rapports, archives et fichiers de reprise plus anciens que ce nombre de jours sont supprimés de la zone des fichiers de commande ; les fichiers d'entrée configurés ne sont jamais supprimés. 0 désactive ce nettoyage.",
    },
  },

  // ---------------------------------------------------------------- platform (extensions)
  {
    key: 'platform',
    section: 'platform',
    extension: true,
    type: 'select',
    default: 'embedded',
    options: [
      { value: 'embedded', label: { en: 'Embedded store', fr: 'Base intégrée' } },
      { value: 'moodle', label: { en: 'Moodle (web services)', fr: 'Moodle (services web)' } },
    ],
    label: { en: 'Target platform', fr: 'Plateforme cible' },
    help: {
      en: 'Where the files are applied: the store embedded in tool-sync, or a Moodle site through its REST web services. The Moodle web service token is set in the deployment configuration, not here.',
      fr: "Où les fichiers sont appliqués : la base intégrée à tool-sync, ou un site Moodle par ses services web REST. Le jeton du service web Moodle se règle dans la configuration de déploiement, pas ici.",
    },
  },
  {
    key: 'moodle_url',
    section: 'platform',
    extension: true,
    type: 'text',
    default: '',
    label: { en: 'Moodle site URL', fr: 'Adresse du site Moodle' },
    help: {
      en: 'Base address of the Moodle site (its wwwroot), such as https://moodle.example.edu, used when the target platform is Moodle.',
      fr: "Adresse de base du site Moodle (son wwwroot), par exemple https://moodle.exemple.fr, utilisée quand la plateforme cible est Moodle.",
    },
  },
  {
    key: 'moodle_maxinputvars',
    section: 'platform',
    extension: true,
    type: 'integer',
    default: 5000,
    min: 100,
    label: { en: 'Moodle server max_input_vars', fr: 'max_input_vars du serveur Moodle' },
    help: {
      en: "PHP max_input_vars setting of the Moodle server (Moodle requires at least 5000). Web service requests are split so that each stays at about 80 % of it, because PHP silently drops the values beyond that limit.",
      fr: "Réglage PHP max_input_vars du serveur Moodle (Moodle exige au moins 5000). Les requêtes aux services web sont découpées pour rester à environ 80 % de cette valeur, car PHP ignore sans prévenir les valeurs au-delà.",
    },
  },
  {
    key: 'moodle_concurrency',
    section: 'platform',
    extension: true,
    type: 'integer',
    default: 4,
    min: 1,
    max: 32,
    label: { en: 'Concurrent Moodle requests', fr: 'Requêtes Moodle simultanées' },
    help: {
      en: 'Number of web service requests sent to Moodle at the same time. About 4 saturate a 2-core server; more only help on larger servers.',
      fr: "Nombre de requêtes aux services web envoyées à Moodle en même temps. Environ 4 saturent un serveur à 2 cœurs ; davantage n'aide que sur des serveurs plus gros.",
    },
  },
  {
    key: 'moodle_rolemap',
    section: 'platform',
    extension: true,
    type: 'text',
    default: '',
    label: { en: 'Moodle role ids', fr: 'Identifiants des rôles Moodle' },
    help: {
      en: 'Role ids of the Moodle site by shortname, such as "student=5, editingteacher=3", where they differ from a standard installation (manager 1, coursecreator 2, editingteacher 3, teacher 4, student 5, guest 6, user 7, frontpage 8). Not needed with the companion plugin local_toolsync, which lists the roles.',
      fr: "Identifiants des rôles du site Moodle par nom abrégé, par exemple « student=5, editingteacher=3 », quand ils diffèrent d'une installation standard (manager 1, coursecreator 2, editingteacher 3, teacher 4, student 5, guest 6, user 7, frontpage 8). Inutile avec le plugin compagnon local_toolsync, qui liste les rôles.",
    },
  },
  {
    key: 'mail_from',
    section: 'platform',
    type: 'text',
    default: '',
    label: { en: 'Sender of mails', fr: 'Expéditeur des courriels' },
    help: {
      en: 'Address the mails of tool-sync come from (credentials of new accounts, digests to teachers), such as "Moodle <noreply@school.example>". Empty: noreply@localhost.',
      fr: "Adresse d'où partent les courriels de tool-sync (identifiants des nouveaux comptes, synthèses aux enseignants), par exemple « Moodle <noreply@ecole.example> ». Vide : noreply@localhost.",
    },
    extension: true,
  },
  {
    key: 'mail_sitename',
    section: 'platform',
    type: 'text',
    default: '',
    label: { en: 'Site name in mails', fr: 'Nom du site dans les courriels' },
    help: {
      en: 'Name of the learning platform as mails give it ("Your credentials on <name>"). Empty: the platform address, or "Moodle".',
      fr: "Nom de la plateforme de formation tel que les courriels l'indiquent (« Vos identifiants sur <nom> »). Vide : l'adresse de la plateforme, ou « Moodle ».",
    },
    extension: true,
  },
  // ---------------------------------------------------------------- service (extensions: watcher, notifications)
  ...SERVICE_SETTINGS,
];
