import type { GroupChange, NewGroup, PlatformGroup, PlatformGrouping } from '../../platform/operations.js';
import type { GroupCatalogue, GroupField } from '../lookups.js';
import type { CourseGroupsRow } from './course-groups-row.js';

/** The identifier settings of the group file: what `updateid` names on group rows and on grouping rows. */
export interface CourseGroupsPolicy {
  readonly groupField: GroupField;
  readonly groupingField: GroupField;
}

/** A group or a grouping: both have the same shape. */
export type Grouped = PlatformGroup | PlatformGrouping;

/** How the row found its group or grouping, for messages: `found by idnumber "G1"`. */
export interface Lookup {
  readonly field: GroupField;
  readonly value: string;
}

/** What a row does to its own group or grouping. */
export type MainStep =
  /** Add-only mode, found: reused as it is. */
  | { readonly kind: 'found'; readonly item: Grouped; readonly lookup: Lookup }
  /** Update mode, found, nothing differs. */
  | { readonly kind: 'same'; readonly item: Grouped; readonly lookup: Lookup }
  /** Not found: created (`lookup` set in update mode: what was looked for). */
  | { readonly kind: 'create'; readonly create: NewGroup; readonly lookup?: Lookup }
  /** Update mode, found, some fields differ. */
  | { readonly kind: 'update'; readonly item: Grouped; readonly change: GroupChange; readonly fields: readonly string[]; readonly lookup: Lookup };

/** What one row will write, decided before anything is written. */
export interface CourseGroupsPlan {
  readonly fileRow: CourseGroupsRow;
  readonly main: MainStep;
  /** Group rows with `selfgrouping`: the grouping named like the group, found or to create; the group is bound to it. */
  readonly selfgrouping?: { readonly found: PlatformGrouping } | { readonly create: NewGroup };
  /** Group rows whose `grouping` column names a grouping of the course: the group is bound to it. */
  readonly bindTo?: PlatformGrouping;
  /** Group rows whose `grouping` column names no grouping of the course: an error once the group is in place. */
  readonly missingGrouping?: string;
}

/** Decides what a row does, from what the catalogues hold now (every earlier write of the file included). */
export function planRow(
  fileRow: CourseGroupsRow,
  groups: GroupCatalogue<PlatformGroup>,
  groupings: GroupCatalogue<PlatformGrouping>,
  policy: CourseGroupsPolicy,
): CourseGroupsPlan {
  if (fileRow.kind === 'grouping') return { fileRow, main: mainStep(fileRow, groupings, policy.groupingField, 'grouping') };
  const courseId = fileRow.course.id;
  const plan: { -readonly [K in keyof CourseGroupsPlan]: CourseGroupsPlan[K] } = { fileRow, main: mainStep(fileRow, groups, policy.groupField, 'group') };
  if (fileRow.selfgrouping) {
    const found = groupings.find(courseId, 'name', fileRow.name);
    plan.selfgrouping = found ? { found } : { create: { courseId, name: fileRow.name, description: fileRow.description ?? '' } };
  }
  if (fileRow.grouping) {
    const found = groupings.find(courseId, 'idnumber', fileRow.grouping);
    if (found) plan.bindTo = found;
    else plan.missingGrouping = fileRow.grouping;
  }
  return plan;
}

