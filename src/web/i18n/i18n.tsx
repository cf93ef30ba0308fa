import { createContext, useContext, type ReactNode } from 'react';
import type { Bilingual, Lang } from '../api/types';
import { EN, type MessageKey } from './en';
import { FR } from './fr';

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en: EN, fr: FR };

export interface I18n {
  readonly lang: Lang;
  /** A message of the catalogue, with `{name}` placeholders filled. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A message by a key built at run time (`status.${status}`); the fallback when the catalogue has no such key. */
  label(key: string, fallback: string): string;
  /** The current language's side of a text the API sent in both languages. */
  pick(text: Bilingual | null | undefined): string;
  /** A date and time in the current language. */
  date(iso: string | null | undefined): string;
  /** A number with the language's grouping. */
  number(value: number): string;
  /** The time between two dates, short enough for a table ("3.8 s", "2 min 5 s"; "3,8 s" in French). */
  duration(started: string | null | undefined, finished: string | null | undefined): string;
  /** A byte size (12.4 kB). */
  size(bytes: number): string;
}

/** The i18n helpers of one language. */
export function createI18n(lang: Lang): I18n {
  const catalogue = CATALOGUES[lang];
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    lang,
    t: (key, params) => catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole)),
    label: (key, fallback) => (key in catalogue ? catalogue[key as MessageKey] : fallback),
    pick: (text) => (text ? text[lang] ?? text.en : ''),
    date: (iso) => (iso ? dates.format(new Date(iso)) : '—'),
    number: (value) => numbers.format(value),
    duration: (started, finished) => {
      if (!started || !finished) return '—';
      const seconds = (Date.parse(finished) - Date.parse(started)) / 1000;
      if (seconds < 60) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: seconds < 10 ? 1 : 0 }).format(seconds)} s`;
      return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
    },
    size: (bytes) => {
      const units = lang === 'fr' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
      let value = bytes;
      let unit = 0;
      while (value >= 1000 && unit < units.length - 1) {
        value /= 1000;
        unit++;
      }
      return `${unit === 0 ? value : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
    },
  };
}

const I18nContext = createContext<I18n>(createI18n('en'));

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <I18nContext.Provider value={createI18n(lang)}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** The language of a visitor before log-in: the one last chosen on this browser, else the browser's. */
export function guessLanguage(): Lang {
  const stored = localStorage.getItem('tool-sync.lang');
  if (stored === 'en' || stored === 'fr') return stored;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function rememberLanguage(lang: Lang): void {
  localStorage.setItem('tool-sync.lang', lang);
}
