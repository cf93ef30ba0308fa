import type { PlatformCategory } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { UploadMessageCode } from './upload-messages.js';

/** How the `category` column names categories (`courses_coursecategoryidentifier`). */
export type CategoryMode = 'idname' | 'idnumber';

/** A category as a row asks for it: by id, by idnumber, or by a path of names whose missing levels are created. */
export type CategoryRequest =
  | { readonly by: 'id'; readonly value: string }
  | { readonly by: 'idnumber'; readonly value: string }
  | { readonly by: 'path'; readonly value: string; readonly names: readonly string[] };

/** Where a request leads: the category (and how to name it in the report), or why not. */
export type CategoryAnswer =
  | { readonly ok: true; readonly id: number; readonly label: string; readonly created: readonly string[] }
  | { readonly ok: false; readonly code: UploadMessageCode; readonly params: Readonly<Record<string, string | number>> };

const NAME_MAX = 255;

/**
 * The request a `category` value makes: in mode `idname` a number is a category id and anything else a path
 * `Top/Sub/Leaf` (outer slashes ignored); in mode `idnumber` a category idnumber. An empty value asks for the
 * default category (`courses_defaultcategory`: an id or a path; empty, Moodle's first category, id 1).
 * A malformed path answers null.
 */
export function categoryRequest(value: string, mode: CategoryMode, fallback: string): CategoryRequest | null {
  if (value === '') return categoryRequest(fallback || '1', 'idname', '1');
  if (mode === 'idnumber') return { by: 'idnumber', value };
  if (/^\d+$/.test(value)) return { by: 'id', value };
  const names = value.replace(/^\/+|\/+$/g, '').split('/').map((name) => name.trim());
  if (names.some((name) => name === '' || [...name].length > NAME_MAX)) return null;
  return { by: 'path', value: names.join('/'), names };
}

/**
 * Resolves the category requests of a run, batch by batch: ids and idnumbers are checked in one lookup; paths
 * are walked level by level, every level of the batch looked up by name in one call and the missing ones created
 * in one call per depth (visible per `courses_newcategoriesvisible`). What was found or created is kept for the
 * run, so a path a row created is found by the rows after it.
 */
export class CategoryResolver {
  readonly #platform: Platform;
  readonly #visible: boolean;
  readonly #answers = new Map<string, CategoryAnswer>();
  /** Categories by parent id then name (the oldest of a name), as far as looked up or created. */
  readonly #children = new Map<number, Map<string, PlatformCategory>>();
  readonly #namesLoaded = new Set<string>();

  constructor(platform: Platform, visible: boolean) {
    this.#platform = platform;
    this.#visible = visible;
  }

  /** The answer to a request resolved earlier; the categories it created are told to its first asker only. */
  take(request: CategoryRequest): CategoryAnswer {
    const answer = this.#answers.get(requestKey(request))!;
    if (answer.ok && answer.created.length) this.#answers.set(requestKey(request), { ...answer, created: [] });
    return answer;
  }

  /** Resolves the requests not answered yet; created categories are reported once, by the first answer. */
  async resolve(requests: readonly CategoryRequest[]): Promise<void> {
    const fresh = [...new Map(requests.filter((request) => !this.#answers.has(requestKey(request))).map((request) => [requestKey(request), request])).values()];
    const direct = fresh.filter((request) => request.by !== 'path');
    if (direct.length) {
      const found = await this.#platform.run('findCategories', {
        by: { id: direct.filter((r) => r.by === 'id').map((r) => r.value), idnumber: direct.filter((r) => r.by === 'idnumber').map((r) => r.value) },
      });
      for (const request of direct) {
        const category = found.find((candidate) => String(candidate[request.by === 'id' ? 'id' : 'idnumber']) === request.value);
        this.#answers.set(
          requestKey(request),
          category
            ? { ok: true, id: category.id, label: category.name, created: [] }
            : { ok: false, code: 'COURSES_UPLOAD_CATEGORY_NOT_FOUND', params: { column: 'category', by: request.by, value: request.value } },
        );
      }
    }
    const paths = fresh.filter((request): request is Extract<CategoryRequest, { by: 'path' }> => request.by === 'path');
    if (paths.length) await this.#resolvePaths(paths);
  }

  async #resolvePaths(paths: readonly Extract<CategoryRequest, { by: 'path' }>[]): Promise<void> {
    const names = [...new Set(paths.flatMap((path) => path.names))].filter((name) => !this.#namesLoaded.has(name));
    if (names.length) {
      for (const category of await this.#platform.run('findCategories', { by: { name: names } })) this.#add(category);
      for (const name of names) this.#namesLoaded.add(name);
    }
    // Per path: the category reached so far (null once a level failed), the levels it created, why it failed.
    const parents: (number | null)[] = paths.map(() => 0);
    const created: string[][] = paths.map(() => []);
    const reasons: string[] = paths.map(() => '');
    const failures = new Map<number, string>();
    const depth = Math.max(...paths.map((path) => path.names.length));
    for (let level = 0; level < depth; level++) {
      const missing = new Map<string, { parent: number; name: string; label: string }>();
      paths.forEach((path, index) => {
        const parent = parents[index] ?? null;
        if (parent === null || level >= path.names.length) return;
        const name = path.names[level]!;
        if (!this.#children.get(parent)?.has(name)) missing.set(`${parent}/${name}`, { parent, name, label: path.names.slice(0, level + 1).join('/') });
      });
      const wanted = [...missing.values()];
      const results = await this.#platform.run('createCategories', wanted.map(({ parent, name }) => ({ parent, name, visible: this.#visible })));
      const createdNow = new Set<string>();
      wanted.forEach((item, index) => {
        const result = results[index]!;
        if (result.ok) {
          this.#add({ id: result.value.id, name: item.name, idnumber: '', parent: item.parent, path: '', visible: this.#visible });
          createdNow.add(`${item.parent}/${item.name}`);
        } else failures.set(item.parent, result.error.message);
      });
      paths.forEach((path, index) => {
        const parent = parents[index] ?? null;
        if (parent === null || level >= path.names.length) return;
        const name = path.names[level]!;
        const category = this.#children.get(parent)?.get(name);
        if (!category) {
          parents[index] = null;
          reasons[index] = failures.get(parent) ?? '';
          return;
        }
        // The first path of the batch through a created level reports it.
        if (createdNow.delete(`${parent}/${name}`)) created[index]!.push(path.names.slice(0, level + 1).join('/'));
        parents[index] = category.id;
      });
    }
    paths.forEach((path, index) => {
      const id = parents[index] ?? null;
      this.#answers.set(
        requestKey(path),
        id === null
          ? { ok: false, code: 'COURSES_UPLOAD_CATEGORY_FAILED', params: { reason: reasons[index]! } }
          : { ok: true, id, label: path.value, created: created[index]! },
      );
    });
  }

  #add(category: PlatformCategory): void {
    const siblings = this.#children.get(category.parent) ?? new Map<string, PlatformCategory>();
    if (!siblings.has(category.name)) siblings.set(category.name, category);
    this.#children.set(category.parent, siblings);
  }
}

function requestKey(request: CategoryRequest): string {
  return `${request.by}:${request.value}`;
}
