import type { ItemResult } from '../../platform/item-result.js';
import type { Changed, GroupChange, NewGroup, PlatformGroup, PlatformGrouping } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { GroupCatalogue } from '../lookups.js';
import type { RowDetail, RowOutcome, RowStatus } from '../processor.js';
import { mainItem, type CourseGroupsPlan, type Grouped, type MainStep } from './course-groups-plan.js';
import type { GroupsMessageCode } from './groups-messages.js';
import { outcome } from './groups-outcomes.js';

/** A failure after the row's own item was written: the row is an error, its item stays (said in a detail). */
interface LaterFailure {
  readonly code: GroupsMessageCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly column: string;
}

/** A plan as its writes go: the row's item once in place, and what else the row did. */
interface Progress {
  readonly plan: CourseGroupsPlan;
  item: Grouped | undefined;
  /** The platform refused the row's own write. */
  refused?: string;
  /** An update the platform found already done. */
  unchanged?: boolean;
  selfgrouping?: PlatformGrouping;
  readonly details: RowDetail[];
  readonly failures: LaterFailure[];
}

/** Messages of a row's own item, by kind and by what happened to it. */
const CODES = {
  group: {
    found: 'GROUPS_GROUP_EXISTS',
    same: 'GROUPS_GROUP_UP_TO_DATE',
    create: 'GROUPS_GROUP_CREATED',
    createForUpdate: 'GROUPS_GROUP_CREATED_FOR_UPDATE',
    update: 'GROUPS_GROUP_UPDATED',
    refused: 'GROUPS_GROUP_REJECTED',
  },
  grouping: {
    found: 'GROUPS_GROUPING_EXISTS',
    same: 'GROUPS_GROUPING_UP_TO_DATE',
    create: 'GROUPS_GROUPING_CREATED',
    createForUpdate: 'GROUPS_GROUPING_CREATED_FOR_UPDATE',
    update: 'GROUPS_GROUPING_UPDATED',
    refused: 'GROUPS_GROUPING_REJECTED',
  },
} as const satisfies Record<'group' | 'grouping', Record<string, GroupsMessageCode>>;

/**
 * Executes the plans queued for a batch in as few platform calls as possible, in dependency order: groups,
 * groupings, the groupings of self-grouping groups (only once their group is in place), then the bindings.
 * The catalogues learn every write, so the rows planned after a flush see them. Every plan ends as exactly one
 * outcome. Rows queued together never share a key (see `readKeys`), so the order inside a call does not matter.
 */
export class CourseGroupsWriter {
  readonly #platform: Platform;
  readonly #groups: GroupCatalogue<PlatformGroup>;
  readonly #groupings: GroupCatalogue<PlatformGrouping>;
  readonly #outcomes: RowOutcome[];
  #plans: CourseGroupsPlan[] = [];

  constructor(platform: Platform, catalogues: { groups: GroupCatalogue<PlatformGroup>; groupings: GroupCatalogue<PlatformGrouping> }, outcomes: RowOutcome[]) {
    this.#platform = platform;
    this.#groups = catalogues.groups;
    this.#groupings = catalogues.groupings;
    this.#outcomes = outcomes;
  }

  add(plan: CourseGroupsPlan): void {
    this.#plans.push(plan);
  }

  async flush(): Promise<void> {
    const plans = this.#plans;
    this.#plans = [];
    if (!plans.length) return;
    const all = plans.map((plan): Progress => ({ plan, item: mainItem(plan.main), details: [], failures: [] }));
    const groupRows = all.filter((progress) => progress.plan.fileRow.kind === 'group');
    const platform = this.#platform;
    await writeOwnItems(groupRows, this.#groups, {
      create: (items) => platform.run('createGroups', items),
      update: (changes) => platform.run('updateGroups', changes),
    });
    await writeOwnItems(all.filter((progress) => progress.plan.fileRow.kind === 'grouping'), this.#groupings, {
      create: (items) => platform.run('createGroupings', items),
      update: (changes) => platform.run('updateGroupings', changes),
    });
    const placed = groupRows.filter((progress) => progress.item && !progress.refused);
    await this.#selfgroupings(placed);
    await this.#bindings(placed);
    for (const progress of placed) {
      if (progress.plan.missingGrouping) {
        const { fileRow } = progress.plan;
        progress.failures.push({
          code: 'GROUPS_GROUPING_UNKNOWN',
          params: { column: 'grouping', value: progress.plan.missingGrouping, course: fileRow.course.shortname },
          column: 'grouping',
        });
      }
    }
    for (const progress of all) this.#outcomes.push(outcomeOf(progress));
  }

  /** The groupings named like self-grouping groups: found ones are used, missing ones created. */
  async #selfgroupings(placed: readonly Progress[]): Promise<void> {
    const creating: { progress: Progress; create: NewGroup }[] = [];
    for (const progress of placed) {
      const wanted = progress.plan.selfgrouping;
      if (!wanted) continue;
      if ('found' in wanted) progress.selfgrouping = wanted.found;
      else creating.push({ progress, create: wanted.create });
    }
    const results = await this.#platform.run('createGroupings', creating.map(({ create }) => create));
    creating.forEach(({ progress, create }, index) => {
      const result = results[index]!;
      const course = progress.plan.fileRow.course.shortname;
      if (!result.ok) {
        progress.failures.push({
          code: 'GROUPS_SELFGROUPING_REJECTED',
          params: { grouping: create.name, course, reason: result.error.message },
          column: 'selfgrouping',
        });
        return;
      }
      const grouping = { id: result.value.id, courseId: create.courseId, name: create.name, idnumber: create.idnumber ?? '', description: create.description ?? '' };
      this.#groupings.remember(grouping);
      progress.selfgrouping = grouping;
      progress.details.push({
        code: 'GROUPS_SELFGROUPING_CREATED',
        params: { group: progress.item!.name, grouping: grouping.name, course },
        counter: 'grouping.created',
      });
    });
  }

  /** Binds each placed group to its self-grouping and to the grouping its `grouping` column names. */
  async #bindings(placed: readonly Progress[]): Promise<void> {
    const bindings = placed.flatMap((progress) => [
      ...(progress.selfgrouping ? [{ progress, grouping: progress.selfgrouping, column: 'selfgrouping' }] : []),
      ...(progress.plan.bindTo ? [{ progress, grouping: progress.plan.bindTo, column: 'grouping' }] : []),
    ]);
    const results = await this.#platform.run('assignGroupings', bindings.map(({ progress, grouping }) => ({ groupingId: grouping.id, groupId: progress.item!.id })));
    bindings.forEach(({ progress, grouping, column }, index) => {
      const result = results[index]!;
      const params = { group: progress.item!.name, grouping: grouping.name };
      if (!result.ok) progress.failures.push({ code: 'GROUPS_BINDING_REJECTED', params: { ...params, reason: result.error.message }, column });
      else if (result.value.added) progress.details.push({ code: 'GROUPS_BOUND', params, counter: 'group.bound' });
      else progress.details.push({ code: 'GROUPS_ALREADY_BOUND', params });
    });
  }
}

