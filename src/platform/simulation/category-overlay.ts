import { checkNewCategories } from '../embedded/course-change-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { FindBy, NewCategory, PlatformCategory } from '../operations.js';
import type { Platform } from '../platform.js';
import { matchesFindBy } from './find-by.js';

/** Categories created during a simulation (negative ids), which later lookups find after the real ones. */
export class CategoryOverlay {
  readonly #real: Platform;
  readonly #created: PlatformCategory[] = [];

  constructor(real: Platform) {
    this.#real = real;
  }

  async findCategories(input: FindBy<'id' | 'idnumber' | 'name'>): Promise<PlatformCategory[]> {
    const real = await this.#real.run('findCategories', input);
    return [...real, ...this.#created.filter((category) => matchesFindBy(category, input.by))];
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
}
