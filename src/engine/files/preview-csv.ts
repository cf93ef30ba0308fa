import { resolveEncoding, type EncodingSetting } from '../../csv/decode.js';
import type { Separator } from '../../csv/dialect.js';
import { openCsvTable } from '../../csv/reader.js';
import type { Settings } from '../../settings/settings-store.js';

/** The header and first rows of a CSV file (`rows[i]` holds the values of `columns`, read at `lines[i]`), read the way a run reads it (encoding, separator, comments). */
export async function previewCsv(file: string, displayName: string, settings: Settings, rows: number) {
  const encoding = await resolveEncoding(file, settings.choice('encoding') as EncodingSetting, displayName);
  const table = await openCsvTable(file, { separator: settings.choice('csvseparator') as Separator, encoding }, {
    displayName,
    spec: { required: [], optional: [] },
    acceptUnknownColumns: true,
    batchSize: rows,
  });
  const columns = table.header.columns;
  const read: (string | null)[][] = [];
  const lines: number[] = [];
  for await (const batch of table.batches) {
    for (const row of batch) {
      if (read.length >= rows) break;
      read.push(columns.map((column) => row.value(column) ?? null));
      lines.push(row.line);
    }
    if (read.length >= rows) break;
  }
  return { columns, encoding, rows: read, lines };
}