/** Creates and updates the rows' own groups (or groupings), and teaches the catalogue what was written. */
async function writeOwnItems(
  rows: readonly Progress[],
  catalogue: GroupCatalogue<Grouped>,
  operations: {
    create: (items: readonly NewGroup[]) => Promise<readonly ItemResult<{ readonly id: number }>[]>;
    update: (changes: readonly GroupChange[]) => Promise<readonly ItemResult<Changed>[]>;
  },
): Promise<void> {
  const creates = rows.flatMap((progress) => (progress.plan.main.kind === 'create' ? [{ progress, create: progress.plan.main.create }] : []));
  const created = await operations.create(creates.map(({ create }) => create));
  creates.forEach(({ progress, create }, index) => {
    const result = created[index]!;
    if (!result.ok) {
      progress.refused = result.error.message;
      return;
    }
    progress.item = { id: result.value.id, courseId: create.courseId, name: create.name, idnumber: create.idnumber ?? '', description: create.description ?? '' };
    catalogue.remember(progress.item);
  });
  const updates = rows.flatMap((progress) => (progress.plan.main.kind === 'update' ? [{ progress, main: progress.plan.main }] : []));
  const updated = await operations.update(updates.map(({ main }) => main.change));
  updates.forEach(({ progress, main }, index) => {
    const result = updated[index]!;
    if (!result.ok) {
      progress.refused = result.error.message;
      return;
    }
    progress.unchanged = !result.value.changed;
    progress.item = { ...main.item, ...main.change };
    catalogue.remember(progress.item);
  });
}

/** The report line of the row's own item: status, code and params. */
function ownResult(progress: Progress): { status: RowStatus; code: GroupsMessageCode; params: Record<string, string | number> } {
  const { fileRow, main } = progress.plan;
  const codes = CODES[fileRow.kind];
  const name: Record<string, string> = { [fileRow.kind]: progress.item?.name ?? fileRow.name, course: fileRow.course.shortname };
  const found = (step: MainStep): Record<string, string> => (step.lookup ? { field: step.lookup.field, value: step.lookup.value } : {});
  switch (main.kind) {
    case 'found':
      return { status: 'unchanged', code: codes.found, params: { ...name, ...found(main) } };
    case 'same':
      return { status: 'unchanged', code: codes.same, params: { ...name, ...found(main) } };
    case 'create':
      return main.lookup
        ? { status: 'created', code: codes.createForUpdate, params: { ...name, ...found(main) } }
        : { status: 'created', code: codes.create, params: name };
    case 'update':
      return progress.unchanged
        ? { status: 'unchanged', code: codes.same, params: { ...name, ...found(main) } }
        : { status: 'updated', code: codes.update, params: { ...name, ...found(main), fields: main.fields.join(', ') } };
  }
}

function outcomeOf(progress: Progress): RowOutcome {
  const { fileRow } = progress.plan;
  const { row, kind, notes } = fileRow;
  if (progress.refused !== undefined) {
    const params = { [kind]: fileRow.name, course: fileRow.course.shortname, reason: progress.refused };
    return outcome(row, kind, 'error', CODES[kind].refused, params, { details: notes });
  }
  const own = ownResult(progress);
  const [failure, ...more] = progress.failures;
  if (!failure) return outcome(row, kind, own.status, own.code, own.params, { details: [...notes, ...progress.details] });
  // The item is in place but a later step failed: the row goes to the tryback file, and says what it did.
  const counted = own.status === 'created' || own.status === 'updated' ? { counter: `${kind}.${own.status}` } : {};
  const details: RowDetail[] = [
    ...notes,
    { code: own.code, params: own.params, ...counted },
    ...progress.details,
    ...more.map((other): RowDetail => ({ code: other.code, params: other.params, level: 'warning' })),
  ];
  return outcome(row, kind, 'error', failure.code, failure.params, { column: failure.column, details });
}
