/**
 * The one error class of tool-sync, for whole-file, configuration and API failures.
 * Row problems are never thrown: they are outcome values (see processors/processor.ts).
 *
 * `message` is what a user reads; `detail` is internal and only ever logged.
 */
export class ToolSyncError extends Error {
  /** Stable code, `AREA_WHAT`, never reused. */
  readonly code: string;
  /** HTTP status when the error reaches the API. */
  readonly statusCode: number;
  /** Values substituted into the message template, kept for translation. */
  readonly params: Readonly<Record<string, string | number>>;
  /** Whether the message may be shown to an API client as is. */
  readonly expose: boolean;
  /** Internal detail for the log only. */
  readonly detail?: string;

  constructor(
    code: string,
    message: string,
    options: {
      statusCode?: number;
      params?: Record<string, string | number>;
      cause?: unknown;
      detail?: string;
      expose?: boolean;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ToolSyncError';
    this.code = code;
    this.statusCode = options.statusCode ?? 500;
    this.params = Object.freeze({ ...options.params });
    this.expose = options.expose ?? this.statusCode < 500;
    this.detail = options.detail;
  }
}

/** A message in both languages of the product. `{name}` placeholders are filled from params. */
export interface Bilingual {
  readonly en: string;
  readonly fr: string;
}

export type Lang = keyof Bilingual;

const compiledTemplates = new Map<string, readonly string[]>();

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function formatMessage(template: string, params: Readonly<Record<string, unknown>> = {}): string {
  // Split once per template (odd indexes are names): reports format a message per row.
  let parts = compiledTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    compiledTemplates.set(template, parts);
  }
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = params[parts[i]!];
    text += (value === undefined ? `{${parts[i]}}` : String(value)) + parts[i + 1];
  }
  return text;
}

/** A factory for one error code, declared once in a layer's catalogue. */
export interface ErrorFactory {
  (params?: Record<string, string | number>, options?: { cause?: unknown; detail?: string }): ToolSyncError;
  readonly code: string;
  readonly text: Bilingual;
  readonly statusCode: number;
}

/**
 * Declares an error code with its English and French templates.
 *
 * @example
 * const CSV_UNCLOSED_QUOTE = createError('CSV_UNCLOSED_QUOTE',
 *   { en: '{file}, line {line}: quote not closed', fr: '{file}, ligne {line} : guillemet non fermé' }, 422);
 * throw CSV_UNCLOSED_QUOTE({ file: 'users.csv', line: 4 });
 */
export function createError(code: string, text: Bilingual, statusCode = 500): ErrorFactory {
  const factory = (params: Record<string, string | number> = {}, options: { cause?: unknown; detail?: string } = {}) =>
    new ToolSyncError(code, formatMessage(text.en, params), { statusCode, params, ...options });
  return Object.assign(factory, { code, text, statusCode });
}

/** The message of an error in the requested language (falls back to the English message). */
export function localizedMessage(error: ToolSyncError, catalogue: ReadonlyMap<string, ErrorFactory>, lang: Lang): string {
  const factory = catalogue.get(error.code);
  return factory ? formatMessage(factory.text[lang], error.params) : error.message;
}
