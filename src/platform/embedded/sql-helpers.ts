/** Splits a list into parts of at most `size` items (bound parameters per statement stay low on both databases). */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Moodle keeps times as Unix seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
