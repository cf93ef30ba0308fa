import { newSecret, sameSecret } from './secrets.js';

/**
 * The one-time code of the first administrator's setup link, printed at start while no account exists. It lives
 * in memory only: a restart prints a new one, and creating the first account ends it.
 */
export class SetupGate {
  #code: string | null;

  constructor(code: string = newSecret(24)) {
    this.#code = code;
  }

  get code(): string | null {
    return this.#code;
  }

  matches(code: string): boolean {
    return this.#code !== null && sameSecret(code, this.#code);
  }

  close(): void {
    this.#code = null;
  }
}
