import type { ItemResult } from '../../platform/item-result.js';
import type { Engine } from '../engine.js';
import { readCategoryTree, type CategoryNode } from './category-tree.js';

export type { CategoryNode } from './category-tree.js';


export interface CleanOptions {
  /** The category to clean under (its sub-categories are candidates, never itself); 0 or absent for the whole tree. */
  readonly start?: number;
  /**
   * "Ignore subcategories (if empty)": a category whose sub-categories are all empty counts as empty too, and goes
   * with them. Without it only categories without courses and without sub-categories are empty.
   */
  readonly ignoreEmptySubcategories?: boolean;
}

/**
 * The empty categories under a start category (spec 5.11), in the order they can be deleted (sub-categories
 * first). The top category that courses fall back to (the first top-level one, Moodle's default) is never listed.
 *
 * @example
 * const preview = await findEmptyCategories(engine, { start: 0, ignoreEmptySubcategories: true });
 */
export async function findEmptyCategories(engine: Engine, options: CleanOptions = {}): Promise<CategoryNode[]> {
  const { categories, withCourses } = await readTree(engine);
  const children = new Map<number, CategoryNode[]>();
  for (const category of categories.values()) children.set(category.parent, [...(children.get(category.parent) ?? []), category]);
  const start = options.start ?? 0;
  const protectedId = Math.min(...(children.get(0) ?? []).map((category) => category.id));
  const empty: CategoryNode[] = [];
  // Depth first, sub-categories before their parent; answers whether the category is empty.
  const visit = (category: CategoryNode): boolean => {
    const subs = children.get(category.id) ?? [];
    const emptySubs = subs.filter(visit).length;
    const isEmpty = !withCourses.has(category.id) && category.id !== protectedId && (subs.length === 0 || (options.ignoreEmptySubcategories === true && emptySubs === subs.length));
    if (isEmpty) empty.push(category);
    return isEmpty;
  };
  for (const category of children.get(start) ?? []) visit(category);
  return empty;
}

/** Deletes the empty categories found with these options, sub-categories first; answers each with its result. */
export async function deleteEmptyCategories(engine: Engine, options: CleanOptions = {}): Promise<{ category: CategoryNode; result: ItemResult<null> }[]> {
  const empty = await findEmptyCategories(engine, options);
  const results = await engine.platform.run('deleteCategories', empty.map((category) => category.id));
  return empty.map((category, index) => ({ category, result: results[index]! }));
}

/** The category tree and the categories holding a course, through the simulation when the engine's platform is one. */
async function readTree(engine: Engine): Promise<{ categories: Map<number, CategoryNode>; withCourses: Set<number> }> {
  const categories = await readCategoryTree(engine.platform);
  const courses = await engine.platform.run('findCourses', { by: { category: [...categories.keys()].map(String) } });
  return { categories, withCourses: new Set(courses.map((course) => course.category)) };
}
