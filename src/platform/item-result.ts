/**
 * What a platform says about one item of a batched write.
 * `rejected` becomes a row error; `transient` was already retried by the platform and still failed;
 * `config` means the platform cannot do this at all (the run fails with one clear line).
 */
export type ItemErrorKind = 'rejected' | 'transient' | 'config';

export interface ItemError {
  readonly kind: ItemErrorKind;
  /** Stable code, such as `PLATFORM_USERNAME_TAKEN` or Moodle's `errorcode`. */
  readonly code: string;
  /** Readable reason in English (platform messages are not translated by the platform). */
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type ItemResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ItemError };

export function succeeded<T>(value: T): ItemResult<T> {
  return { ok: true, value };
}

/**
 * What `Platform.unavailable` answers for an operation the platform refuses item by item, every item the same way
 * (a Moodle without the plugin function it needs): a simulation answers each item with `refusal` as the real run would.
 */
export class EachItemRefused extends Error {
  readonly refusal: ItemResult<never>;

  constructor(refusal: ItemResult<never>) {
    super(refusal.ok ? 'refused' : refusal.error.message);
    this.refusal = refusal;
  }
}

export function rejected(code: string, message: string, params?: Record<string, string | number>): ItemResult<never> {
  return { ok: false, error: { kind: 'rejected', code, message, ...(params ? { params } : {}) } };
}
