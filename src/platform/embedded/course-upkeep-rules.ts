import { rejected, succeeded, type ItemResult } from '../item-result.js';
import type { MetaLink, MetaLinkAdded, MetaLinkRequest, Removed } from '../operations.js';
import { reject, type Rejection } from './rejections.js';

/** An id named twice in one call is refused the second time: the first item removed it. */
export function checkCourseDeletions(ids: readonly number[], exists: (id: number) => boolean): (Rejection | null)[] {
  const deleted = new Set<number>();
  return ids.map((id) => {
    if (deleted.has(id) || !exists(id)) return reject.courseNotFound(id);
    deleted.add(id);
    return null;
  });
}

/** What checking metacourse links needs to know about the platform. */
export interface MetaLinkView {
  courseExists(courseId: number): boolean;
  /** The link of a meta course to a parent, when there is one. */
  link(courseId: number, parentId: number): MetaLink | undefined;
}

/** A link to add: refused, already there (`existing`, to enable again or not), to create, or as an earlier item of the call. */
export type MetaLinkVerdict = Rejection | { readonly existing: MetaLinkAdded; readonly enable: boolean } | { readonly create: true } | { readonly sameAs: number };

/**
 * Both courses must exist and differ; an enabled link answers `unchanged`, a disabled one is enabled again
 * (`restored`); a pair named earlier in the call answers what that item did, as `unchanged`.
 */
export function checkMetaLinks(items: readonly MetaLinkRequest[], view: MetaLinkView): MetaLinkVerdict[] {
  const earlier = new Map<string, number>();
  return items.map(({ courseId, parentId }, index): MetaLinkVerdict => {
    if (!view.courseExists(courseId)) return reject.courseNotFound(courseId);
    if (!view.courseExists(parentId)) return reject.courseNotFound(parentId);
    if (courseId === parentId) return rejected('PLATFORM_META_SELF_LINK', `Course ${courseId} cannot be a metacourse of itself`, { courseId });
    const key = `${courseId}:${parentId}`;
    const first = earlier.get(key);
    if (first !== undefined) return { sameAs: first };
    earlier.set(key, index);
    const link = view.link(courseId, parentId);
    if (!link) return { create: true };
    return { existing: { instanceId: link.instanceId, outcome: link.enabled ? 'unchanged' : 'restored' }, enable: !link.enabled };
  });
}

/** The answers of a call once the links to create have their instance ids (`created`, by item index). */
export function metaLinkResults(verdicts: readonly MetaLinkVerdict[], created: ReadonlyMap<number, number>): ItemResult<MetaLinkAdded>[] {
  const results: ItemResult<MetaLinkAdded>[] = [];
  verdicts.forEach((verdict, index) => {
    if ('create' in verdict) results.push(succeeded({ instanceId: created.get(index)!, outcome: 'created' }));
    else if ('sameAs' in verdict) {
      const first = results[verdict.sameAs]!;
      results.push(first.ok ? succeeded({ instanceId: first.value.instanceId, outcome: 'unchanged' }) : first);
    } else if ('existing' in verdict) results.push(succeeded(verdict.existing));
    else results.push(verdict);
  });
  return results;
}

/** Both courses must exist; no link (or one removed earlier in the call) answers `removed` false. */
export function checkMetaLinkRemovals(items: readonly MetaLinkRequest[], view: MetaLinkView): { results: ItemResult<Removed>[]; instanceIds: number[] } {
  const instanceIds: number[] = [];
  const results = items.map(({ courseId, parentId }): ItemResult<Removed> => {
    if (!view.courseExists(courseId)) return reject.courseNotFound(courseId);
    if (!view.courseExists(parentId)) return reject.courseNotFound(parentId);
    const link = view.link(courseId, parentId);
    if (!link || instanceIds.includes(link.instanceId)) return succeeded({ removed: false });
    instanceIds.push(link.instanceId);
    return succeeded({ removed: true });
  });
  return { results, instanceIds };
}

/** What checking category deletions needs to know about the platform. */
export interface CategoryDeletionView {
  exists(categoryId: number): boolean;
  hasCourses(categoryId: number): boolean;
  /** The sub-categories of a category that stand (not deleted earlier in the call). */
  children(categoryId: number): readonly number[];
}

/**
 * A category is deleted only when empty: no course, and no sub-category left (one deleted earlier in the call
 * does not count, so a tree is deleted leaves first). An unknown category is refused.
 */
export function checkCategoryDeletions(ids: readonly number[], view: CategoryDeletionView): (Rejection | null)[] {
  const deleted = new Set<number>();
  return ids.map((id) => {
    if (deleted.has(id) || !view.exists(id)) return reject.categoryNotFound(id);
    if (view.hasCourses(id) || view.children(id).some((child) => !deleted.has(child))) {
      return rejected('PLATFORM_CATEGORY_NOT_EMPTY', `Course category ${id} is not empty (it holds courses or sub-categories)`, { categoryId: id });
    }
    deleted.add(id);
    return null;
  });
}
