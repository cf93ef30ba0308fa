import type { Generated } from 'kysely';

/**
 * The tables of the store. Columns with a database default are `Generated` (optional on insert). `ts_*` tables are the service's own; `lms_*` tables are the embedded platform,
 * shaped after Moodle's (same names without the prefix, same meaning of columns and codes) so that every
 * processor has real semantics and a result can be compared with what Moodle would hold.
 */
export interface Database {
  ts_migrations: { name: string; applied_at: number };
  ts_settings: SettingRow;
  ts_runs: RunRow;
  ts_locks: LockRow;
  ts_accounts: AccountRow;
  ts_sessions: SessionRow;
  ts_api_tokens: ApiTokenRow;
  ts_schedules: ScheduleRow;
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

/** An account of the console and the API (migration 0006). */
export interface AccountRow {
  id: Generated<number>;
  username: string;
  /** `scrypt$N$r$p$salt$hash`, never the password. */
  password_hash: string;
  /** `admin` or `viewer`. */
  role: string;
  lang: Generated<string>;
  created_at: number;
}

/** A browser session; the cookie holds the id, the table only its SHA-256. */
export interface SessionRow {
  id_hash: string;
  account_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

/** An API token for automation; only its SHA-256 is kept. */
export interface ApiTokenRow {
  id: Generated<number>;
  name: string;
  role: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
}

/** A scheduled task's state: on or off, its cron expression, when it last fired. */
export interface ScheduleRow {
  task: string;
  enabled: Generated<number>;
  cron: string;
  updated_at: number;
  last_fired_at: number | null;
}

export interface UserTable {
  id: Generated<number>;
  auth: Generated<string>;
  confirmed: Generated<number>;
  deleted: Generated<number>;
  suspended: Generated<number>;
  mnethostid: Generated<number>;
  username: string;
  password: Generated<string>;
  idnumber: Generated<string>;
  firstname: Generated<string>;
  lastname: Generated<string>;
  email: Generated<string>;
  phone1: Generated<string>;
  phone2: Generated<string>;
  institution: Generated<string>;
  department: Generated<string>;
  address: Generated<string>;
  city: Generated<string>;
  country: Generated<string>;
  lang: Generated<string>;
  timezone: Generated<string>;
  description: Generated<string>;
  url: Generated<string>;
  mailformat: Generated<number>;
  maildisplay: Generated<number>;
  maildigest: Generated<number>;
  autosubscribe: Generated<number>;
  trackforums: Generated<number>;
  picture: Generated<number>;
  timecreated: Generated<number>;
  timemodified: Generated<number>;
}

export interface UserInfoFieldTable {
  id: Generated<number>;
  shortname: string;
  name: string;
  datatype: Generated<string>;
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
  idnumber: Generated<string>;
  description: Generated<string>;
  parent: Generated<number>;
  sortorder: Generated<number>;
  visible: Generated<number>;
  depth: Generated<number>;
  /** `/1/4/9`: the ids from the top down to this category. */
  path: Generated<string>;
  timemodified: Generated<number>;
}

export interface CourseTable {
  id: Generated<number>;
  category: number;
  sortorder: Generated<number>;
  fullname: string;
  shortname: string;
  idnumber: Generated<string>;
  summary: Generated<string>;
  format: Generated<string>;
  startdate: Generated<number>;
  enddate: Generated<number>;
  visible: Generated<number>;
  lang: Generated<string>;
  timecreated: Generated<number>;
  timemodified: Generated<number>;
  // Settings of the course creation file (migration 0004).
  showgrades: Generated<number>;
  newsitems: Generated<number>;
  marker: Generated<number>;
  maxbytes: Generated<number>;
  legacyfiles: Generated<number>;
  showreports: Generated<number>;
  visibleold: Generated<number>;
  coursedisplay: Generated<number>;
  groupmode: Generated<number>;
  enablecompletion: Generated<number>;
  groupmodeforce: Generated<number>;
  defaultgroupingid: Generated<number>;
  theme: Generated<string>;
}

export interface CourseSectionTable {
  id: Generated<number>;
  course: number;
  section: number;
  name: string | null;
  summary: Generated<string>;
  visible: Generated<number>;
}

/** An enrolment instance: `manual`, `self`, `guest`, `cohort`, `meta`; status 0 enabled, 1 disabled. */
export interface EnrolTable {
  id: Generated<number>;
  enrol: string;
  status: Generated<number>;
  courseid: number;
  sortorder: Generated<number>;
  name: string | null;
  roleid: Generated<number>;
  enrolstartdate: Generated<number>;
  enrolenddate: Generated<number>;
  /** Cohort id (cohort) or parent course id (meta). */
  customint1: number | null;
  /** Group id the cohort members are put in (cohort). */
  customint2: number | null;
  timecreated: Generated<number>;
  timemodified: Generated<number>;
}

/** A user's enrolment in an instance; status 0 active, 1 suspended. */
export interface UserEnrolmentTable {
  id: Generated<number>;
  enrolid: number;
  userid: number;
  status: Generated<number>;
  timestart: Generated<number>;
  timeend: Generated<number>;
  timecreated: Generated<number>;
  timemodified: Generated<number>;
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
  component: Generated<string>;
  itemid: Generated<number>;
  timemodified: Generated<number>;
}

export interface GroupTable {
  id: Generated<number>;
  courseid: number;
  idnumber: Generated<string>;
  name: string;
  description: Generated<string>;
  timecreated: Generated<number>;
  timemodified: Generated<number>;
}

export interface GroupingTable {
  id: Generated<number>;
  courseid: number;
  idnumber: Generated<string>;
  name: string;
  description: Generated<string>;
  timecreated: Generated<number>;
  timemodified: Generated<number>;
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
  component: Generated<string>;
  itemid: Generated<number>;
  timeadded: Generated<number>;
}

export interface CohortTable {
  id: Generated<number>;
  contextid: number;
  name: string;
  idnumber: Generated<string>;
  description: Generated<string>;
  component: Generated<string>;
  visible: Generated<number>;
  timecreated: Generated<number>;
  timemodified: Generated<number>;
}

export interface CohortMemberTable {
  id: Generated<number>;
  cohortid: number;
  userid: number;
  timeadded: Generated<number>;
}
