import type { Bilingual } from '../errors.js';

/** The sections of the settings screens, in the order the original's form shows them. */
export const SETTING_SECTIONS = [
  'courses',
  'users',
  'enrols',
  'userpictures',
  'cohorts',
  'groups',
  'fileformat',
  'postprocess',
  'platform',
  'service',
] as const;

export type SettingSection = (typeof SETTING_SECTIONS)[number];

export type SettingValue = string | number | boolean;

interface BaseDefinition {
  /** The original plugin's config key (`users_primaryidentity`), or a new key for an extension. */
  readonly key: string;
  /** The screen the setting belongs to. */
  readonly section: SettingSection;
  /** Short label shown next to the field. */
  readonly label: Bilingual;
  /** The "?" help text: what the setting does, in full sentences. */
  readonly help: Bilingual;
  /** True when the key does not exist in the original plugin. */
  readonly extension?: boolean;
}

/** Free text, such as a file location inside the command file area. */
export interface TextDefinition extends BaseDefinition {
  readonly type: 'text';
  readonly default: string;
}

/** A yes/no switch (the original's checkbox, advcheckbox or 1/0 radio). */
export interface BooleanDefinition extends BaseDefinition {
  readonly type: 'boolean';
  readonly default: boolean;
}

/** A whole number within bounds. */
export interface IntegerDefinition extends BaseDefinition {
  readonly type: 'integer';
  readonly default: number;
  readonly min: number;
  readonly max?: number;
}

/** One value out of a fixed list; values are the original's stored values. */
export interface SelectDefinition extends BaseDefinition {
  readonly type: 'select';
  readonly default: string;
  readonly options: readonly { readonly value: string; readonly label: Bilingual }[];
}

export type SettingDefinition = TextDefinition | BooleanDefinition | IntegerDefinition | SelectDefinition;
