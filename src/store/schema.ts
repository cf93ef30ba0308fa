import type { Generated } from 'kysely';

/**
 * The tables of the store. `ts_*` tables are the service's own; `lms_*` tables are the embedded platform,
 * shaped after Moodle's (same names without the prefix, same meaning of columns and codes) so that every
 * processor has real semantics and a result can be compared with what Moodle would hold.
 */
export interface Database {
  ts_settings: SettingRow;
  ts_runs: RunRow;
  ts_locks: LockRow;
  lms_user: UserTable;
  lms_user_info_field: UserInfoFieldTable;
  lms_user_info_data: UserInfoDataTable;
  lms_user_preferences: UserPreferenceTable;
  lms_user_picture: UserPictureTable;
  lms_context: ContextTable;
  lms_course_categories: CategoryTable;
  lms_course: CourseTable;
  lms_course_sections: CourseSectionTable;
  lms_enrol: EnrolTable;
  lms_user_enrolments: UserEnrolmentTable;
  lms_role: RoleTable;
  lms_role_assignments: RoleAssignmentTable;
  lms_groups: GroupTable;
  lms_groupings: GroupingTable;
  lms_groupings_groups: GroupingGroupTable;
  lms_groups_members: GroupMemberTable;
  lms_cohort: CohortTable;
  lms_cohort_members: CohortMemberTable;
}

/** A persisted setting; the value is JSON text. */
export interface SettingRow {
  key: string;
  value: string;
  updated_at: number;
}

/** One run of one processor action on one input file, from queue to end. */
export interface RunRow {
  id: Generated<number>;
  processor: string;
  action: string;
  /** Input path inside the file area. */
  input_path: string | null;
  trigger: string;
  simulate: number;
  status: string;
  rows_read: number;
  rows_ok: number;
  rows_skipped: number;
  rows_error: number;
  /** JSON object of entity counters, such as `{"users.created": 3}`. */
  counters: string;
  /** Failure message of a failed run. */
  message: string | null;
  /** Host and process that executes the run. */
  owner: string | null;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
  report_path: string | null;
  tryback_path: string | null;
  archive_path: string | null;
}

/** A named lock held by a process; a lock whose heartbeat is old belongs to a dead process. */
export interface LockRow {
  name: string;
  owner: string;
  run_id: number | null;
  acquired_at: number;
  heartbeat_at: number;
}

export interface UserTable {
  id: Generated<number>;
  auth: string;
  confirmed: number;
  deleted: number;
  suspended: number;
  mnethostid: number;
  username: string;
  password: string;
  idnumber: string;
  firstname: string;
  lastname: string;
  email: string;
  phone1: string;
  phone2: string;
  institution: string;
  department: string;
  address: string;
  city: string;
  country: string;
  lang: string;
  timezone: string;
  description: string;
  url: string;
  mailformat: number;
  maildisplay: number;
  maildigest: number;
  autosubscribe: number;
  trackforums: number;
  picture: number;
  timecreated: number;
  timemodified: number;
}

export interface UserInfoFieldTable {
  id: Generated<number>;
  shortname: string;
  name: string;
  datatype: string;
}

export interface UserInfoDataTable {
  id: Generated<number>;
  userid: number;
  fieldid: number;
  data: string;
}

export interface UserPreferenceTable {
  id: Generated<number>;
  userid: number;
  name: string;
  value: string;
}

/** Picture variants as Moodle keeps them (`f1` 100px, `f2` 35px, `f3` 512px). */
export interface UserPictureTable {
  userid: number;
  variant: string;
  mimetype: string;
  content: Uint8Array;
  timemodified: number;
}

/** Moodle context levels: 10 system, 30 user, 40 category, 50 course. */
export interface ContextTable {
  id: Generated<number>;
  contextlevel: number;
  instanceid: number;
}

export interface CategoryTable {
  id: Generated<number>;
  name: string;
  idnumber: string;
  description: string;
  parent: number;
  sortorder: number;
  visible: number;
  depth: number;
  /** `/1/4/9`: the ids from the top down to this category. */
  path: string;
  timemodified: number;
}

export interface CourseTable {
  id: Generated<number>;
  category: number;
  sortorder: number;
  fullname: string;
  shortname: string;
  idnumber: string;
  summary: string;
  format: string;
  startdate: number;
  enddate: number;
  visible: number;
  lang: string;
  timecreated: number;
  timemodified: number;
}

export interface CourseSectionTable {
  id: Generated<number>;
  course: number;
  section: number;
  name: string | null;
  summary: string;
  visible: number;
}

/** An enrolment instance: `manual`, `self`, `guest`, `cohort`, `meta`; status 0 enabled, 1 disabled. */
export interface EnrolTable {
  id: Generated<number>;
  enrol: string;
  status: number;
  courseid: number;
  sortorder: number;
  name: string | null;
  roleid: number;
  enrolstartdate: number;
  enrolenddate: number;
  /** Cohort id (cohort) or parent course id (meta). */
  customint1: number | null;
  /** Group id the cohort members are put in (cohort). */
  customint2: number | null;
  timecreated: number;
  timemodified: number;
}

/** A user's enrolment in an instance; status 0 active, 1 suspended. */
export interface UserEnrolmentTable {
  id: Generated<number>;
  enrolid: number;
  userid: number;
  status: number;
  timestart: number;
  timeend: number;
  timecreated: number;
  timemodified: number;
}

export interface RoleTable {
  id: Generated<number>;
  shortname: string;
  name: string;
  archetype: string;
  sortorder: number;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  roleid: number;
  contextid: number;
  userid: number;
  /** Plugin that owns the assignment (`enrol_cohort`…), empty for manual ones. */
  component: string;
  itemid: number;
  timemodified: number;
}

export interface GroupTable {
  id: Generated<number>;
  courseid: number;
  idnumber: string;
  name: string;
  description: string;
  timecreated: number;
  timemodified: number;
}

export interface GroupingTable {
  id: Generated<number>;
  courseid: number;
  idnumber: string;
  name: string;
  description: string;
  timecreated: number;
  timemodified: number;
}

export interface GroupingGroupTable {
  id: Generated<number>;
  groupingid: number;
  groupid: number;
}

export interface GroupMemberTable {
  id: Generated<number>;
  groupid: number;
  userid: number;
  /** Owning plugin (`tool_sync` for protected memberships), empty for manual ones. */
  component: string;
  itemid: number;
  timeadded: number;
}

export interface CohortTable {
  id: Generated<number>;
  contextid: number;
  name: string;
  idnumber: string;
  description: string;
  component: string;
  visible: number;
  timecreated: number;
  timemodified: number;
}

export interface CohortMemberTable {
  id: Generated<number>;
  cohortid: number;
  userid: number;
  timeadded: number;
}
