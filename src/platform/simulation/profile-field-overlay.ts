import { checkNewProfileFields } from '../embedded/user-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { PlatformProfileField } from '../operations.js';
import type { Platform } from '../platform.js';

/** Custom profile fields created during a simulation (negative ids), listed after the real ones. */
export class ProfileFieldOverlay {
  readonly #real: Platform;
  readonly #created: PlatformProfileField[] = [];

  constructor(real: Platform) {
    this.#real = real;
  }

  async findProfileFields(input: { readonly shortnames: readonly string[] }): Promise<PlatformProfileField[]> {
    const real = await this.#real.run('findProfileFields', input);
    const asked = new Set(input.shortnames);
    return [...real, ...this.#created.filter((field) => asked.has(field.shortname))];
  }

  /** The shortnames, among these, of fields that exist in the simulation. */
  async existing(shortnames: readonly string[]): Promise<Set<string>> {
    if (!shortnames.length) return new Set();
    return new Set((await this.findProfileFields({ shortnames })).map((field) => field.shortname));
  }

  async createProfileFields(fields: readonly { readonly shortname: string; readonly name: string }[]): Promise<ItemResult<{ id: number }>[]> {
    const taken = await this.existing(fields.map((field) => field.shortname));
    const verdicts = checkNewProfileFields(fields, (shortname) => taken.has(shortname));
    return fields.map(({ shortname, name }, index) => {
      const verdict = verdicts[index];
      if (verdict) return verdict;
      const id = -(this.#created.length + 1);
      this.#created.push({ id, shortname, name, datatype: 'text' });
      return succeeded({ id });
    });
  }
}
