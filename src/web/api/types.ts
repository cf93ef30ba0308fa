/** The shapes of docs/api-v1.md, as the console reads them. */

export type Lang = 'en' | 'fr';

/** A text in both languages, as the API sends labels and help texts. */
export interface Bilingual {
  readonly en: string;
  readonly fr: string;
}

export type Role = 'admin' | 'viewer';

export interface Account {
  readonly username: string;
  readonly role: Role;
  readonly lang: Lang;
}

export interface Session {
  readonly account: Account;
  readonly csrfToken: string;
}

export interface ProcessorInfo {
  /** `users/add`. */
  readonly name: string;
  readonly processor: string;
  readonly action: string;
  /** Key of the setting that locates its input file. */
  readonly locationSetting?: string;
  readonly defaultFile?: string;
  /** Id of the settings group (screen) the processor belongs to. */
  readonly settingsGroup: string;
}

/** One allowed value of a select: the API may send bare values or values with labels. */
export type AllowedValue = string | { readonly value: string; readonly label?: Bilingual };

export type SettingScalar = string | number | boolean;

export interface Setting {
  readonly key: string;
  readonly type: 'text' | 'boolean' | 'integer' | 'select' | string;
  readonly allowed?: readonly AllowedValue[];
  readonly default: SettingScalar | null;
  readonly value: SettingScalar | null;
  readonly label: Bilingual;
  readonly help: Bilingual;
  readonly secret?: boolean;
  readonly isSet?: boolean;
  readonly min?: number;
  readonly max?: number;
}

export interface SettingsGroup {
  readonly id: string;
  readonly label: Bilingual;
  readonly settings: readonly Setting[];
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'succeeded_with_errors' | 'failed' | 'cancelled' | string;

export interface Run {
  readonly id: number;
  readonly processor: string;
  readonly action: string;
  readonly input: string | null;
  readonly simulate: boolean;
  readonly trigger: string;
  readonly status: RunStatus;
  readonly started: string | null;
  readonly finished: string | null;
  readonly counters: Readonly<Record<string, number | Readonly<Record<string, number>>>>;
  readonly rowsDone: number;
  readonly rowsTotal?: number | null;
  readonly report?: string | null;
  readonly tryback?: string | null;
  readonly archive?: string | null;
  readonly message?: string | null;
}

export interface RunError {
  readonly line: number | null;
  readonly column: string | number | null;
  readonly message: string;
}

export interface FileEntry {
  readonly name: string;
  readonly type: 'file' | 'dir';
  readonly size: number;
  readonly modified: string;
}

export interface Preview {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface Schedule {
  readonly task: string;
  /** The task's name in both languages. */
  readonly label?: Bilingual;
  readonly processor?: string;
  readonly enabled: boolean;
  readonly cron: string;
  readonly next: readonly string[];
  readonly nextInWords: readonly Bilingual[];
  readonly lastRun?: { readonly id: number; readonly status: RunStatus; readonly finished: string | null } | null;
}

export interface DataPage {
  readonly total: number;
  readonly columns: readonly string[];
  /** Rows as arrays in the order of `columns`, or as objects keyed by column. */
  readonly rows: readonly (readonly unknown[] | Readonly<Record<string, unknown>>)[];
}

export interface TokenInfo {
  readonly id: string | number;
  readonly name: string;
  readonly role: Role;
  readonly created: string;
  readonly lastUsed: string | null;
}
