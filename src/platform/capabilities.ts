/** What a platform can do; a processor checks these and says clearly when an operation is not supported. */
export interface Capabilities {
  /** Users can be created, updated and looked up. */
  readonly supportsUsers: boolean;
  /** Custom profile fields (`profile_field_*`) can be created and written. */
  readonly supportsCustomProfileFields: boolean;
  /** User pictures can be stored. */
  readonly supportsPictures: boolean;
  /** Courses can be restored from `.mbz` backup files. */
  readonly supportsMbzTemplates: boolean;
  /**
   * A course reset resets everything Moodle's reset_course_userdata does (events, notes, grades, activities…), and
   * `resetCourses` answers the platform's own account of it; without it, only what the port holds (enrolments by
   * role, groups, groupings) can be reset, and the rest is reported as not kept.
   */
  readonly supportsFullCourseReset: boolean;
  /** Every entity can be listed for export. */
  readonly supportsExport: boolean;
}
