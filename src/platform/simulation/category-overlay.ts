import { checkNewCategories } from '../embedded/course-change-rules.js';
import { checkCategoryDeletions } from '../embedded/course-upkeep-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { FindBy, NewCategory, PlatformCategory, CategoryLookupField } from '../operations.js';
import type { Platform } from '../platform.js';
import { matchesFindBy } from './find-by.js';

/** The categories, among these, that hold a course in the simulation (where the courses stand now). */
export type CategoriesWithCourses = (categoryIds: readonly number[]) => Promise<ReadonlySet<number>>;

/**
 * Categories created (negative ids) and deleted during a simulation: later lookups find the created ones after
 * the real ones, and never the deleted ones, whichever side they came from.
 */
export class CategoryOverlay {
  readonly #real: Platform;
  readonly #categoriesWithCourses: CategoriesWithCourses;
  readonly #created: PlatformCategory[] = [];
  readonly #deleted = new Set<number>();

  constructor(real: Platform, categoriesWithCourses: CategoriesWithCourses) {
    this.#real = real;
    this.#categoriesWithCourses = categoriesWithCourses;
  }

  async findCategories(input: FindBy<CategoryLookupField>): Promise<PlatformCategory[]> {
    const real = await this.#real.run('findCategories', input);
    return [...real, ...this.#created.filter((category) => matchesFindBy(category, input.by))].filter((category) => !this.#deleted.has(category.id));
  }

  /** Creates like the platform: an unknown parent is refused; a parent created earlier in the call is known. */
  async createCategories(items: readonly NewCategory[]): Promise<ItemResult<{ id: number }>[]> {
    const parentIds = [...new Set(items.map((item) => item.parent).filter((id) => id !== 0))].map(String);
    const parents = new Map((await this.findCategories({ by: { id: parentIds } })).map((category) => [category.id, category]));
    return items.map((item) => {
      const [verdict] = checkNewCategories([item], (id) => parents.has(id));
      if (verdict) return verdict;
      const id = -(this.#created.length + 1);
      const path = `${item.parent === 0 ? '' : parents.get(item.parent)!.path}/${id}`;
      const category = { id, name: item.name, idnumber: item.idnumber ?? '', parent: item.parent, path, visible: item.visible };
      this.#created.push(category);
      parents.set(id, category);
      return succeeded({ id });
    });
  }

  /** Deletes like the platform: only categories without courses and without sub-categories left (real or created here). */
  async deleteCategories(ids: readonly number[]): Promise<ItemResult<null>[]> {
    const existing = new Set((await this.findCategories({ by: { id: ids.map(String) } })).map((category) => category.id));
    const withCourses = await this.#categoriesWithCourses(ids);
    const children = await this.#children(ids);
    const verdicts = checkCategoryDeletions(ids, {
      exists: (id) => existing.has(id),
      hasCourses: (id) => withCourses.has(id),
      children: (id) => children.get(id) ?? [],
    });
    ids.forEach((id, index) => verdicts[index] || this.#deleted.add(id));
    return verdicts.map((verdict) => verdict ?? succeeded(null));
  }

  /** The live sub-categories of these categories (real or created here), by parent: a lookup Moodle answers too. */
  async #children(ids: readonly number[]): Promise<Map<number, number[]>> {
    const children = new Map<number, number[]>();
    for (const category of await this.findCategories({ by: { parent: ids.map(String) } })) {
      children.set(category.parent, [...(children.get(category.parent) ?? []), category.id]);
    }
    return children;
  }
}
