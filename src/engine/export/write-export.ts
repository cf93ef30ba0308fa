import { once } from 'node:events';
import { formatCsvLine } from '../../csv/writer.js';
import { EXPORT_ENTITIES, type ExportEntity } from '../../platform/platform.js';
import type { Engine } from '../engine.js';

export { EXPORT_ENTITIES, type ExportEntity };

export type ExportFormat = 'csv' | 'json';

/**
 * Writes what the platform holds of an entity, streaming page by page: CSV in the configured separator
 * (a file the processors can read back), or a JSON array of objects. `neutralizeFormulas` is for files meant
 * for spreadsheets (downloads), never for files meant to be fed back.
 */
export async function writeExport(
  engine: Engine,
  entity: ExportEntity,
  format: ExportFormat,
  out: NodeJS.WritableStream,
  options: { neutralizeFormulas?: boolean } = {},
): Promise<number> {
  const separator = (await engine.settings.snapshot()).choice('csvseparator');
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const csv = { separator, neutralizeFormulas: options.neutralizeFormulas ?? false };
  let count = 0;
  let header = format === 'csv';
  if (format === 'json') await write('[');
  for await (const page of engine.platform.exportEntity(entity)) {
    if (header) await write(`${formatCsvLine(page.columns, csv)}\n`);
    header = false;
    for (const row of page.rows) {
      if (format === 'csv') await write(`${formatCsvLine(row, csv)}\n`);
      else await write(`${count ? ',' : ''}\n${JSON.stringify(Object.fromEntries(page.columns.map((column, index) => [column, row[index]])))}`);
      count++;
    }
  }
  if (format === 'json') await write('\n]\n');
  return count;
}
