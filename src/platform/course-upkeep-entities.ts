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

/** Which activity modules a reset resets with their defaults: all, a list, or all except a list (`-forum -quiz`). */
export type ResetModules = { readonly mode: 'none' | 'all' } | { readonly mode: 'only' | 'except'; readonly names: readonly string[] };

/** What to reset in a course: a row of the reset file (spec 5.9), as Moodle's reset_course_userdata takes it. */
export interface CourseResetOptions {
  /** Users to unenrol by role: `all` (every role, and users without one), role ids, or nobody. */
  readonly unenrolRoles: 'all' | readonly number[] | null;
  readonly groups: { readonly remove: boolean; readonly members: boolean };
  readonly groupings: { readonly remove: boolean; readonly members: boolean };
  /**
   * The other parts, by the reset file's names: `events`, `logs`, `notes`, `comments`, `blog_associations`,
   * `completion`, `local_roles`, `overrides`, `grade_items`, `grades`, and the per-module columns (`forum_all`…).
   */
  readonly parts: readonly string[];
  readonly modules: ResetModules;
}

export interface CourseReset {
  readonly courseId: number;
  readonly options: CourseResetOptions;
}

/** What a reset made of the port's operations removed. */
export interface ResetCounts {
  readonly unenrolled: number;
  readonly unassigned: number;
  readonly groups: number;
  readonly members: number;
  readonly groupings: number;
  readonly bindings: number;
  /** Enrolments of the reset roles' users kept because a cohort or meta link owns them. */
  readonly kept: number;
}

/** One line of what a platform says it reset (Moodle's reset_course_userdata status): `error` empty when done. */
export interface ResetStatusLine {
  readonly component: string;
  readonly item: string;
  readonly error: string;
}

/** What resetting a course did. */
export interface CourseResetDone {
  /** What the port's operations removed (embedded store, simulation); null when the platform reset the course itself. */
  readonly counts: ResetCounts | null;
  /** What the platform says it reset, part by part; empty when it says nothing more than the counts. */
  readonly lines: readonly ResetStatusLine[];
}
