import type { Lang } from './types';

/** An error answered by the API (`{ error: { code, message, details? } }`), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per-field problems, when the API names them (settings, schedules, forms). */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

let csrfToken = '';
let onUnauthorized: () => void = () => undefined;

/** What to do when the service answers 401 to a page's request: the session has ended (idle, revoked, restarted). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}
let language: Lang = 'en';

/** Remembers the CSRF token of the session; every state-changing request sends it. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** The language the API should answer errors in before an account is known. */
export function setRequestLanguage(lang: Lang): void {
  language = lang;
}

/** Reads the per-field details of an error body, whatever their form: a map, or a list of { key|field, message }. */
function fieldsOf(details: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  const text = (value: unknown): string =>
    typeof value === 'string' ? value : value && typeof value === 'object' && language in value ? String((value as Record<string, unknown>)[language]) : JSON.stringify(value);
  if (Array.isArray(details)) {
    for (const item of details) {
      const key = item?.key ?? item?.field ?? item?.path;
      if (key !== undefined) fields[String(key)] = text(item.message ?? item.expected ?? item);
    }
  } else if (details && typeof details === 'object') {
    const map = (details as Record<string, unknown>).fields ?? details;
    if (Array.isArray(map)) return fieldsOf(map);
    for (const [key, value] of Object.entries(map as Record<string, unknown>)) fields[key] = text(value);
  }
  return fields;
}

async function failure(response: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: unknown }; code?: string; message?: string; details?: unknown } = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const error = body.error ?? body;
  return new ApiError(response.status, error.code ?? `HTTP_${response.status}`, error.message ?? response.statusText, fieldsOf(error.details));
}

/**
 * Calls the API: JSON in (or FormData as is), JSON out; throws ApiError on any status >= 400.
 *
 * @example
 * const { runs } = await api<{ runs: { id: number }[] }>('POST', '/runs', { processor: 'users/add', simulate: true });
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
  if (response.status === 401 && !path.startsWith('/session') && !path.startsWith('/setup')) onUnauthorized();
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** A query string from the defined, non-empty values. */
export function query(values: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The URL of an API resource for a link or an <img> (downloads go through the browser, with the cookie). */
export function apiUrl(path: string): string {
  return `/api/v1${path}`;
}
