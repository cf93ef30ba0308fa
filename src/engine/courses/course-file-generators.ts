import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeText, type EncodingSetting } from '../../csv/decode.js';
import type { Separator } from '../../csv/dialect.js';
import { formatCsvLine } from '../../csv/writer.js';
import type { PlatformCourse } from '../../platform/operations.js';
import type { Settings } from '../../settings/settings-store.js';
import { ENGINE_COURSES_UNNAMED, ENGINE_UNKNOWN_COURSES } from '../engine-errors.js';
import type { Engine } from '../engine.js';
import { absoluteAreaPath, normalizeAreaPath } from '../files/area-path.js';

export type CourseField = 'id' | 'idnumber' | 'shortname';

/** A file a generator wrote: its path in the file area and the courses it names. */
export interface GeneratedFile {
  readonly path: string;
  readonly courses: readonly PlatformCourse[];
}

/** The reset options the original's generator writes for each course (spec 5.11): a full reset of the term. */
export const RESET_DEFAULTS = {
  roles: 'student teacher guest',
  local_roles: 'all',
  completion: 'yes',
  grades: 'all',
  groups: 'all',
  groupings: 'all',
  blog_associations: 'yes',
  events: 'yes',
  logs: 'yes',
  notes: 'yes',
  comments: 'yes',
  modules: 'all',
} as const;

/**
 * Writes the course deletion file for the courses named (by `courses_filedeleteidentifier`), one identifier per
 * line, where the deletion run reads it: the location setting when it names one file, else `deletecourses.csv`
 * (the original's generator wrote `deletecourses.txt`, which its processor never read). An unknown course stops
 * the generator before anything is written.
 *
 * @example
 * const { path } = await writeDeletionFile(engine, ['ALG101', 'BIO']); // deletecourses.csv
 */
export async function writeDeletionFile(engine: Engine, values: readonly string[], by?: CourseField): Promise<GeneratedFile> {
  const settings = await engine.settings.snapshot();
  const field = (settings.choice('courses_filedeleteidentifier') || 'shortname') as CourseField;
  const courses = namedBy(field, await findNamedCourses(engine, by ?? field, values));
  const path = targetPath(settings, 'courses_filedeletelocation', 'deletecourses.csv');
  writeLines(engine, settings, path, courses.map((course) => formatCsvLine([String(course[field])], { separator: separatorOf(settings) })));
  return { path, courses };
}

/**
 * Writes the course reset file for the courses named (by `courses_fileresetidentifier`), with the original
 * generator's header and defaults, where the reset run reads it (location setting, else `resetcourses.csv`).
 */
export async function writeResetFile(engine: Engine, values: readonly string[], by?: CourseField): Promise<GeneratedFile> {
  const settings = await engine.settings.snapshot();
  const field = (settings.choice('courses_fileresetidentifier') || 'shortname') as CourseField;
  const courses = namedBy(field, await findNamedCourses(engine, by ?? field, values));
  const separator = separatorOf(settings);
  const header = formatCsvLine([field, ...Object.keys(RESET_DEFAULTS)], { separator });
  const rows = courses.map((course) => formatCsvLine([String(course[field]), ...Object.values(RESET_DEFAULTS)], { separator }));
  const path = targetPath(settings, 'courses_fileresetlocation', 'resetcourses.csv');
  writeLines(engine, settings, path, [header, ...rows]);
  return { path, courses };
}

/**
 * The courses, when each has a value for the field the file names them by (courses chosen by id in the console
 * may lack an idnumber): otherwise the generator stops before anything is written.
 */
function namedBy(field: CourseField, courses: PlatformCourse[]): PlatformCourse[] {
  const unnamed = courses.filter((course) => String(course[field] ?? '').trim() === '');
  if (unnamed.length) throw ENGINE_COURSES_UNNAMED({ field, ids: unnamed.map((course) => course.id).join(', ') });
  return courses;
}

/** The courses the values name, in the order given (each once); unknown ones stop the generator with their list. */
async function findNamedCourses(engine: Engine, field: CourseField, values: readonly string[]): Promise<PlatformCourse[]> {
  const asked = [...new Set(values.map((value) => value.trim()).filter(Boolean))];
  const found = await engine.platform.run('findCourses', { by: { [field]: asked } });
  const byValue = new Map(found.map((course) => [String(course[field]), course]));
  const unknown = asked.filter((value) => !byValue.has(value));
  if (unknown.length) throw ENGINE_UNKNOWN_COURSES({ field, values: unknown.join(', ') });
  return asked.map((value) => byValue.get(value)!);
}

/** The file a run reads: the location when it names one file (no list, no `*`), else the default name. */
function targetPath(settings: Settings, locationSetting: string, defaultFile: string): string {
  const location = settings.text(locationSetting).trim();
  return normalizeAreaPath(location && !location.includes(',') && !location.includes('*') ? location : defaultFile);
}

function separatorOf(settings: Settings): string {
  return settings.choice('csvseparator') as Separator;
}

/** Writes in the configured encoding (UTF-8 for `auto`), so that the run reads back exactly what was written. */
function writeLines(engine: Engine, settings: Settings, path: string, lines: readonly string[]): void {
  const setting = settings.choice('encoding') as EncodingSetting;
  const file = absoluteAreaPath(engine.folder.files, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, encodeText(`${lines.join('\n')}\n`, setting === 'auto' ? 'UTF-8' : setting));
}
