import type {
  CourseRecord,
  CourseSection,
  MetaLink,
  PlatformEnrolInstance,
  PlatformGroup,
  PlatformGrouping,
} from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';

/**
 * What the course processor reads of a template course: what it counts of the copy (sections, groups, groupings) and
 * the enrolment methods it passes on itself (the platform's copy has none).
 */
export interface TemplateContent {
  readonly record: CourseRecord;
  readonly sections: readonly CourseSection[];
  readonly groups: readonly PlatformGroup[];
  readonly groupings: readonly PlatformGrouping[];
  readonly instances: readonly PlatformEnrolInstance[];
  /** The metacourse links of the template (its `meta` instances and the parent courses they mirror). */
  readonly metaLinks: readonly MetaLink[];
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
    for (const record of records) {
      const own = <T extends { readonly courseId: number }>(list: readonly T[]) => list.filter((item) => item.courseId === record.id);
      this.#loaded.set(record.id, {
        record,
        sections: own(sections),
        groups: own(groups),
        groupings: own(groupings),
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
  readonly #read: (path: string) => Promise<Blob | null>;
  readonly #loaded = new Map<string, Blob | null>();

  constructor(read: (path: string) => Promise<Blob | null>) {
    this.#read = read;
  }

  async load(names: readonly string[]): Promise<void> {
    for (const name of new Set(names)) if (!this.#loaded.has(name)) this.#loaded.set(name, await this.#read(name));
  }

  get(name: string): Blob | null {
    return this.#loaded.get(name) ?? null;
  }
}
