import type {
  CourseRecord,
  CourseSection,
  GroupingBinding,
  MetaLink,
  PlatformEnrolInstance,
  PlatformGroup,
  PlatformGrouping,
} from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';

/** What a template course passes on (never its users): settings, sections, groups and groupings, enrolment methods. */
export interface TemplateContent {
  readonly record: CourseRecord;
  readonly sections: readonly CourseSection[];
  readonly groups: readonly PlatformGroup[];
  readonly groupings: readonly PlatformGrouping[];
  readonly bindings: readonly GroupingBinding[];
  readonly instances: readonly PlatformEnrolInstance[];
  /** The metacourse links of the template (its `meta` instances and the parent courses they mirror). */
  readonly metaLinks: readonly MetaLink[];
}

/** Settings a template does not pass on: the new course's identity, place and times. */
const OWN_FIELDS = new Set(['id', 'fullname', 'shortname', 'idnumber', 'category', 'sortorder', 'timecreated', 'timemodified']);

/** The settings of a template that a course created on it takes. */
export function templateSettings(record: CourseRecord): Record<string, string | number> {
  return Object.fromEntries(Object.entries(record).filter(([field]) => !OWN_FIELDS.has(field)));
}

/** Template courses read once per run, all those a batch names in one call per kind of content. */
export class TemplateLibrary {
  readonly #platform: Platform;
  readonly #loaded = new Map<number, TemplateContent>();

  constructor(platform: Platform) {
    this.#platform = platform;
  }

  async load(courseIds: readonly number[]): Promise<void> {
    const ids = [...new Set(courseIds)].filter((id) => !this.#loaded.has(id));
    if (!ids.length) return;
    const run = this.#platform.run.bind(this.#platform);
    const [records, sections, groups, groupings, instances, metaLinks] = await Promise.all([
      run('findCourseRecords', { courseIds: ids }),
      run('findCourseSections', { courseIds: ids }),
      run('findGroups', { courseIds: ids }),
      run('findGroupings', { courseIds: ids }),
      run('findEnrolInstances', { courseIds: ids }),
      run('findMetaLinks', { courseIds: ids }),
    ]);
    const bindings = groupings.length ? await run('findGroupingGroups', { groupingIds: groupings.map((grouping) => grouping.id) }) : [];
    for (const record of records) {
      const own = <T extends { readonly courseId: number }>(list: readonly T[]) => list.filter((item) => item.courseId === record.id);
      const ownGroupings = own(groupings);
      const groupingIds = new Set(ownGroupings.map((grouping) => grouping.id));
      this.#loaded.set(record.id, {
        record,
        sections: own(sections),
        groups: own(groups),
        groupings: ownGroupings,
        bindings: bindings.filter((binding) => groupingIds.has(binding.groupingId)),
        instances: own(instances),
        metaLinks: own(metaLinks),
      });
    }
  }

  get(courseId: number): TemplateContent | undefined {
    return this.#loaded.get(courseId);
  }
}

/** Whether a `template` value names a Moodle backup file rather than a template course (spec 5.5). */
export const isBackupName = (name: string): boolean => /\.mbz$/i.test(name);

/** The `.mbz` backups rows name, read once per run from the command file area (null: no such file there). */
export class BackupFiles {
  readonly #read: (path: string) => Promise<Uint8Array | null>;
  readonly #loaded = new Map<string, Uint8Array | null>();

  constructor(read: (path: string) => Promise<Uint8Array | null>) {
    this.#read = read;
  }

  async load(names: readonly string[]): Promise<void> {
    for (const name of new Set(names)) if (!this.#loaded.has(name)) this.#loaded.set(name, await this.#read(name));
  }

  get(name: string): Uint8Array | null {
    return this.#loaded.get(name) ?? null;
  }
}
