import type { Platform } from '../../platform/platform.js';

/** A category of the tree, with its place in it. */
export interface CategoryNode {
  readonly id: number;
  readonly name: string;
  readonly parent: number;
  /** Names from the top down (`Faculty / Department`). */
  readonly path: string;
}

/**
 * The whole category tree, level by level from the top: lookups every platform answers (Moodle has no export),
 * one call per level.
 */
export async function readCategoryTree(platform: Platform): Promise<Map<number, CategoryNode>> {
  const categories = new Map<number, CategoryNode>();
  let level = await platform.run('findCategories', { by: { parent: ['0'] } });
  while (level.length) {
    for (const { id, name, parent } of level) {
      const above = categories.get(parent);
      categories.set(id, { id, name, parent, path: above ? `${above.path} / ${name}` : name });
    }
    // A category already seen is never read again: a damaged tree cannot loop.
    level = (await platform.run('findCategories', { by: { parent: level.map((category) => String(category.id)) } }))
      .filter((category) => !categories.has(category.id));
  }
  return categories;
}
