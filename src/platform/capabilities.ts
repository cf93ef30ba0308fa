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
  /** Every entity can be listed for export. */
  readonly supportsExport: boolean;
}
