/**
 * A CSV the service writes for download (data pages, run errors): every value that a spreadsheet would read as a
 * formula (starting with `=`, `+`, `-`, `@`, or a tab or carriage return before one) is neutralised with a
 * leading apostrophe, then quoted per RFC 4180. UTF-8 with a BOM, so that spreadsheets read accents right.
 */
export function toDownloadCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [columns, ...rows].map((row) => row.map((value) => quote(neutralise(value === null || value === undefined ? '' : String(value)))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** `=SUM(A1)` → `'=SUM(A1)`: text a spreadsheet shows, never runs (OWASP CSV injection). */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** `Content-Disposition` for a download, with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/gu, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
