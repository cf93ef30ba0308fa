import type { ColumnSpec } from '../../csv/header-check.js';
import type { Settings } from '../../settings/settings-store.js';

/** Columns every reset file holds besides its identifier column (spec 5.9). */
export const RESET_REQUIRED = ['events', 'logs', 'notes', 'grades', 'roles', 'local_roles', 'groups', 'groupings', 'modules'] as const;

/** Per-module columns: only the value `1` resets (spec 5.9; `apointments` is the original's spelling). */
export const RESET_MODULE_COLUMNS = [
  'forum_all', 'forum_subscriptions', 'glossary_all', 'chat', 'data', 'slots', 'apointments', 'assignment_submissions',
  'assign_submissions', 'survey_answers', 'lesson', 'choice', 'scorm', 'quiz_attempts',
] as const;

/** Yes/no columns that reset when absent (as the original does for these two). */
export const RESET_DEFAULT_YES = ['comments', 'blog_associations'] as const;

const COURSE_FIELDS = ['shortname', 'idnumber', 'id'] as const;

/**
 * The reset file's columns: the one named by `courses_fileresetidentifier` is required (the original only checked
 * it and read shortname); the other course fields are accepted, so a file generated for another identifier reads.
 */
export function resetColumns(settings: Settings): ColumnSpec {
  const identifier = resetIdentifier(settings);
  return {
    required: [identifier, ...RESET_REQUIRED],
    optional: [...COURSE_FIELDS.filter((field) => field !== identifier), ...RESET_DEFAULT_YES, 'completion', ...RESET_MODULE_COLUMNS],
  };
}

export function resetIdentifier(settings: Settings): (typeof COURSE_FIELDS)[number] {
  return (settings.choice('courses_fileresetidentifier') || 'shortname') as (typeof COURSE_FIELDS)[number];
}
