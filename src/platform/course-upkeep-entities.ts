/** A metacourse link: a `meta` enrolment instance of a course mirroring the enrolments of a parent course. */
export interface MetaLink {
  /** The `meta` enrolment instance. */
  readonly instanceId: number;
  /** The meta course, which holds the instance. */
  readonly courseId: number;
  /** The parent (master) course whose enrolments are mirrored (Moodle's customint1). */
  readonly parentId: number;
  readonly enabled: boolean;
}

/** A link to make or to remove: a meta course and its parent (master) course. */
export interface MetaLinkRequest {
  readonly courseId: number;
  readonly parentId: number;
}

/** What adding a link did: a new instance, a disabled one enabled again, or an enabled one left as it was. */
export interface MetaLinkAdded {
  readonly instanceId: number;
  readonly outcome: 'created' | 'restored' | 'unchanged';
}

/** Which links to list: those held by meta courses, or those mirroring parent courses. */
export type MetaLinkQuery = { readonly courseIds: readonly number[] } | { readonly parentIds: readonly number[] };

/** What a metacourse sync did, as counts of user enrolments and roles in the meta courses. */
export interface MetaSyncCounts {
  readonly enrolled: number;
  readonly unenrolled: number;
  readonly suspended: number;
  readonly reactivated: number;
  readonly rolesAssigned: number;
  readonly rolesUnassigned: number;
}

/** The component owning the enrolments and roles a meta link gives (Moodle's enrol_meta). */
export const META_COMPONENT = 'enrol_meta';
