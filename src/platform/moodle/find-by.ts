/** Whether a record matches one of the values asked for one of its fields (exact, as the embedded platform compares). */
export function matchesBy<R extends object>(record: R, by: { readonly [field: string]: readonly string[] | undefined }): boolean {
  return Object.entries(by).some(([field, values]) => values?.includes(String((record as Record<string, unknown>)[field])));
}

/** In id order, as the port answers lists. */
export function byId<R extends { readonly id: number }>(records: readonly R[]): R[] {
  return [...records].sort((a, b) => a.id - b.id);
}
