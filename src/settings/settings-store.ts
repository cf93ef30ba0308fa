import type { StoreDb } from '../store/database.js';
import { deleteSettingRows, readSettingRows, upsertSettingRows } from '../store/settings-table.js';
import { SETTINGS } from './registry.js';
import { SETTINGS_INVALID_VALUE, SETTINGS_UNKNOWN_KEY } from './settings-errors.js';
import type { SettingDefinition, SettingValue } from './setting-definition.js';

const DEFINITIONS = new Map(SETTINGS.map((definition) => [definition.key, definition]));

/** The definition of a key, or a clear error naming it. */
export function settingDefinition(key: string): SettingDefinition {
  const definition = DEFINITIONS.get(key);
  if (!definition) throw SETTINGS_UNKNOWN_KEY({ key });
  return definition;
}

/** A frozen view of every setting (saved value or default), taken once at the start of a run. */
export interface Settings {
  text(key: string): string;
  bool(key: string): boolean;
  int(key: string): number;
  /** The value of a select. */
  choice(key: string): string;
  /** Every key with its value. */
  all(): ReadonlyMap<string, SettingValue>;
}

/** Settings persisted in the store. Saving touches only the keys given, never the others (the original wiped them). */
export class SettingsStore {
  readonly #db: StoreDb;

  constructor(db: StoreDb) {
    this.#db = db;
  }

  async snapshot(): Promise<Settings> {
    const rows = await readSettingRows(this.#db);
    const values = new Map<string, SettingValue>(SETTINGS.map((definition) => [definition.key, definition.default]));
    for (const row of rows) {
      const definition = DEFINITIONS.get(row.key);
      if (definition) values.set(row.key, validateSetting(definition, JSON.parse(row.value)));
    }
    return createSettings(values);
  }

  /** Validates every value first, then saves them together; nothing is saved when one is invalid. */
  async save(changes: Readonly<Record<string, unknown>>): Promise<void> {
    const rows = Object.entries(changes).map(([key, value]) => ({
      key,
      value: JSON.stringify(validateSetting(settingDefinition(key), value)),
    }));
    await upsertSettingRows(this.#db, rows);
  }

  /** Forgets saved values so the defaults apply again. */
  async reset(keys: readonly string[]): Promise<void> {
    keys.forEach(settingDefinition);
    await deleteSettingRows(this.#db, keys);
  }
}

/** Settings from plain values, defaults filling the rest (for tests and one-off runs). */
export function createSettings(overrides: ReadonlyMap<string, SettingValue> | Readonly<Record<string, SettingValue>> = {}): Settings {
  const entries = overrides instanceof Map ? [...overrides] : Object.entries(overrides);
  const values = new Map<string, SettingValue>(SETTINGS.map((definition) => [definition.key, definition.default]));
  for (const [key, value] of entries) values.set(key, validateSetting(settingDefinition(key), value));
  const typed = <T extends SettingValue>(key: string, type: SettingDefinition['type']): T => {
    if (settingDefinition(key).type !== type) throw new Error(`setting ${key} is not of type ${type}`);
    return values.get(key) as T;
  };
  return Object.freeze({
    text: (key: string) => typed<string>(key, 'text'),
    bool: (key: string) => typed<boolean>(key, 'boolean'),
    int: (key: string) => typed<number>(key, 'integer'),
    choice: (key: string) => typed<string>(key, 'select'),
    all: () => values,
  });
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on', 'oui']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off', 'non', '']);

/** Checks and normalises a value for its definition; text from a command line is accepted for every type. */
export function validateSetting(definition: SettingDefinition, value: unknown): SettingValue {
  const invalid = (expected: string) => SETTINGS_INVALID_VALUE({ key: definition.key, value: String(value), expected });
  switch (definition.type) {
    case 'text':
      if (typeof value !== 'string') throw invalid('text');
      return value.trim();
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const word = String(value).trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      throw invalid('yes or no (1/0)');
    }
    case 'integer': {
      const number = typeof value === 'number' ? value : Number(String(value).trim());
      const max = definition.max ?? Number.MAX_SAFE_INTEGER;
      if (!Number.isInteger(number) || number < definition.min || number > max) {
        throw invalid(`a whole number from ${definition.min}${definition.max === undefined ? '' : ` to ${definition.max}`}`);
      }
      return number;
    }
    case 'select': {
      // A tab cannot be typed on a command line: `tab` and `\t` name it.
      const text = String(value) === 'tab' || String(value) === '\\t' ? '\t' : String(value);
      const option = definition.options.find((candidate) => candidate.value === text) ??
        definition.options.find((candidate) => candidate.value === text.trim());
      if (!option) throw invalid(`one of ${definition.options.map((candidate) => JSON.stringify(candidate.value)).join(', ')}`);
      return option.value;
    }
  }
}
