import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** A row error as the report wrote it. */
export interface ReportError {
  readonly line: number;
  readonly column: string | null;
  readonly message: string;
}

// `line 12 [error] column "email": …` in English, `ligne 12 [erreur] …` in French.
const ERROR_LINE = /^(?:line|ligne) (\d+) \[(?:error|erreur)\] (.*)$/u;
const COLUMN = /(?:column|colonne) "?([\w-]+)"?/u;

/**
 * The row errors of a run's full report, one page of them and how many there are, read line by line so that
 * a million-row report costs no memory.
 */
export async function readReportErrors(reportFile: string, page: { offset: number; limit: number }): Promise<{ total: number; errors: ReportError[] }> {
  const errors: ReportError[] = [];
  let total = 0;
  if (!existsSync(reportFile)) return { total, errors };
  const lines = createInterface({ input: createReadStream(reportFile, 'utf8'), crlfDelay: Infinity });
  for await (const text of lines) {
    const match = ERROR_LINE.exec(text);
    if (!match) continue;
    if (total >= page.offset && errors.length < page.limit) {
      errors.push({ line: Number(match[1]), column: COLUMN.exec(match[2]!)?.[1] ?? null, message: match[2]! });
    }
    total++;
  }
  return { total, errors };
}
