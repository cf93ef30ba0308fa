/**
 * The settings of a course as Moodle's `course` table holds them, beyond its identity: what the course
 * creation file can set, what a template passes on, what a forced update compares.
 */

/** Text settings of a course. */
export const COURSE_TEXT_FIELDS = ['fullname', 'shortname', 'idnumber', 'summary', 'format', 'lang', 'theme'] as const;
/** Whole-number settings of a course (flags are 0/1, times Unix seconds, `category` a category id). */
export const COURSE_NUMBER_FIELDS = [
  'category',
  'sortorder',
  'showgrades',
  'newsitems',
  'startdate',
  'enddate',
  'marker',
  'maxbytes',
  'legacyfiles',
  'showreports',
  'visible',
  'visibleold',
  'coursedisplay',
  'groupmode',
  'enablecompletion',
  'groupmodeforce',
  'defaultgroupingid',
  'timecreated',
  'timemodified',
] as const;

export type CourseTextField = (typeof COURSE_TEXT_FIELDS)[number];
export type CourseNumberField = (typeof COURSE_NUMBER_FIELDS)[number];
export type CourseSettingField = CourseTextField | CourseNumberField;

/** Every setting of a course, with its id. */
export type CourseRecord = { readonly id: number } & { readonly [F in CourseTextField]: string } & { readonly [F in CourseNumberField]: number };

/** Settings to write: only the fields given. */
export type CourseSettings = { readonly [F in CourseTextField]?: string } & { readonly [F in CourseNumberField]?: number };

/**
 * What a new course holds where nothing was given: Moodle's site course defaults (`moodlecourse` settings).
 * The embedded store's column defaults are the same (migration 0004), so a simulation predicts the store.
 */
export const COURSE_DEFAULTS: Omit<CourseRecord, 'id' | 'fullname' | 'shortname' | 'category' | 'timecreated' | 'timemodified'> = {
  idnumber: '',
  summary: '',
  format: 'topics',
  lang: '',
  theme: '',
  sortorder: 0,
  showgrades: 1,
  newsitems: 5,
  startdate: 0,
  enddate: 0,
  marker: 0,
  maxbytes: 0,
  legacyfiles: 0,
  showreports: 0,
  visible: 1,
  visibleold: 1,
  coursedisplay: 0,
  groupmode: 0,
  enablecompletion: 1,
  groupmodeforce: 0,
  defaultgroupingid: 0,
};

/** A change to an existing course: only the settings given are written. */
export interface CourseChange {
  readonly id: number;
  readonly set: CourseSettings;
}

/** A course category to create under `parent` (0 for the top level). */
export interface NewCategory {
  readonly name: string;
  readonly parent: number;
  readonly visible: boolean;
  readonly idnumber?: string;
}

/** A section of a course: number 0 is the general section; a null name shows the format's default name. */
export interface CourseSection {
  readonly courseId: number;
  readonly section: number;
  readonly name: string | null;
  readonly summary: string;
}

/**
 * Sections to write into a course: each is created or overwritten (name and summary); with `replace`, the
 * course's sections not listed are removed; `count` makes sure sections 0…count exist (missing ones empty).
 */
export interface SectionsChange {
  readonly courseId: number;
  readonly sections: readonly Omit<CourseSection, 'courseId'>[];
  readonly replace?: boolean;
  readonly count?: number;
}

/** An enrolment instance of a plain method (`self`, `guest`, `manual`) to add after the course's others. */
export interface NewEnrolInstance {
  readonly courseId: number;
  readonly enrol: string;
  readonly enabled: boolean;
  /** Role given by the instance; 0 for the method's default (student for self, none for guest). */
  readonly roleId?: number;
}

/** A new course restored from a Moodle backup (`.mbz`): the file, where the course goes, and its names. */
export interface CourseRestore {
  /** The file's name (Moodle keeps it in the draft area it restores from). */
  readonly filename: string;
  /** The backup, read as it is sent (a file-backed Blob: a backup can weigh hundreds of megabytes). */
  readonly content: Blob;
  readonly categoryId: number;
  readonly fullname: string;
  readonly shortname: string;
  /**
   * An existing course to restore into instead of a new one: the backup's content added to the course's, or in
   * place of it (`replace`); the course keeps its names, settings, users, groups and enrolment methods.
   */
  readonly into?: { readonly courseId: number; readonly replace: boolean };
}

/** A new course copied from a template course, named and placed as given; never the template's users. */
export interface CourseDuplicate {
  readonly templateId: number;
  readonly fullname: string;
  readonly shortname: string;
  readonly categoryId: number;
  readonly visible: boolean;
}

/** A template course's content brought into an existing course. */
export interface CourseImport {
  readonly fromId: number;
  readonly toId: number;
}
