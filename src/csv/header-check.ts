import {
  CSV_DUPLICATE_COLUMN,
  CSV_EMPTY_COLUMN_NAME,
  CSV_MISSING_COLUMN,
  CSV_UNKNOWN_COLUMN,
  CSV_WRONG_SEPARATOR,
} from './csv-errors.js';
import { SEPARATORS, separatorName } from './dialect.js';

/** The columns a file type accepts. */
export interface ColumnSpec {
  /** Columns the header must hold. */
  readonly required: readonly string[];
  /** Other known columns. */
  readonly optional: readonly string[];
  /** Families of columns such as `course\d+`; each pattern must match the whole name. */
  readonly patterns?: readonly RegExp[];
}

/** Where a header was read, for messages. */
export interface HeaderPlace {
  readonly file: string;
  readonly line: number;
}

/**
 * Checks a header against a column spec and returns the column names (trimmed, trailing empty names dropped).
 * Throws a whole-file error naming the file, line and column: missing required column, unknown column (unless
 * `acceptUnknown`, the original's `invalidnamesnocheck`), duplicate or empty name, or a separator mismatch.
 */
export function checkHeader(
  fields: readonly string[],
  spec: ColumnSpec,
  separator: string,
  place: HeaderPlace,
  acceptUnknown: boolean,
): string[] {
  const names = fields.map((name) => name.trim());
  while (names.length > 1 && names.at(-1) === '') names.pop();
  checkSeparator(names, separator, place);
  const known = new Set([...spec.required, ...spec.optional]);
  const seen = new Set<string>();
  names.forEach((name, index) => {
    const position = index + 1;
    if (name === '') throw CSV_EMPTY_COLUMN_NAME({ ...place, position });
    if (seen.has(name)) throw CSV_DUPLICATE_COLUMN({ ...place, position, column: name });
    seen.add(name);
    const isKnown = known.has(name) || (spec.patterns ?? []).some((pattern) => matchesWhole(pattern, name));
    if (!isKnown && !acceptUnknown) throw CSV_UNKNOWN_COLUMN({ ...place, position, column: name });
  });
  const missing = spec.required.find((column) => !seen.has(column));
  if (missing !== undefined) {
    throw CSV_MISSING_COLUMN({ ...place, column: missing, required: spec.required.join(', ') });
  }
  return names;
}

/** Whether `name` matches `pattern` from its first to its last character (the original matched substrings). */
export function matchesWhole(pattern: RegExp, name: string): boolean {
  // Anchoring the source (rather than checking where the first match falls) also finds a whole-name match behind a
  // shorter alternative or a lazy quantifier; dropping g and y makes the answer independent of `lastIndex`, dropping m
  // keeps ^ and $ at the ends of the name.
  return new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gmy]/g, '')).test(name);
}

function checkSeparator(names: readonly string[], separator: string, place: HeaderPlace): void {
  for (const other of SEPARATORS) {
    if (other === separator) continue;
    if (names.some((name) => name.includes(other))) {
      throw CSV_WRONG_SEPARATOR({ ...place, found: separatorName(other), expected: separatorName(separator) });
    }
  }
}