function mainStep(fileRow: CourseGroupsRow, catalogue: GroupCatalogue<Grouped>, identifier: GroupField, kind: 'group' | 'grouping'): MainStep {
  const { course, name, idnumber, description, updateid } = fileRow;
  const create: NewGroup = { courseId: course.id, name, ...(idnumber ? { idnumber } : {}), ...(description ? { description } : {}) };
  if (updateid === '') {
    // Add-only: a group is known by its idnumber when the row gives one, else by name; a grouping by name.
    const lookup: Lookup = kind === 'group' && idnumber ? { field: 'idnumber', value: idnumber } : { field: 'name', value: name };
    const item = catalogue.find(course.id, lookup.field, lookup.value);
    return item ? { kind: 'found', item, lookup } : { kind: 'create', create };
  }
  const lookup: Lookup = { field: identifier, value: updateid };
  const item = catalogue.find(course.id, identifier, updateid);
  if (!item) return { kind: 'create', create, lookup };
  // A grouping keeps the field it is identified by; a group row always names the group (spec 8.2).
  const change: { -readonly [K in keyof GroupChange]: GroupChange[K] } = { id: item.id };
  if ((kind === 'group' || identifier !== 'name') && name !== item.name) change.name = name;
  if (description !== undefined && description !== item.description) change.description = description;
  // Without an idnumber column the idnumber is kept (the original erased it, decision 60).
  if (idnumber !== undefined && (kind === 'group' || identifier !== 'idnumber') && idnumber !== item.idnumber) change.idnumber = idnumber;
  const fields = (['name', 'idnumber', 'description'] as const).filter((field) => change[field] !== undefined);
  return fields.length ? { kind: 'update', item, change, fields, lookup } : { kind: 'same', item, lookup };
}

/** The item a row found (none when it creates one). */
export function mainItem(main: MainStep): Grouped | undefined {
  return main.kind === 'create' ? undefined : main.item;
}

const key = (family: 'G' | 'P', courseId: number, field: string, value: string | number) => `${family}:${courseId}:${field}:${value}`;
/** A key every created item of the family adds: a lookup by id may find an item whose id is not known yet. */
const created = (family: 'G' | 'P', courseId: number) => `${family}:${courseId}:new`;

/**
 * The keys a row looks its items up by, known from the row alone: when one of them belongs to a queued write,
 * the queue is flushed before the row is planned, so that every row sees the file's earlier rows done.
 */
export function readKeys(fileRow: CourseGroupsRow, policy: CourseGroupsPolicy): string[] {
  const { course, name, idnumber, updateid } = fileRow;
  const family = fileRow.kind === 'group' ? 'G' : 'P';
  const keys = [key(family, course.id, 'name', name)];
  if (idnumber) keys.push(key(family, course.id, 'idnumber', idnumber));
  if (updateid) {
    const field = fileRow.kind === 'group' ? policy.groupField : policy.groupingField;
    keys.push(key(family, course.id, field, updateid));
    if (field === 'id') keys.push(created(family, course.id));
  }
  if (fileRow.kind === 'group' && fileRow.selfgrouping) keys.push(key('P', course.id, 'name', name));
  if (fileRow.kind === 'group' && fileRow.grouping) keys.push(key('P', course.id, 'idnumber', fileRow.grouping));
  return keys;
}

/** The keys of everything a planned row writes: the old and new names of its item, and any grouping it creates. */
export function writeKeys(plan: CourseGroupsPlan): string[] {
  const { fileRow, main } = plan;
  const family = fileRow.kind === 'group' ? 'G' : 'P';
  const courseId = fileRow.course.id;
  const keys: string[] = [];
  const binds = Boolean(plan.selfgrouping || plan.bindTo);
  const item = mainItem(main);
  if (main.kind === 'create') {
    keys.push(key(family, courseId, 'name', main.create.name), created(family, courseId));
    if (main.create.idnumber) keys.push(key(family, courseId, 'idnumber', main.create.idnumber));
  } else if (main.kind === 'update' || binds) {
    keys.push(...itemKeys(family, item!));
    if (main.kind === 'update') {
      if (main.change.name !== undefined) keys.push(key(family, courseId, 'name', main.change.name));
      if (main.change.idnumber) keys.push(key(family, courseId, 'idnumber', main.change.idnumber));
    }
  }
  if (plan.selfgrouping && 'create' in plan.selfgrouping) keys.push(key('P', courseId, 'name', plan.selfgrouping.create.name), created('P', courseId));
  return keys;
}

function itemKeys(family: 'G' | 'P', item: Grouped): string[] {
  const keys = [key(family, item.courseId, 'id', item.id), key(family, item.courseId, 'name', item.name)];
  if (item.idnumber) keys.push(key(family, item.courseId, 'idnumber', item.idnumber));
  return keys;
}
